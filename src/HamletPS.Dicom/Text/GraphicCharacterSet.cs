using System;
using System.Collections.Generic;
using System.Text;

namespace HamletPS.Dicom.Text
{
    /// <summary>
    /// One ISO 2022 graphic character set of PS3.3 Tables C.12-3/C.12-4: the escape sequence that designates it, the code
    /// element it goes to, and its code table. Single-byte tables have 96 entries for bytes 0x20-0x7F (G0) or 0xA0-0xFF (G1);
    /// double-byte tables 94 x 94 entries for (0x21..0x7E, 0x21..0x7E) with the high bit stripped. Tables are built on first use.
    /// </summary>
    internal sealed class GraphicCharacterSet
    {
        internal const char Undefined = '\uFFFF';

        private readonly Lazy<char[]> _table;
        private readonly Lazy<Dictionary<char, int>> _reverse;

        private GraphicCharacterSet(string name, CodeElement element, bool isDoubleByte, byte[] escape, Func<char[]> buildTable)
        {
            Name = name;
            Element = element;
            IsDoubleByte = isDoubleByte;
            Escape = escape;
            _table = new Lazy<char[]>(buildTable, System.Threading.LazyThreadSafetyMode.ExecutionAndPublication);
            _reverse = new Lazy<Dictionary<char, int>>(BuildReverse, System.Threading.LazyThreadSafetyMode.ExecutionAndPublication);
        }

        public string Name { get; }

        public CodeElement Element { get; }

        public bool IsDoubleByte { get; }

        /// <summary>The escape sequence designating this set (ESC included).</summary>
        public byte[] Escape { get; }

        /// <summary>The character of a single byte (high bit ignored), or <see cref="Undefined"/>.</summary>
        public char Decode(int b) => _table.Value[(b & 0x7F) - 0x20];

        /// <summary>The character of a byte pair (high bits ignored; both in 0x21..0x7E), or <see cref="Undefined"/>.</summary>
        public char Decode(int first, int second) => _table.Value[((first & 0x7F) - 0x21) * 94 + (second & 0x7F) - 0x21];

        /// <summary>The 7-bit code of a character (pair as first &lt;&lt; 8 | second), when the set has it.</summary>
        public bool TryEncode(char c, out int code) => _reverse.Value.TryGetValue(c, out code);

        public override string ToString() => Name;

        private Dictionary<char, int> BuildReverse()
        {
            char[] table = _table.Value;
            var reverse = new Dictionary<char, int>(table.Length);
            for (int i = 0; i < table.Length; i++)
            {
                char c = table[i];
                if (c == Undefined || reverse.ContainsKey(c)) continue;
                int code = IsDoubleByte ? ((i / 94 + 0x21) << 8) | (i % 94 + 0x21) : i + 0x20;
                reverse.Add(c, code);
            }
            return reverse;
        }

        private static byte[] Esc(string tail) => Encoding.ASCII.GetBytes("\u001B" + tail);

        /// <summary>A single-byte set from the characters of bytes 0x20-0x7F (96 entries).</summary>
        private static GraphicCharacterSet SingleByte(string name, CodeElement element, string escape, Func<string> table96) =>
            new GraphicCharacterSet(name, element, false, Esc(escape), () =>
            {
                string t = table96();
                if (t.Length != 96) throw new InvalidOperationException(name + ": table must have 96 entries");
                return t.ToCharArray();
            });

        /// <summary>A 96-character G1 set (ISO 8859 upper half): bytes 0xA0-0xFF.</summary>
        private static GraphicCharacterSet UpperHalf(string name, string escapeFinal, string upperHalf) =>
            SingleByte(name, CodeElement.G1, "-" + escapeFinal, () => upperHalf);

        private static string AsciiTable()
        {
            var chars = new char[96];
            for (int i = 0; i < 95; i++) chars[i] = (char)(0x20 + i);
            chars[95] = Undefined; // DEL
            return new string(chars);
        }

