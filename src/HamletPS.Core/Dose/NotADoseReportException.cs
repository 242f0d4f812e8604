using System;

namespace HamletPS.Core.Dose
{
    /// <summary>A DICOM file that is not an X-Ray Radiation Dose SR (an image, another SR). Names the file and its SOP class only.</summary>
    public sealed class NotADoseReportException : HamletException
    {
        public NotADoseReportException(string path, string sopClassUid)
            : base(ErrorIds.NotADoseReport, path + ": not an X-Ray Radiation Dose SR (SOP Class " + (string.IsNullOrEmpty(sopClassUid) ? "absent" : sopClassUid) + ")")
        {
            FilePath = path;
            SopClassUid = sopClassUid;
        }

        public string FilePath { get; }

        public string SopClassUid { get; }
    }
}
