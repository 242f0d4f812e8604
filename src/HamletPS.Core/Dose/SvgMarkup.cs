using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace HamletPS.Core.Dose
{
    /// <summary>
    /// What the dose charts' SVG writers share: text made safe for XML (escaped, characters XML 1.0 forbids dropped, long
    /// labels shortened), numbers in invariant culture, "nice" axis ticks and the series colours.
    /// </summary>
    internal static class SvgMarkup
    {
        public const string Namespace = "http://www.w3.org/2000/svg";

        /// <summary>Colour-blind-safe series colours (Okabe and Ito), then repeated.</summary>
        private static readonly string[] Palette = { "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000" };

        public static string Colour(int index) => Palette[index % Palette.Length];

        /// <summary>Text as element content or attribute value: escaped, with the characters XML 1.0 forbids left out (device-written names may hold them).</summary>
        public static string Escape(string text)
        {
            if (string.IsNullOrEmpty(text)) return string.Empty;
            var sb = new StringBuilder(text.Length + 8);
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    sb.Append(c).Append(text[++i]);
                    continue;
                }
                if (char.IsSurrogate(c)) continue;
                if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') continue;
                if (c == '\uFFFE' || c == '\uFFFF') continue;
                switch (c)
                {
                    case '<': sb.Append("&lt;"); break;
                    case '>': sb.Append("&gt;"); break;
                    case '&': sb.Append("&amp;"); break;
                    case '"': sb.Append("&quot;"); break;
                    case '\'': sb.Append("&apos;"); break;
                    default: sb.Append(c); break;
                }
            }
            return sb.ToString();
        }

        /// <summary>A label of at most <paramref name="max"/> characters (an ellipsis marks a cut; the full text goes in a title).</summary>
        public static string Shorten(string text, int max)
        {
            if (text == null) return string.Empty;
            return text.Length <= max ? text : text.Substring(0, max - 1) + "\u2026";
        }

        /// <summary>A value as a data attribute: round-trip, invariant.</summary>
        public static string Exact(double value) => value.ToString("R", CultureInfo.InvariantCulture);

        /// <summary>A coordinate: two decimals, invariant.</summary>
        public static string Px(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

        /// <summary>A value as a reader sees it on an axis or in a tooltip: four significant digits.</summary>
        public static string Label(double value) => value.ToString("G4", CultureInfo.InvariantCulture);

        /// <summary>
        /// Ticks from 0 to a "nice" maximum at least <paramref name="max"/> (1, 2 or 5 times a power of ten apart, about
        /// <paramref name="count"/> of them; whole numbers at least 1 apart for counts). The last tick is the axis end.
        /// </summary>
        public static IReadOnlyList<double> Ticks(double max, int count = 5, bool whole = false)
        {
            if (!(max > 0) || double.IsInfinity(max)) max = 1;
            double raw = max / count;
            if (whole) raw = Math.Max(1, raw);
            double magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
            double step = magnitude;
            foreach (double m in new[] { 1.0, 2.0, 2.5, 5.0, 10.0 })
            {
                if (whole && Math.Abs(m * magnitude - Math.Round(m * magnitude)) > 1e-9) continue;
                step = m * magnitude;
                if (step >= raw) break;
            }
            var ticks = new List<double>();
            for (int i = 0; ; i++)
            {
                double t = Math.Round(i * step, 12);
                ticks.Add(t);
                if (t >= max) break;
            }
            return ticks;
        }
    }
}
