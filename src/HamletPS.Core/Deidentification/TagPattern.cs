using System;
using System.Globalization;
using HamletPS.Dicom.Data;
using HamletPS.Dicom.Dictionary;

namespace HamletPS.Core.Deidentification
{
    /// <summary>
    /// A tag selector of a profile: an exact tag "(0010,0010)", a PS3.6 keyword "PatientName", or a group mask with 'x' for any
    /// hex digit, e.g. "(0019,xxxx)" (every element of group 0019) or "(60xx,3000)" (overlay data of every overlay group).
    /// </summary>
    public sealed class TagPattern
    {
        private TagPattern(string text, uint value, uint mask)
        {
            Text = text;
            Value = value;
            Mask = mask;
        }

        /// <summary>The selector as written in the profile.</summary>
        public string Text { get; }

        /// <summary>Tag bits (wildcard nibbles zero).</summary>
        public uint Value { get; }

        /// <summary>Bits that must match; 0xFFFFFFFF for an exact tag.</summary>
        public uint Mask { get; }

        public bool IsExact => Mask == 0xFFFFFFFFu;

        public bool Matches(DicomTag tag) => (tag.Value & Mask) == Value;

        /// <summary>Parses a selector; false when it is neither a tag, a mask nor a known keyword.</summary>
        public static bool TryParse(string text, out TagPattern pattern)
        {
            pattern = null;
            if (string.IsNullOrWhiteSpace(text)) return false;
            string s = text.Trim();
            string inner = s.StartsWith("(", StringComparison.Ordinal) && s.EndsWith(")", StringComparison.Ordinal) ? s.Substring(1, s.Length - 2) : s;
            string hex = null;
            if (inner.Length == 9 && inner[4] == ',') hex = inner.Substring(0, 4) + inner.Substring(5, 4);
            else if (inner.Length == 8 && IsHexOrX(inner)) hex = inner;
            if (hex != null && IsHexOrX(hex))
            {
                uint value = 0, mask = 0;
                foreach (char c in hex)
                {
                    value <<= 4;
                    mask <<= 4;
                    if (c == 'x' || c == 'X') continue;
                    value |= uint.Parse(c.ToString(), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
                    mask |= 0xF;
                }
                pattern = new TagPattern(s, value, mask);
                return true;
            }
            var entry = DicomDictionary.LookupKeyword(s);
            if (entry == null) return false;
            pattern = new TagPattern(s, entry.Tag.Value, entry.Mask);
            return true;
        }

        public static TagPattern Parse(string text)
        {
            if (TryParse(text, out var p)) return p;
            throw new FormatException("'" + text + "' is not a tag (gggg,eeee), a group mask such as (0019,xxxx), or a PS3.6 keyword.");
        }

        private static bool IsHexOrX(string s)
        {
            foreach (char c in s)
                if (!Uri.IsHexDigit(c) && c != 'x' && c != 'X') return false;
            return true;
        }

        public override string ToString() => Text;
    }
}
