using HamletPS.Dicom.Data;
using HamletPS.Dicom.Dictionary;

namespace HamletPS.Core.Dose
{
    /// <summary>
    /// The study, patient and device values every dose report takes from its header, whether it is read from an RDSR
    /// (<see cref="DoseReportReader"/>) or from a mammography image (<see cref="MammographyHeaderReader"/>): one reading of
    /// them, with the same trimming and the same rule for sizes and weights (a positive, finite number or nothing).
    /// </summary>
    internal static class DoseReportHeader
    {
        /// <summary>A report holding <paramref name="dataset"/>'s header values; the caller adds what its source says.</summary>
        public static DoseReport Read(string path, DicomDataset dataset, string sopClassUid) => new DoseReport
        {
            Path = path,
            SOPClassUID = sopClassUid,
            SOPInstanceUID = dataset.GetUid(DicomTags.SOPInstanceUID),
            StudyInstanceUID = dataset.GetUid(DicomTags.StudyInstanceUID),
            StudyDate = dataset.GetDateTime(DicomTags.StudyDate, DicomTags.StudyTime),
            StudyDescription = Text(dataset, DicomTags.StudyDescription),
            AccessionNumber = Text(dataset, DicomTags.AccessionNumber),
            PatientID = Text(dataset, DicomTags.PatientID),
            PatientName = Text(dataset, DicomTags.PatientName),
            PatientAge = Text(dataset, DicomTags.PatientAge),
            PatientSex = Text(dataset, DicomTags.PatientSex),
            PatientSize = Positive(dataset, DicomTags.PatientSize),
            PatientWeight = Positive(dataset, DicomTags.PatientWeight),
            Manufacturer = Text(dataset, DicomTags.Manufacturer),
            ManufacturerModelName = Text(dataset, DicomTags.ManufacturerModelName),
            StationName = Text(dataset, DicomTags.StationName),
            DeviceSerialNumber = Text(dataset, DicomTags.DeviceSerialNumber),
            InstitutionName = Text(dataset, DicomTags.InstitutionName),
        };

        /// <summary>The element's text without padding; null when absent or empty.</summary>
        public static string Text(DicomDataset dataset, DicomTag tag)
        {
            string s = dataset.GetString(tag)?.Trim(' ', '\0');
            return string.IsNullOrEmpty(s) ? null : s;
        }

        /// <summary>The element's number when it is positive and finite; null otherwise.</summary>
        public static double? Positive(DicomDataset dataset, DicomTag tag) =>
            dataset.TryGetDouble(tag, out double v) && v > 0 && !double.IsInfinity(v) ? v : (double?)null;
    }
}
