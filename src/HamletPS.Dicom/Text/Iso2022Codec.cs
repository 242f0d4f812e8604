using System.Collections.Generic;

namespace HamletPS.Dicom.Text
{
    /// <summary>
    /// Decoding and encoding with ISO 2022 code extensions (PS3.5 6.1.2.5). The initial G0/G1 come from value 1 of
    /// (0008,0005) (ASCII and no G1 when it is empty); escape sequences designate other sets; the initial sets are active
    /// again after every control character (CR, LF, FF, TAB ...), at the value delimiter '\' and, for person names, at the
    /// component and group delimiters '^' and '=' (PS3.5 6.1.2.5.3). The encoder emits the escape sequences needed and switches
    /// back before each of those points and at the end of the value, so that the decoder's resets never lose a character.
    /// </summary>
    internal sealed class Iso2022Codec
    {
        private readonly GraphicCharacterSet _initialG0;
        private readonly GraphicCharacterSet? _initialG1;
        private readonly GraphicCharacterSet[] _candidates;

        /// <param name="initialG0">G0 at the start of each value (ASCII or JIS X 0201 Romaji).</param>
        /// <param name="initialG1">G1 at the start of each value, or null.</param>
        /// <param name="declared">The sets of the (0008,0005) values in order; the encoder may designate these.</param>
        public Iso2022Codec(GraphicCharacterSet initialG0, GraphicCharacterSet? initialG1, IEnumerable<GraphicCharacterSet> declared)
        {
            _initialG0 = initialG0;
            _initialG1 = initialG1;
            var list = new List<GraphicCharacterSet>();
            if (initialG0 != null) list.Add(initialG0);
            if (initialG1 != null) list.Add(initialG1);
            foreach (var s in declared)
                if (s != null && !list.Contains(s)) list.Add(s);
            _candidates = list.ToArray();
        }

        public string Decode(byte[] bytes, int offset, int count, bool personName)
        {
            var chars = new char[count];
            int n = 0;
            var g0 = _initialG0;
            var g1 = _initialG1;
            int i = offset, end = offset + count;
            while (i < end)
            {
                int b = bytes[i];
                if (b == 0x1B)
                {
                    var set = GraphicCharacterSet.MatchEscape(bytes, i, end, out int length);
                    if (set != null)
                    {
                        if (set.Element == CodeElement.G0) g0 = set; else g1 = set;
                        i += length;
                    }
                    else
                    {
                        chars[n++] = '\u001B'; // unknown escape: kept as text, so nothing is lost
                        i++;
                    }
                    continue;
                }
                if (b < 0x20)
                {
                    g0 = _initialG0;
                    g1 = _initialG1;
                    chars[n++] = (char)b;
                    i++;
                    continue;
                }
                if (b < 0x80)
                {
                    if (b == 0x20)
                    {
                        chars[n++] = ' ';
                        i++;
                        continue;
                    }
                    if (g0.IsDoubleByte && b != 0x7F && i + 1 < end && bytes[i + 1] > 0x20 && bytes[i + 1] < 0x7F)
                    {
                        char c2 = g0.Decode(b, bytes[i + 1]);
                        chars[n++] = c2 == GraphicCharacterSet.Undefined ? '\uFFFD' : c2;
                        i += 2;
                        continue;
                    }
                    // A single-byte G0 (or a lone byte in double-byte mode, read as ASCII).
                    char c = g0.IsDoubleByte ? (char)b : g0.Decode(b);
                    chars[n++] = c == GraphicCharacterSet.Undefined ? (char)b : c;
                    i++;
                    if (b == '\\' || (personName && (b == '^' || b == '=')))
                    {
                        g0 = _initialG0;
                        g1 = _initialG1;
                    }
                    continue;
                }
                if (b < 0xA0 || g1 == null)
                {
                    // C1 controls, or no G1 designated: ISO 8859-1, as the default repertoire is read leniently.
                    chars[n++] = (char)b;
                    i++;
                    continue;
                }
                if (g1.IsDoubleByte)
                {
                    if (b > 0xA0 && b < 0xFF && i + 1 < end && bytes[i + 1] > 0xA0 && bytes[i + 1] < 0xFF)
                    {
                        char c2 = g1.Decode(b, bytes[i + 1]);
                        chars[n++] = c2 == GraphicCharacterSet.Undefined ? '\uFFFD' : c2;
                        i += 2;
                    }
                    else
                    {
                        chars[n++] = '\uFFFD';
                        i++;
                    }
                    continue;
                }
                char g1c = g1.Decode(b);
                chars[n++] = g1c == GraphicCharacterSet.Undefined ? '\uFFFD' : g1c;
                i++;
            }
            return new string(chars, 0, n);
        }

