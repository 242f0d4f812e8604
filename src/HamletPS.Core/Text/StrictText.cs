#nullable enable
using System.Text;

namespace HamletPS.Core.Text
{
    /// <summary>
    /// Decoding of the small text files a site writes by hand or with Windows tools (key files, mapping.csv): a byte-order
    /// mark picks UTF-8, UTF-16 LE (what Windows PowerShell 5.1's <c>&gt;</c> and <c>Out-File</c> write) or UTF-16 BE;
    /// without one the bytes must be valid UTF-8. Decoding is strict: an invalid sequence is an error with its byte offset,
    /// never a silent U+FFFD.
    /// </summary>
    internal static class StrictText
    {
        /// <summary>The encoding a byte-order mark names and the mark's length, or null and 0 without one.</summary>
        public static Encoding? FromByteOrderMark(byte[] raw, out int markLength)
        {
            if (raw.Length >= 3 && raw[0] == 0xEF && raw[1] == 0xBB && raw[2] == 0xBF)
            {
                markLength = 3;
                return new UTF8Encoding(false, true);
            }
            if (raw.Length >= 2 && raw[0] == 0xFF && raw[1] == 0xFE)
            {
                markLength = 2;
                return new UnicodeEncoding(false, false, true);
            }
            if (raw.Length >= 2 && raw[0] == 0xFE && raw[1] == 0xFF)
            {
                markLength = 2;
                return new UnicodeEncoding(true, false, true);
            }
            markLength = 0;
            return null;
        }

        /// <summary>Strict UTF-8 without a byte-order mark.</summary>
        public static Encoding Utf8 { get; } = new UTF8Encoding(false, true);

        /// <summary>A short name for messages: "UTF-8", "UTF-16 LE", "UTF-16 BE".</summary>
        public static string NameOf(Encoding encoding)
        {
            if (encoding.CodePage == 1201) return "UTF-16 BE";
            return encoding.CodePage == 1200 ? "UTF-16 LE" : "UTF-8";
        }
    }
}
