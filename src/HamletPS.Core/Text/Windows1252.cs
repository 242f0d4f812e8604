#nullable enable
using System.Diagnostics.CodeAnalysis;

namespace HamletPS.Core.Text
{
    /// <summary>
    /// Windows-1252 ("ANSI" on Western-European Windows, what Excel's plain "CSV" saves there) decoded by hand: 0x00–0x7F and
    /// 0xA0–0xFF are the same code points as ISO 8859-1, 0x80–0x9F are the 27 characters below. Five bytes (0x81, 0x8D, 0x8F,
    /// 0x90, 0x9D) are undefined and make <see cref="TryDecode"/> fail. Hand-made so every runtime (.NET Framework, .NET,
    /// the trimmed native hamlet) decodes the same without a code-page provider.
    /// </summary>
    internal static class Windows1252
    {
        private static readonly char[] High =
        {
            '\u20AC', '\0', '\u201A', '\u0192', '\u201E', '\u2026', '\u2020', '\u2021', '\u02C6', '\u2030', '\u0160', '\u2039', '\u0152', '\0', '\u017D', '\0',
            '\0', '\u2018', '\u2019', '\u201C', '\u201D', '\u2022', '\u2013', '\u2014', '\u02DC', '\u2122', '\u0161', '\u203A', '\u0153', '\0', '\u017E', '\u0178',
        };

        /// <summary>Decodes <paramref name="bytes"/>; false with the offset of the first undefined byte.</summary>
        public static bool TryDecode(byte[] bytes, int start, [NotNullWhen(true)] out string? text, out int badOffset)
        {
            var chars = new char[bytes.Length - start];
            for (int i = start; i < bytes.Length; i++)
            {
                byte b = bytes[i];
                char c = b >= 0x80 && b <= 0x9F ? High[b - 0x80] : (char)b;
                if (c == '\0' && b != 0)
                {
                    text = null;
                    badOffset = i;
                    return false;
                }
                chars[i - start] = c;
            }
            text = new string(chars);
            badOffset = -1;
            return true;
        }
    }
}