        private static string KatakanaTable()
        {
            var chars = new char[96];
            for (int i = 0; i < 96; i++)
            {
                int b = 0xA0 + i;
                chars[i] = b >= 0xA1 && b <= 0xDF ? (char)(0xFF61 + b - 0xA1) : Undefined;
            }
            return new string(chars);
        }

        /// <summary>
        /// A 94 x 94 set read from an EUC code page (bytes = 7-bit code | 0x80), keeping only the given rows, then patched where
        /// the code page departs from the standard mapping (Unicode's tables, glibc and Python agree on the patches).
        /// </summary>
        private static char[] FromEucCodePage(int codePage, Func<int, bool> keepRow, params int[] patches)
        {
            Encoding encoding = CodePages.Get(codePage);
            var table = new char[94 * 94];
            var pair = new byte[2];
            for (int row = 0x21; row <= 0x7E; row++)
                for (int cell = 0x21; cell <= 0x7E; cell++)
                {
                    char c = Undefined;
                    if (keepRow(row))
                    {
                        pair[0] = (byte)(row | 0x80);
                        pair[1] = (byte)(cell | 0x80);
                        string s = encoding.GetString(pair);
                        if (s.Length == 1 && s[0] != '\uFFFD' && s[0] != '?' && !(s[0] >= '\uE000' && s[0] <= '\uF8FF') && s[0] >= 0x80)
                            c = s[0];
                    }
                    table[(row - 0x21) * 94 + cell - 0x21] = c;
                }
            for (int p = 0; p + 1 < patches.Length; p += 2)
            {
                int code = patches[p];
                table[((code >> 8) - 0x21) * 94 + (code & 0xFF) - 0x21] = (char)patches[p + 1];
            }
            return table;
        }

        // G0 sets
        public static readonly GraphicCharacterSet Ascii = SingleByte("ISO-IR 6 (ASCII)", CodeElement.G0, "(B", AsciiTable);

        /// <summary>
        /// JIS X 0201 Romaji. Bytes 0x5C and 0x7E read as '\' and '~' (as pydicom and dcmtk do): 0x5C is the DICOM value
        /// delimiter whatever the character set, so it cannot be YEN SIGN here.
        /// </summary>
        public static readonly GraphicCharacterSet JisRoman = SingleByte("ISO-IR 14 (JIS X 0201 Romaji)", CodeElement.G0, "(J", AsciiTable);

        /// <summary>JIS X 0208 (ISO-IR 87): code page 20932 restricted to the standard's rows 1-8 and 16-84 (no NEC/IBM extensions).</summary>
        public static readonly GraphicCharacterSet JisX0208 = new GraphicCharacterSet(
            "ISO-IR 87 (JIS X 0208)", CodeElement.G0, true, Esc("$B"),
            () => FromEucCodePage(20932, row => (row >= 0x21 && row <= 0x28) || (row >= 0x30 && row <= 0x74)));

        /// <summary>JIS X 0212 (ISO-IR 159), from the generated table.</summary>
        public static readonly GraphicCharacterSet JisX0212 = new GraphicCharacterSet(
            "ISO-IR 159 (JIS X 0212)", CodeElement.G0, true, Esc("$(D"), () => CharacterSetTables.JisX0212.ToCharArray());

