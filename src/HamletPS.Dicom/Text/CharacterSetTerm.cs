using System;
using System.Collections.Generic;
using System.Text;

namespace HamletPS.Dicom.Text
{
    /// <summary>
    /// A defined term of Specific Character Set (0008,0005), PS3.3 Tables C.12-2 to C.12-5: either ISO 2022 graphic sets for
    /// G0/G1 (with or without code extensions) or a stand-alone multi-byte encoding (UTF-8, GB18030, GBK).
    /// </summary>
    internal sealed class CharacterSetTerm
    {
        private CharacterSetTerm(string term, bool isCodeExtension, GraphicCharacterSet? g0, GraphicCharacterSet? g1, int standAloneCodePage)
        {
            Term = term;
            IsCodeExtension = isCodeExtension;
            G0 = g0;
            G1 = g1;
            StandAloneCodePage = standAloneCodePage;
        }

        /// <summary>The defined term as the standard spells it.</summary>
        public string Term { get; }

        /// <summary>"ISO 2022 IR nnn": the term allows escape sequences.</summary>
        public bool IsCodeExtension { get; }

        public GraphicCharacterSet? G0 { get; }

        public GraphicCharacterSet? G1 { get; }

        /// <summary>65001 (UTF-8), 54936 (GB18030) or 936 (GBK); 0 for ISO 2022 terms.</summary>
        public int StandAloneCodePage { get; }

        public bool IsStandAlone => StandAloneCodePage != 0;

        private static readonly Dictionary<string, CharacterSetTerm> ByKey = Build();

        /// <summary>
        /// The term for a value of (0008,0005), or null when unknown. Spelling is matched leniently (case, and '_', '-', space
        /// dropped), as sites send "ISO_IR100", "ISO IR 100" and "iso_ir 100" for ISO_IR 100.
        /// </summary>
        public static CharacterSetTerm? Find(string value)
        {
            if (value == null) return null;
            return ByKey.TryGetValue(Key(value), out var term) ? term : null;
        }

        private static string Key(string value)
        {
            var sb = new StringBuilder(value.Length);
            foreach (char c in value)
                if ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z')) sb.Append(c);
                else if (c >= 'a' && c <= 'z') sb.Append((char)(c - 32));
            return sb.ToString();
        }

        private static Dictionary<string, CharacterSetTerm> Build()
        {
            var d = new Dictionary<string, CharacterSetTerm>(StringComparer.Ordinal);
            void Add(string term, bool ext, GraphicCharacterSet? g0, GraphicCharacterSet? g1, int cp = 0) =>
                d.Add(Key(term), new CharacterSetTerm(term, ext, g0, g1, cp));
            var a = GraphicCharacterSet.Ascii;
            Add("ISO_IR 6", false, a, null);
            Add("ISO 2022 IR 6", true, a, null);
            var singles = new[]
            {
                Tuple.Create("100", GraphicCharacterSet.Latin1), Tuple.Create("101", GraphicCharacterSet.Latin2),
                Tuple.Create("109", GraphicCharacterSet.Latin3), Tuple.Create("110", GraphicCharacterSet.Latin4),
                Tuple.Create("144", GraphicCharacterSet.Cyrillic), Tuple.Create("127", GraphicCharacterSet.Arabic),
                Tuple.Create("126", GraphicCharacterSet.Greek), Tuple.Create("138", GraphicCharacterSet.Hebrew),
                Tuple.Create("148", GraphicCharacterSet.Latin5), Tuple.Create("203", GraphicCharacterSet.Latin9),
                Tuple.Create("166", GraphicCharacterSet.Thai),
            };
            foreach (var s in singles)
            {
                Add("ISO_IR " + s.Item1, false, a, s.Item2);
                Add("ISO 2022 IR " + s.Item1, true, a, s.Item2);
            }
            Add("ISO_IR 13", false, GraphicCharacterSet.JisRoman, GraphicCharacterSet.Katakana);
            Add("ISO 2022 IR 13", true, GraphicCharacterSet.JisRoman, GraphicCharacterSet.Katakana);
            Add("ISO 2022 IR 87", true, GraphicCharacterSet.JisX0208, null);
            Add("ISO 2022 IR 159", true, GraphicCharacterSet.JisX0212, null);
            Add("ISO 2022 IR 149", true, null, GraphicCharacterSet.KsX1001);
            Add("ISO 2022 IR 58", true, null, GraphicCharacterSet.Gb2312);
            Add("ISO_IR 192", false, null, null, 65001);
            Add("GB18030", false, null, null, 54936);
            Add("GBK", false, null, null, 936);
            return d;
        }
    }
}
