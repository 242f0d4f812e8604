using System.IO;
using HamletPS.Dicom;
using HamletPS.Dicom.Data;
using HamletPS.Dicom.Dictionary;
using HamletPS.Dicom.IO;

namespace HamletPS.PowerShell.Tests
{
    /// <summary>Small synthetic DICOM files written with our own codec (invented patients only).</summary>
    internal static class TestDicomFiles
    {
        private static int _counter;

        public static string Write(string folder, string patientId, string modality, string sopClassUid, string fileName = null)
        {
            Directory.CreateDirectory(folder);
            int n = System.Threading.Interlocked.Increment(ref _counter);
            string root = "2.25.1234567890123456789";
            var ds = new DicomDataset();
            ds.AddOrUpdate(DicomTags.SOPClassUID, sopClassUid);
            ds.AddOrUpdate(DicomTags.SOPInstanceUID, root + "." + n + ".3");
            ds.AddOrUpdate(DicomTags.StudyDate, "20240102");
            ds.AddOrUpdate(DicomTags.Modality, modality);
            ds.AddOrUpdate(DicomTags.PatientName, "SYNTH^PATIENT" + patientId);
            ds.AddOrUpdate(DicomTags.PatientID, patientId);
            ds.AddOrUpdate(DicomTags.StudyInstanceUID, root + ".1");
            ds.AddOrUpdate(DicomTags.SeriesInstanceUID, root + ".2." + modality.Length);
            ds.AddOrUpdate(DicomTags.SeriesNumber, "1");
            var file = new DicomFile(ds, DicomTransferSyntax.ExplicitVRLittleEndian);
            string path = Path.Combine(folder, fileName ?? (modality + "_" + n + ".dcm"));
            file.Save(path);
            return path;
        }

        public const string CtImageStorage = "1.2.840.10008.5.1.4.1.1.2";
        public const string RtStructureSetStorage = "1.2.840.10008.5.1.4.1.1.481.3";
    }
}
