using System;
using System.Collections.Generic;
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
    /// Missing values become "NA"; characters outside [A-Za-z0-9._-] become '_'. The protector budgets the full path
    /// (<see cref="Sorting.PathLengthBudget"/>): on Windows a UID in it may be its 17-character short form (the file's own
    /// UIDs are never changed by that).
    /// </summary>
    public sealed class OutputPathBuilder
    {
        public const string DefaultTemplate = "{StudyID}/{StudyInstanceUID}/{Modality}_{SeriesNumber}_{SeriesInstanceUID}/{SOPInstanceUID}.dcm";

        public OutputPathBuilder(string template = null)
        {
            Template = string.IsNullOrWhiteSpace(template) ? DefaultTemplate : template.Replace('\\', '/');
            if (Template.Contains("..")) throw new ArgumentException("The output path template may not contain '..'.", nameof(template));
            _segments = Parse(Template);
        }

        /// <summary>The template cut once into literal text and placeholder names (null literal: a placeholder).</summary>
        private readonly KeyValuePair<string, string>[] _segments;

        private static KeyValuePair<string, string>[] Parse(string template)
        {
            var segments = new List<KeyValuePair<string, string>>();
            var literal = new StringBuilder();
            for (int i = 0; i < template.Length; i++)
            {
                string name = template[i] == '{' ? PlaceholderAt(template, i) : null;
                if (name == null) { literal.Append(template[i]); continue; }
                if (literal.Length > 0) segments.Add(new KeyValuePair<string, string>(literal.ToString(), null));
                literal.Clear();
                segments.Add(new KeyValuePair<string, string>(null, name));
                i += name.Length + 1;
            }
            if (literal.Length > 0) segments.Add(new KeyValuePair<string, string>(literal.ToString(), null));
            return segments.ToArray();
        }

        private static string PlaceholderAt(string template, int brace)
        {
            foreach (string name in Placeholders)
                if (brace + name.Length + 1 < template.Length && template[brace + name.Length + 1] == '}' && string.CompareOrdinal(template, brace + 1, name, 0, name.Length) == 0)
                    return name;
            return null;
        }

        public string Template { get; }

        /// <summary>The relative path ('/' separated) for a protected dataset.</summary>
        public string Build(DicomDataset protectedDataset, string studyId) => Expand(Values(protectedDataset, studyId));

        /// <summary>The placeholder values (name without braces to value) of a protected dataset, for <see cref="Expand"/>.</summary>
        public static Dictionary<string, string> Values(DicomDataset protectedDataset, string studyId) => new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["StudyID"] = studyId,
            ["StudyInstanceUID"] = protectedDataset.GetUid(DicomTags.StudyInstanceUID),
            ["SeriesInstanceUID"] = protectedDataset.GetUid(DicomTags.SeriesInstanceUID),
            ["SOPInstanceUID"] = protectedDataset.GetUid(DicomTags.SOPInstanceUID),
            ["Modality"] = protectedDataset.GetString(DicomTags.Modality),
            ["SeriesNumber"] = protectedDataset.GetString(DicomTags.SeriesNumber),
            ["InstanceNumber"] = protectedDataset.GetString(DicomTags.InstanceNumber),
        };

        /// <summary>The relative path ('/' separated) from placeholder values (a missing one becomes "NA").</summary>
        /// <remarks>One pass over the template cut at construction (values never hold braces once sanitised, so no value can
        /// form a placeholder); an unknown "{name}" stays as written.</remarks>
        public string Expand(IDictionary<string, string> values)
        {
            var sb = new StringBuilder(Template.Length + 160);
            foreach (var segment in _segments)
            {
                if (segment.Key != null) { sb.Append(segment.Key); continue; }
                values.TryGetValue(segment.Value, out string value);
                sb.Append(Sanitize(value));
            }
            return sb.ToString();
        }

        private static readonly string[] Placeholders = { "StudyID", "StudyInstanceUID", "SeriesInstanceUID", "SOPInstanceUID", "Modality", "SeriesNumber", "InstanceNumber" };

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
