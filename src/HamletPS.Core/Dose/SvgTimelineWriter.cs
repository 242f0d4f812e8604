using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace HamletPS.Core.Dose
{
    /// <summary>
    /// Writes counts over consecutive months as a self-contained SVG line chart (no script): one line per series (a station),
    /// a legend on the right. Each series is a <c>g class="series"</c> with data-label; each point a circle with data-month
    /// (yyyy-MM) and data-count, and a title as its tooltip.
    /// </summary>
    internal static class SvgTimelineWriter
    {
        private const double Width = 960, Height = 420, Left = 64, Right = 220, Top = 64, Bottom = 64;
        private const int LabelLength = 26;

        public static void Write(TextWriter w, string title, string subtitle, string axisLabel, IReadOnlyList<DateTime> months,
            IReadOnlyList<(string Label, int[] Counts)> series)
        {
            int max = series.Count == 0 ? 1 : Math.Max(1, series.Max(s => s.Counts.Length == 0 ? 0 : s.Counts.Max()));
            IReadOnlyList<double> ticks = SvgMarkup.Ticks(max, whole: true);
            double axisEnd = ticks[ticks.Count - 1];
            double plotWidth = Width - Left - Right, plotHeight = Height - Top - Bottom, plotBottom = Height - Bottom;
            Func<int, double> x = i => Left + (months.Count <= 1 ? plotWidth / 2 : plotWidth * i / (months.Count - 1));
            Func<double, double> y = v => plotBottom - plotHeight * v / axisEnd;

            w.Write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
            w.Write("<svg xmlns=\"" + SvgMarkup.Namespace + "\" width=\"" + SvgMarkup.Px(Width) + "\" height=\"" + SvgMarkup.Px(Height)
                + "\" viewBox=\"0 0 " + SvgMarkup.Px(Width) + " " + SvgMarkup.Px(Height) + "\" font-family=\"sans-serif\" font-size=\"12\">\n");
            w.Write("<title>" + SvgMarkup.Escape(title) + "</title>\n");
            w.Write("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
            w.Write("<text x=\"" + SvgMarkup.Px(Left) + "\" y=\"24\" font-size=\"16\" font-weight=\"bold\">" + SvgMarkup.Escape(title) + "</text>\n");
            w.Write("<text x=\"" + SvgMarkup.Px(Left) + "\" y=\"44\" fill=\"#555555\">" + SvgMarkup.Escape(subtitle) + "</text>\n");

            w.Write("<g class=\"axis\" stroke=\"#dddddd\">\n");
            foreach (double t in ticks)
                w.Write("<line x1=\"" + SvgMarkup.Px(Left) + "\" y1=\"" + SvgMarkup.Px(y(t)) + "\" x2=\"" + SvgMarkup.Px(Left + plotWidth) + "\" y2=\"" + SvgMarkup.Px(y(t)) + "\"/>\n");
            w.Write("</g>\n<g class=\"ticks\" fill=\"#333333\">\n");
            foreach (double t in ticks)
                w.Write("<text x=\"" + SvgMarkup.Px(Left - 8) + "\" y=\"" + SvgMarkup.Px(y(t) + 4) + "\" text-anchor=\"end\">" + SvgMarkup.Label(t) + "</text>\n");
            // At most about 12 month labels, evenly spaced.
            int every = Math.Max(1, (int)Math.Ceiling(months.Count / 12.0));
            for (int i = 0; i < months.Count; i += every)
                w.Write("<text x=\"" + SvgMarkup.Px(x(i)) + "\" y=\"" + SvgMarkup.Px(plotBottom + 18) + "\" text-anchor=\"middle\">" + Month(months[i]) + "</text>\n");
            w.Write("</g>\n");
            w.Write("<text x=\"" + SvgMarkup.Px(Left + plotWidth / 2) + "\" y=\"" + SvgMarkup.Px(plotBottom + 44) + "\" text-anchor=\"middle\">" + SvgMarkup.Escape(axisLabel) + "</text>\n");
            w.Write("<line x1=\"" + SvgMarkup.Px(Left) + "\" y1=\"" + SvgMarkup.Px(plotBottom) + "\" x2=\"" + SvgMarkup.Px(Left + plotWidth) + "\" y2=\"" + SvgMarkup.Px(plotBottom) + "\" stroke=\"#333333\"/>\n");

            for (int s = 0; s < series.Count; s++)
            {
                var (label, counts) = series[s];
                string colour = SvgMarkup.Colour(s);
                string dash = s >= 8 ? " stroke-dasharray=\"6 3\"" : string.Empty;
                w.Write("<g class=\"series\" data-label=\"" + SvgMarkup.Escape(label) + "\" data-total=\"" + counts.Sum().ToString(CultureInfo.InvariantCulture) + "\">\n");
                w.Write("<title>" + SvgMarkup.Escape(label) + "</title>\n");
                var points = new List<string>();
                for (int i = 0; i < counts.Length; i++) points.Add(SvgMarkup.Px(x(i)) + "," + SvgMarkup.Px(y(counts[i])));
                w.Write("<polyline fill=\"none\" stroke=\"" + colour + "\" stroke-width=\"2\"" + dash + " points=\"" + string.Join(" ", points) + "\"/>\n");
                for (int i = 0; i < counts.Length; i++)
                {
                    w.Write("<circle cx=\"" + SvgMarkup.Px(x(i)) + "\" cy=\"" + SvgMarkup.Px(y(counts[i])) + "\" r=\"3\" fill=\"" + colour + "\" data-month=\"" + Month(months[i])
                        + "\" data-count=\"" + counts[i].ToString(CultureInfo.InvariantCulture) + "\"><title>" + SvgMarkup.Escape(label) + " " + Month(months[i]) + ": "
                        + counts[i].ToString(CultureInfo.InvariantCulture) + "</title></circle>\n");
                }
                double legendY = Top + 8 + s * 20;
                w.Write("<line x1=\"" + SvgMarkup.Px(Width - Right + 16) + "\" y1=\"" + SvgMarkup.Px(legendY) + "\" x2=\"" + SvgMarkup.Px(Width - Right + 40) + "\" y2=\"" + SvgMarkup.Px(legendY)
                    + "\" stroke=\"" + colour + "\" stroke-width=\"3\"" + dash + "/>\n");
                w.Write("<text x=\"" + SvgMarkup.Px(Width - Right + 46) + "\" y=\"" + SvgMarkup.Px(legendY + 4) + "\">" + SvgMarkup.Escape(SvgMarkup.Shorten(label, LabelLength)) + "</text>\n");
                w.Write("</g>\n");
            }
            if (series.Count == 0)
                w.Write("<text x=\"" + SvgMarkup.Px(Left + plotWidth / 2) + "\" y=\"" + SvgMarkup.Px(Top + plotHeight / 2) + "\" text-anchor=\"middle\" fill=\"#555555\">No dated studies</text>\n");
            w.Write("</svg>\n");
        }

        private static string Month(DateTime month) => month.ToString("yyyy-MM", CultureInfo.InvariantCulture);
    }
}
