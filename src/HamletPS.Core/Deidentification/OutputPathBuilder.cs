using System;
using System.Globalization;
using System.Text;
using HamletPS.Dicom.Data;
using HamletPS.Dicom.Dictionary;

namespace HamletPS.Core.Deidentification
{
    /// <summary>
    /// Names a protected file from protected values only:
    /// <c>&lt;StudyID&gt;/&lt;StudyInstanceUID&gt;/&lt;Modality&gt;_&lt;SeriesNumber&gt;_&lt;SeriesInstanceUID&gt;/&lt;SOPInstanceUID&gt;.dcm</c>
    /// (placeholders: StudyID, StudyInstanceUID, SeriesInstanceUID, SOPInstanceUID, Modality, SeriesNumber, InstanceNumber).
    /// Missing values become "NA"; characters outside [A-Za-z0-9._-] become '_'.
    /// </summary>
    public sealed class OutputPathBuilder
    {
        public const string DefaultTemplate = "{StudyID}/{StudyInstanceUID}/{Modality}_{SeriesNumber}_{SeriesInstanceUID}/{SOPInstanceUID}.dcm";

        public OutputPathBuilder(string template = null)
        {
            Template = string.IsNullOrWhiteSpace(template) ? DefaultTemplate : template.Replace('\\', '/');
            if (Template.Contains("..")) throw new ArgumentException("The output path template may not contain '..'.", nameof(template));
        }

        public string Template { get; }

        /// <summary>The relative path ('/' separated) for a protected dataset.</summary>
        public string Build(DicomDataset protectedDataset, string studyId)
        {
            var sb = new StringBuilder(Template);
            Replace(sb, "{StudyID}", studyId);
            Replace(sb, "{StudyInstanceUID}", protectedDataset.GetUid(DicomTags.StudyInstanceUID));
            Replace(sb, "{SeriesInstanceUID}", protectedDataset.GetUid(DicomTags.SeriesInstanceUID));
            Replace(sb, "{SOPInstanceUID}", protectedDataset.GetUid(DicomTags.SOPInstanceUID));
            Replace(sb, "{Modality}", protectedDataset.GetString(DicomTags.Modality));
            Replace(sb, "{SeriesNumber}", protectedDataset.GetString(DicomTags.SeriesNumber));
            Replace(sb, "{InstanceNumber}", protectedDataset.GetString(DicomTags.InstanceNumber));
            return sb.ToString();
        }

        private static void Replace(StringBuilder sb, string placeholder, string value) => sb.Replace(placeholder, Sanitize(value));

        /// <summary>A safe file-name component.</summary>
        public static string Sanitize(string value)
        {
            value = value?.Trim(' ', '\0');
            if (string.IsNullOrEmpty(value)) return "NA";
            var sb = new StringBuilder(value.Length);
            foreach (char c in value)
                sb.Append((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-' ? c : '_');
            string s = sb.ToString().Trim('.');
            return s.Length == 0 ? "NA" : s.Length > 100 ? s.Substring(0, 100) : s;
        }
    }
}
