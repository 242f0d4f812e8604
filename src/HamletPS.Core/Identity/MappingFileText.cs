using System;
using System.Globalization;
using System.Text;
using HamletPS.Core.Text;

namespace HamletPS.Core.Identity
{
    /// <summary>
    /// The text of a mapping file as saved by Excel and friends: a byte-order mark picks UTF-8 or UTF-16 (Excel's "CSV UTF-8"
    /// and "Unicode Text"); without one the bytes are decoded as strict UTF-8 and, when they are not valid UTF-8, as
    /// Windows-1252 (Excel's plain "CSV" on Western-European Windows). Never lenient: a byte neither encoding defines, a NUL
    /// or a U+FFFD already in the text is a <see cref="MappingFileException"/> naming the line and byte offset, because a
    /// damaged MRN would silently miss its row and the patient would be pseudonymised instead of mapped.
    /// </summary>
    internal static class MappingFileText
    {
        /// <summary>Decodes <paramref name="raw"/>; <paramref name="encodingName"/> tells which encoding was used.</summary>
        public static string Decode(byte[] raw, string sourceName, out string encodingName)
        {
            if (raw == null) throw new ArgumentNullException(nameof(raw));
            Encoding marked = StrictText.FromByteOrderMark(raw, out int mark);
            string text;
            if (marked != null)
            {
                encodingName = StrictText.NameOf(marked);
                try
                {
                    text = marked.GetString(raw, mark, raw.Length - mark);
                }
                catch (DecoderFallbackException ex)
                {
                    int offset = mark + Math.Max(0, ex.Index);
                    throw Error(sourceName, LineOf(raw, offset, marked.CodePage == 1200 || marked.CodePage == 1201 ? 2 : 1, marked.CodePage == 1201),
                        "invalid " + encodingName + " at byte offset " + offset.ToString(CultureInfo.InvariantCulture) + "; save the file again as CSV UTF-8");
                }
            }
            else
            {
                try
                {
                    text = StrictText.Utf8.GetString(raw);
                    encodingName = "UTF-8";
                }
                catch (DecoderFallbackException)
                {
                    if (!Windows1252.TryDecode(raw, 0, out text, out int bad))
                    {
                        throw Error(sourceName, LineOf(raw, bad, 1, false), "byte 0x" + raw[bad].ToString("X2", CultureInfo.InvariantCulture) +
                            " at byte offset " + bad.ToString(CultureInfo.InvariantCulture) + " is neither UTF-8 nor Windows-1252; save the file again as CSV UTF-8");
                    }
                    encodingName = "Windows-1252";
                }
            }
            int damaged = text.IndexOfAny(new[] { '\0', '\uFFFD' });
            if (damaged >= 0)
            {
                throw Error(sourceName, LineOfText(text, damaged), text[damaged] == '\0'
                    ? "a NUL character (UTF-16 text without a byte-order mark?); save the file again as CSV UTF-8"
                    : "the replacement character U+FFFD: a character was lost by an earlier conversion; correct the line");
            }
            return text;
        }

        private static MappingFileException Error(string sourceName, int line, string reason) =>
            new MappingFileException(new[] { new MappingFileError(sourceName, line, reason) });

        /// <summary>1-based line of a byte offset (line feeds counted in units of <paramref name="unit"/> bytes).</summary>
        private static int LineOf(byte[] raw, int offset, int unit, bool bigEndian)
        {
            int line = 1;
            for (int i = 0; i + unit <= offset && i + unit <= raw.Length; i += unit)
            {
                bool lf = unit == 1 ? raw[i] == 0x0A : bigEndian ? raw[i] == 0 && raw[i + 1] == 0x0A : raw[i] == 0x0A && raw[i + 1] == 0;
                if (lf) line++;
            }
            return line;
        }

        private static int LineOfText(string text, int index)
        {
            int line = 1;
            for (int i = 0; i < index; i++)
                if (text[i] == '\n') line++;
            return line;
        }
    }
}