        // G1 sets
        public static readonly GraphicCharacterSet Katakana = SingleByte("ISO-IR 13 (JIS X 0201 Katakana)", CodeElement.G1, ")I", KatakanaTable);
        public static readonly GraphicCharacterSet Latin1 = UpperHalf("ISO-IR 100 (Latin-1)", "A", CharacterSetTables.Latin1UpperHalf);
        public static readonly GraphicCharacterSet Latin2 = UpperHalf("ISO-IR 101 (Latin-2)", "B", CharacterSetTables.Latin2UpperHalf);
        public static readonly GraphicCharacterSet Latin3 = UpperHalf("ISO-IR 109 (Latin-3)", "C", CharacterSetTables.Latin3UpperHalf);
        public static readonly GraphicCharacterSet Latin4 = UpperHalf("ISO-IR 110 (Latin-4)", "D", CharacterSetTables.Latin4UpperHalf);
        public static readonly GraphicCharacterSet Cyrillic = UpperHalf("ISO-IR 144 (Cyrillic)", "L", CharacterSetTables.CyrillicUpperHalf);
        public static readonly GraphicCharacterSet Arabic = UpperHalf("ISO-IR 127 (Arabic)", "G", CharacterSetTables.ArabicUpperHalf);
        public static readonly GraphicCharacterSet Greek = UpperHalf("ISO-IR 126 (Greek)", "F", CharacterSetTables.GreekUpperHalf);
        public static readonly GraphicCharacterSet Hebrew = UpperHalf("ISO-IR 138 (Hebrew)", "H", CharacterSetTables.HebrewUpperHalf);
        public static readonly GraphicCharacterSet Latin5 = UpperHalf("ISO-IR 148 (Latin-5)", "M", CharacterSetTables.Latin5UpperHalf);
        public static readonly GraphicCharacterSet Latin9 = UpperHalf("ISO-IR 203 (Latin-9)", "b", CharacterSetTables.Latin9UpperHalf);
        public static readonly GraphicCharacterSet Thai = UpperHalf("ISO-IR 166 (TIS 620)", "T", CharacterSetTables.ThaiUpperHalf);

        /// <summary>KS X 1001 (ISO-IR 149): code page 51949, with 0x3453 patched to U+B2D2 (the code page says U+B2D6).</summary>
        public static readonly GraphicCharacterSet KsX1001 = new GraphicCharacterSet(
            "ISO-IR 149 (KS X 1001)", CodeElement.G1, true, Esc("$)C"),
            () => FromEucCodePage(51949, row => true, 0x3453, 0xB2D2));

        /// <summary>GB 2312 (ISO-IR 58): code page 20936, with 0x212C DOUBLE VERTICAL LINE added (absent from the code page).</summary>
        public static readonly GraphicCharacterSet Gb2312 = new GraphicCharacterSet(
            "ISO-IR 58 (GB 2312)", CodeElement.G1, true, Esc("$)A"),
            () => FromEucCodePage(20936, row => true, 0x212C, 0x2016));

        /// <summary>Every set with its designating escape sequence (and ESC $ @, JIS C 6226-1978, read as JIS X 0208).</summary>
        public static readonly IReadOnlyList<KeyValuePair<byte[], GraphicCharacterSet>> EscapeSequences = new[]
        {
            Pair(Ascii), Pair(JisRoman), Pair(JisX0208), new KeyValuePair<byte[], GraphicCharacterSet>(Esc("$@"), JisX0208), Pair(JisX0212),
            Pair(Katakana), Pair(Latin1), Pair(Latin2), Pair(Latin3), Pair(Latin4), Pair(Cyrillic), Pair(Arabic), Pair(Greek),
            Pair(Hebrew), Pair(Latin5), Pair(Latin9), Pair(Thai), Pair(KsX1001), Pair(Gb2312),
        };

        private static KeyValuePair<byte[], GraphicCharacterSet> Pair(GraphicCharacterSet set) =>
            new KeyValuePair<byte[], GraphicCharacterSet>(set.Escape, set);

        /// <summary>The set designated by the escape sequence at bytes[index] (which is ESC), and the sequence's length.</summary>
        public static GraphicCharacterSet? MatchEscape(byte[] bytes, int index, int end, out int length)
        {
            foreach (var pair in EscapeSequences)
            {
                byte[] esc = pair.Key;
                if (index + esc.Length > end) continue;
                bool match = true;
                for (int k = 1; k < esc.Length && match; k++) match = bytes[index + k] == esc[k];
                if (match)
                {
                    length = esc.Length;
                    return pair.Value;
                }
            }
            length = 0;
            return null;
        }
    }
}
