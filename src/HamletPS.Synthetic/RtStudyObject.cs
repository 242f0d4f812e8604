using HamletPS.Dicom.Data;

namespace HamletPS.Synthetic
{
    /// <summary>One generated object: its dataset and where it goes relative to the study folder.</summary>
    public sealed class RtStudyObject
    {
        public RtStudyObject(RtObjectKind kind, string relativePath, DicomDataset dataset)
        {
            Kind = kind;
            RelativePath = relativePath;
            Dataset = dataset;
        }

        public RtObjectKind Kind { get; }

        /// <summary>Path below the study folder, with '/' separators (e.g. "CT/CT0001.dcm").</summary>
        public string RelativePath { get; }

        public DicomDataset Dataset { get; }

        public string SopClassUid => Dataset.GetUid(HamletPS.Dicom.Dictionary.DicomTags.SOPClassUID);

        public string SopInstanceUid => Dataset.GetUid(HamletPS.Dicom.Dictionary.DicomTags.SOPInstanceUID);

        public override string ToString() => Kind + " " + RelativePath;
    }
}
