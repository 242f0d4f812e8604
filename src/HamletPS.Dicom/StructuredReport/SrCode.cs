using System;
using HamletPS.Dicom.Data;
using HamletPS.Dicom.Dictionary;

namespace HamletPS.Dicom.StructuredReport
{
    /// <summary>
    /// A coded concept (PS3.3 Table 8.8-1): code value, coding scheme designator and meaning. Two codes are the same concept
    /// when value and scheme match; the meaning is display text only and never compared.
    /// </summary>
    public sealed class SrCode : IEquatable<SrCode>
    {
        public SrCode(string value, string scheme, string? meaning = null)
        {
            Value = value ?? throw new ArgumentNullException(nameof(value));
            Scheme = scheme ?? throw new ArgumentNullException(nameof(scheme));
            Meaning = meaning;
        }

        /// <summary>Code Value, or Long Code Value, or URN Code Value, whichever the item carries.</summary>
        public string Value { get; }

        public string Scheme { get; }

        public string? Meaning { get; }

        /// <summary>A code from the DICOM Controlled Terminology (scheme DCM).</summary>
        public static SrCode Dcm(string value, string? meaning = null) => new SrCode(value, "DCM", meaning);

        /// <summary>The code of a code sequence item; null when the item has no code value or no scheme.</summary>
        public static SrCode? FromItem(DicomDataset item)
        {
            if (item == null) return null;
            string? value = Clean(item.GetString(DicomTags.CodeValue)) ?? Clean(item.GetString(DicomTags.LongCodeValue)) ?? Clean(item.GetString(DicomTags.URNCodeValue));
            string? scheme = Clean(item.GetString(DicomTags.CodingSchemeDesignator));
            if (value == null) return null;
            // A URN code value needs no scheme (PS3.3 8.8.1.1); any other code without one is not a usable concept.
            if (scheme == null)
            {
                if (item.Contains(DicomTags.URNCodeValue)) scheme = string.Empty;
                else return null;
            }
            return new SrCode(value, scheme, Clean(item.GetString(DicomTags.CodeMeaning)));
        }

        /// <summary>The first item's code of a code sequence in the dataset; null when absent or empty.</summary>
        public static SrCode? FromSequence(DicomDataset dataset, DicomTag sequenceTag)
        {
            var items = dataset.GetItems(sequenceTag);
            return items.Count == 0 ? null : FromItem(items[0]);
        }

        /// <summary>Same concept as <paramref name="value"/>/<paramref name="scheme"/> (scheme compared case-sensitively, as PS3.16 defines them).</summary>
        public bool Is(string value, string scheme) => string.Equals(Value, value, StringComparison.Ordinal) && string.Equals(Scheme, scheme, StringComparison.Ordinal);

        public bool Equals(SrCode? other) => other != null && Is(other.Value, other.Scheme);

        public override bool Equals(object? obj) => Equals(obj as SrCode);

        public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value) * 31 + StringComparer.Ordinal.GetHashCode(Scheme);

        /// <summary>(value, scheme, "meaning"), the way dsrdump prints codes.</summary>
        public override string ToString() => "(" + Value + "," + Scheme + ",\"" + Meaning + "\")";

        private static string? Clean(string? s)
        {
            if (s == null) return null;
            s = s.Trim(' ', '\0');
            return s.Length == 0 ? null : s;
        }
    }
}
