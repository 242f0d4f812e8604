using System.Globalization;
using System.Text;

namespace HamletPS.Dicom.Text
{
    /// <summary>
    /// Makes text from a file, a peer or a folder safe to print on one line of a terminal or a log: control characters (C0,
    /// DEL, C1), line and paragraph separators, Unicode bidirectional controls and unpaired surrogates are written as
    /// <c>\xHH</c> or <c>\uHHHH</c>. A value with a newline cannot forge a log line, an escape sequence cannot recolour or
    /// rewrite the terminal, a right-to-left override cannot reorder what the reader sees. Everything else (letters of any
    /// script, the DICOM value separator '\') is kept as it is. The one function every print site uses.
    /// </summary>
    public static class DisplayText
    {
        /// <summary>The text with every unsafe character escaped; the same instance when there is none (null stays null).</summary>
        public static string? Escape(string text) => Escape(text, false);

        /// <summary>
        /// A serialized JSON text with the unsafe characters its encoder left raw (bidi controls, line separators, DEL, C1) written
        /// as <c>\uHHHH</c>: they can only stand inside strings, where the escape reads back as the same character.
        /// </summary>
        public static string? EscapeJson(string json) => Escape(json, true);

        private static string? Escape(string text, bool json)
        {
            if (text == null) return null;
            int i = 0;
            while (i < text.Length && !IsUnsafe(text, i)) i++;
            if (i == text.Length) return text;
            var sb = new StringBuilder(text.Length + 16);
            sb.Append(text, 0, i);
            for (; i < text.Length; i++)
            {
                char c = text[i];
                if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    sb.Append(c).Append(text[++i]);
                    continue;
                }
                if (!IsUnsafe(text, i)) sb.Append(c);
                else if (c <= 0xFF && !json) sb.Append("\\x").Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
                else sb.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
            return sb.ToString();
        }

        /// <summary>True when the text holds any character <see cref="Escape"/> would change.</summary>
        public static bool NeedsEscape(string text)
        {
            if (text == null) return false;
            for (int i = 0; i < text.Length; i++)
                if (IsUnsafe(text, i)) return true;
            return false;
        }

        private static bool IsUnsafe(string text, int i)
        {
            char c = text[i];
            if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) return true;                 // C0, DEL, C1
            if (c < 0x061C) return false;
            if (c == 0x061C || c == 0x200E || c == 0x200F) return true;             // ALM, LRM, RLM
            if (c == 0x2028 || c == 0x2029) return true;                            // line and paragraph separators
            if ((c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069)) return true; // embeddings, overrides, isolates
            if (char.IsHighSurrogate(c)) return i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]);
            if (char.IsLowSurrogate(c)) return i == 0 || !char.IsHighSurrogate(text[i - 1]);
            return false;
        }
    }
}