        /// <summary>Encodes; characters no declared set has become '?' and <paramref name="complete"/> is false.</summary>
        public byte[] Encode(string text, bool personName, out bool complete)
        {
            complete = true;
            var output = new List<byte>(text.Length + 8);
            var g0 = _initialG0;
            var g1 = _initialG1;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c < 0x20 || c == 0x7F || c == '\\' || (personName && (c == '^' || c == '=')))
                {
                    Restore(output, ref g0, ref g1);
                    output.Add((byte)c);
                    continue;
                }
                if (c < 0x7F && !g0.IsDoubleByte)
                {
                    output.Add((byte)c); // ASCII and JIS X 0201 Romaji read 0x20-0x7E alike
                    continue;
                }
                GraphicCharacterSet? chosen = null;
                int code = 0;
                if (g0.TryEncode(c, out code)) chosen = g0;
                else if (g1 != null && g1.TryEncode(c, out code)) chosen = g1;
                else
                {
                    foreach (var s in _candidates)
                        if (s.TryEncode(c, out code)) { chosen = s; break; }
                    if (chosen == null && GraphicCharacterSet.Ascii.TryEncode(c, out code)) chosen = GraphicCharacterSet.Ascii;
                }
                if (chosen == null)
                {
                    if (c >= 0x80 && c <= 0x9F)
                    {
                        output.Add((byte)c); // C1 control, read back as itself
                        continue;
                    }
                    if (c >= 0xA0 && c <= 0xFF && g1 == null)
                    {
                        output.Add((byte)c); // no G1 designated: the decoder reads ISO 8859-1 (lenient default repertoire)
                        continue;
                    }
                    complete = false;
                    if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) i++;
                    if (g0.IsDoubleByte)
                    {
                        output.AddRange(_initialG0.Escape);
                        g0 = _initialG0;
                    }
                    output.Add((byte)'?');
                    continue;
                }
                if (chosen.Element == CodeElement.G0)
                {
                    if (chosen != g0)
                    {
                        output.AddRange(chosen.Escape);
                        g0 = chosen;
                    }
                    if (chosen.IsDoubleByte)
                    {
                        output.Add((byte)(code >> 8));
                        output.Add((byte)(code & 0x7F));
                    }
                    else output.Add((byte)code);
                }
                else
                {
                    if (chosen != g1)
                    {
                        output.AddRange(chosen.Escape);
                        g1 = chosen;
                    }
                    if (chosen.IsDoubleByte)
                    {
                        output.Add((byte)((code >> 8) | 0x80));
                        output.Add((byte)((code & 0x7F) | 0x80));
                    }
                    else output.Add((byte)(code | 0x80));
                }
            }
            Restore(output, ref g0, ref g1);
            return output.ToArray();
        }

        /// <summary>Makes the initial sets active again (G1 without a designation of its own is simply forgotten).</summary>
        private void Restore(List<byte> output, ref GraphicCharacterSet g0, ref GraphicCharacterSet? g1)
        {
            if (g0 != _initialG0) output.AddRange(_initialG0.Escape);
            if (g1 != _initialG1 && _initialG1 != null) output.AddRange(_initialG1.Escape);
            g0 = _initialG0;
            g1 = _initialG1;
        }
    }
}
