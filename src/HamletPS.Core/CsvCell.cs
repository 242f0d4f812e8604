#nullable enable
using System;
using System.Text;

namespace HamletPS.Core
{
    /// <summary>
    /// The one writer of CSV cells (manifest.csv and any other CSV HamletPS writes). RFC 4180 quoting, and formula injection
    /// neutralised the way OWASP's CSV injection guidance asks: a value that starts with <c>=</c>, <c>+</c>, <c>-</c>,
    /// <c>@</c>, a tab or a carriage return is written with a leading single quote, inside double quotes, so a spreadsheet
    /// shows it as text and never evaluates it. A value that itself starts with a single quote gets one more, so
    /// <see cref="Read"/> gives back exactly the value written. Values come from the sender (Modality...) and from the
    /// lookup table (Study IDs): neither is trusted.
    /// </summary>
    public static class CsvCell
    {
        /// <summary>The cell text for <paramref name="value"/> (null is an empty cell).</summary>
        public static string Write(string value)
        {
            if (string.IsNullOrEmpty(value)) return string.Empty;
            bool formula = StartsDangerously(value) || value[0] == '\'';
            string text = formula ? "'" + value : value;
            if (!formula && text.IndexOfAny(new[] { ',', '"', '\r', '\n', ';', '\t' }) < 0) return text;
            return "\"" + text.Replace("\"", "\"\"") + "\"";
        }

        /// <summary>The value of a cell <see cref="Write"/> wrote, once the CSV reader has removed the quoting.</summary>
        public static string? Read(string unquoted)
        {
            if (unquoted == null || unquoted.Length < 2 || unquoted[0] != '\'') return unquoted;
            string rest = unquoted.Substring(1);
            return StartsDangerously(rest) || rest[0] == '\'' ? rest : unquoted;
        }

        /// <summary>True when a spreadsheet would take the value for a formula (or a value that starts one).</summary>
        public static bool StartsDangerously(string value) =>
            !string.IsNullOrEmpty(value) && (value[0] == '=' || value[0] == '+' || value[0] == '-' || value[0] == '@' || value[0] == '\t' || value[0] == '\r');

        /// <summary>One CSV line (no line end) of the values.</summary>
        public static string Line(params string[] values)
        {
            if (values == null) throw new ArgumentNullException(nameof(values));
            var sb = new StringBuilder();
            for (int i = 0; i < values.Length; i++)
            {
                if (i > 0) sb.Append(',');
                sb.Append(Write(values[i]));
            }
            return sb.ToString();
        }
    }
}
