using System.Collections.Generic;
using HamletPS.Dicom.Data;

namespace HamletPS.Dicom.Dictionary
{
    /// <summary>One PS3.6 data dictionary entry. Repeating entries ((60xx,3000), (0020,31xx), (7Fxx,0010)…) carry a mask.</summary>
    public sealed class DicomDictionaryEntry
    {
        internal DicomDictionaryEntry(DicomTag tag, uint mask, DicomVR[] vrs, string vrText, string vm, string keyword, string name, bool retired)
        {
            Tag = tag;
            Mask = mask;
            _vrs = vrs;
            VRText = vrText;
            VM = vm;
            Keyword = keyword;
            Name = name;
            IsRetired = retired;
        }

        private readonly DicomVR[] _vrs;
        private string? _tagPattern;

        /// <summary>The tag (for repeating entries: with the repeating nibbles zero, e.g. (6000,3000)).</summary>
        public DicomTag Tag { get; }

        /// <summary>Bits of the tag that are fixed: 0xFFFFFFFF for ordinary entries, 0xFF00FFFF for (60xx,3000).</summary>
        public uint Mask { get; }

        /// <summary>The tag as printed in PS3.6, e.g. "(60xx,3000)" (made on first use).</summary>
        public string TagPattern => _tagPattern ?? (_tagPattern = FormatPattern(Tag.Value, Mask));

        public bool IsRepeating => Mask != 0xFFFFFFFFu;

        /// <summary>The VR (the first one for ambiguous entries such as "US or SS"); null for item/delimitation tags.</summary>
        public DicomVR? VR => _vrs.Length > 0 ? _vrs[0] : null;

        /// <summary>All allowed VRs (two or three for ambiguous entries).</summary>
        public IReadOnlyList<DicomVR> ValueRepresentations => _vrs;

        /// <summary>The VR column as printed in PS3.6: "PN", "US or SS", "NONE".</summary>
        public string VRText { get; }

        public bool IsAmbiguousVR => _vrs.Length > 1;

        /// <summary>Value multiplicity: "1", "1-n", "2-2n", …</summary>
        public string VM { get; }

        public string Keyword { get; }

        public string Name { get; }

        public bool IsRetired { get; }

        public bool Matches(DicomTag tag) => (tag.Value & Mask) == Tag.Value;

        private static string FormatPattern(uint value, uint mask)
        {
            const string hex = "0123456789ABCDEF";
            var chars = new char[11];
            chars[0] = '(';
            chars[5] = ',';
            chars[10] = ')';
            for (int i = 0; i < 8; i++)
            {
                int shift = 28 - 4 * i;
                chars[i < 4 ? 1 + i : 2 + i] = ((mask >> shift) & 0xF) == 0 ? 'x' : hex[(int)((value >> shift) & 0xF)];
            }
            return new string(chars);
        }

        public override string ToString() => TagPattern + " " + VRText + " " + Keyword;
    }
}
