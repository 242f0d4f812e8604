using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using HamletPS.Dicom.Data;
using HamletPS.Dicom.Dictionary;

namespace HamletPS.Core.Deidentification.Pixels
{
    /// <summary>
    /// The header values a pixel rule matches: each field is a list of alternatives with <c>*</c> and <c>?</c> wildcards,
    /// compared case-insensitively and without surrounding spaces; every given field must match (absent fields match anything).
    /// Image Type is compared as its whole value with backslashes (e.g. <c>DERIVED\SECONDARY*</c>).
    /// </summary>
    public sealed class PixelRuleCondition
    {
        /// <summary>The field names accepted in a profile's <c>when:</c> mapping.</summary>
        public static readonly IReadOnlyList<string> FieldNames = new[] { "manufacturer", "model", "rows", "columns", "sopClass", "modality", "imageType" };

        private readonly Dictionary<string, Regex[]> _fields = new Dictionary<string, Regex[]>(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, string[]> _text = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);

        /// <summary>Adds a field's alternatives; the name must be one of <see cref="FieldNames"/>.</summary>
        public void Add(string field, IEnumerable<string> patterns)
        {
            string name = FieldNames.FirstOrDefault(f => string.Equals(f, field, StringComparison.OrdinalIgnoreCase))
                ?? throw new ArgumentException("unknown condition field '" + field + "' (" + string.Join(", ", FieldNames) + ")");
            var list = patterns.Select(p => (p ?? "").Trim()).ToArray();
            if (list.Length == 0) throw new ArgumentException("condition field '" + name + "' has no value");
            _text[name] = list;
            _fields[name] = list.Select(Compile).ToArray();
        }

        public bool IsEmpty => _fields.Count == 0;

        public bool Matches(DicomDataset ds)
        {
            foreach (var kv in _fields)
            {
                string value = Value(ds, kv.Key) ?? "";
                if (!kv.Value.Any(r => r.IsMatch(value))) return false;
            }
            return true;
        }

        /// <summary>The header value a condition field compares with (trimmed; Image Type joined with backslashes).</summary>
        public static string Value(DicomDataset ds, string field)
        {
            switch (field.ToLowerInvariant())
            {
                case "manufacturer": return ds.GetString(DicomTags.Manufacturer)?.Trim();
                case "model": return ds.GetString(DicomTags.ManufacturerModelName)?.Trim();
                case "rows": return ds.TryGetInt(DicomTags.Rows, out int r) ? r.ToString(CultureInfo.InvariantCulture) : null;
                case "columns": return ds.TryGetInt(DicomTags.Columns, out int c) ? c.ToString(CultureInfo.InvariantCulture) : null;
                case "sopclass": return ds.GetUid(DicomTags.SOPClassUID);
                case "modality": return ds.GetString(DicomTags.Modality)?.Trim();
                case "imagetype":
                    var parts = ds.GetStrings(DicomTags.ImageType);
                    return parts == null ? null : string.Join("\\", parts.Select(p => p.Trim()));
                default: return null;
            }
        }

        private static Regex Compile(string pattern) =>
            new Regex("^" + Regex.Escape(pattern).Replace("\\*", ".*").Replace("\\?", ".") + "$",
                RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline);

        public override string ToString() =>
            "{ " + string.Join(", ", _text.Select(kv => kv.Key + ": " + (kv.Value.Length == 1 ? kv.Value[0] : "[" + string.Join(", ", kv.Value) + "]"))) + " }";
    }
}
