using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace HamletPS.Core.Dose
{
    /// <summary>
    /// Writes a horizontal box plot as a self-contained SVG document (no script, no external reference): one row per box,
    /// its label on the left, the value axis from zero at the bottom. Each box is a <c>g class="box"</c> whose data attributes
    /// give the exact values drawn (count, quartiles, whiskers), and whose <c>title</c> is the tooltip a browser shows.
    /// </summary>
    internal static class SvgBoxPlotWriter
    {
        private const double Width = 960, Left = 250, Right = 40, Top = 64, Bottom = 56, Row = 30, BoxHeight = 16;
        private const int LabelLength = 36;

        /// <summary>Outliers drawn per box at most (the count of all is in the box's data-outliers).</summary>
        public const int MaxOutliersDrawn = 200;

        public static void Write(TextWriter w, string title, string subtitle, string axisLabel, IReadOnlyList<DoseBox> boxes)
        {
            double height = Top + Math.Max(1, boxes.Count) * Row + Bottom;
            double max = boxes.Count == 0 ? 1 : boxes.Max(b => b.Maximum);
            IReadOnlyList<double> ticks = SvgMarkup.Ticks(max);
            double axisEnd = ticks[ticks.Count - 1];
            double plotWidth = Width - Left - Right;
            Func<double, double> x = v => Left + plotWidth * (axisEnd <= 0 ? 0 : Math.Max(0, v) / axisEnd);

            w.Write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
            w.Write("<svg xmlns=\"" + SvgMarkup.Namespace + "\" width=\"" + SvgMarkup.Px(Width) + "\" height=\"" + SvgMarkup.Px(height)
                + "\" viewBox=\"0 0 " + SvgMarkup.Px(Width) + " " + SvgMarkup.Px(height) + "\" font-family=\"sans-serif\" font-size=\"12\""
                + " data-axis-min=\"0\" data-axis-max=\"" + SvgMarkup.Exact(axisEnd) + "\" data-plot-left=\"" + SvgMarkup.Px(Left)
                + "\" data-plot-right=\"" + SvgMarkup.Px(Width - Right) + "\">\n");
            w.Write("<title>" + SvgMarkup.Escape(title) + "</title>\n");
            w.Write("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
            w.Write("<text x=\"" + SvgMarkup.Px(Left) + "\" y=\"24\" font-size=\"16\" font-weight=\"bold\">" + SvgMarkup.Escape(title) + "</text>\n");
            w.Write("<text x=\"" + SvgMarkup.Px(Left) + "\" y=\"44\" fill=\"#555555\">" + SvgMarkup.Escape(subtitle) + "</text>\n");

            double plotBottom = Top + Math.Max(1, boxes.Count) * Row;
            w.Write("<g class=\"axis\" stroke=\"#dddddd\">\n");
            foreach (double t in ticks)
                w.Write("<line x1=\"" + SvgMarkup.Px(x(t)) + "\" y1=\"" + SvgMarkup.Px(Top) + "\" x2=\"" + SvgMarkup.Px(x(t)) + "\" y2=\"" + SvgMarkup.Px(plotBottom) + "\"/>\n");
            w.Write("</g>\n<g class=\"ticks\" text-anchor=\"middle\" fill=\"#333333\">\n");
            foreach (double t in ticks)
                w.Write("<text x=\"" + SvgMarkup.Px(x(t)) + "\" y=\"" + SvgMarkup.Px(plotBottom + 18) + "\">" + SvgMarkup.Label(t) + "</text>\n");
            w.Write("</g>\n");
            w.Write("<text x=\"" + SvgMarkup.Px(Left + plotWidth / 2) + "\" y=\"" + SvgMarkup.Px(plotBottom + 40) + "\" text-anchor=\"middle\">" + SvgMarkup.Escape(axisLabel) + "</text>\n");
            w.Write("<line x1=\"" + SvgMarkup.Px(Left) + "\" y1=\"" + SvgMarkup.Px(plotBottom) + "\" x2=\"" + SvgMarkup.Px(Width - Right) + "\" y2=\"" + SvgMarkup.Px(plotBottom) + "\" stroke=\"#333333\"/>\n");

            for (int i = 0; i < boxes.Count; i++)
            {
                DoseBox b = boxes[i];
                DoseStatistics s = b.Statistics;
                double middle = Top + i * Row + Row / 2, top = middle - BoxHeight / 2;
                string colour = SvgMarkup.Colour(i);
                w.Write("<g class=\"box\" data-label=\"" + SvgMarkup.Escape(b.Label) + "\" data-n=\"" + s.Count.ToString(CultureInfo.InvariantCulture)
                    + "\" data-q1=\"" + SvgMarkup.Exact(s.FirstQuartile) + "\" data-median=\"" + SvgMarkup.Exact(s.Median) + "\" data-q3=\"" + SvgMarkup.Exact(s.ThirdQuartile)
                    + "\" data-whisker-low=\"" + SvgMarkup.Exact(b.WhiskerLow) + "\" data-whisker-high=\"" + SvgMarkup.Exact(b.WhiskerHigh)
                    + "\" data-outliers=\"" + b.Outliers.Count.ToString(CultureInfo.InvariantCulture) + "\">\n");
                w.Write("<title>" + SvgMarkup.Escape(b.Label + ": n " + s.Count + ", median " + SvgMarkup.Label(s.Median) + ", Q1 " + SvgMarkup.Label(s.FirstQuartile)
                    + ", Q3 " + SvgMarkup.Label(s.ThirdQuartile) + ", min " + SvgMarkup.Label(b.Minimum) + ", max " + SvgMarkup.Label(b.Maximum)) + "</title>\n");
                w.Write("<text x=\"" + SvgMarkup.Px(Left - 8) + "\" y=\"" + SvgMarkup.Px(middle + 4) + "\" text-anchor=\"end\">"
                    + SvgMarkup.Escape(SvgMarkup.Shorten(b.Label, LabelLength)) + " (" + s.Count.ToString(CultureInfo.InvariantCulture) + ")</text>\n");
                w.Write("<line class=\"whisker\" x1=\"" + SvgMarkup.Px(x(b.WhiskerLow)) + "\" y1=\"" + SvgMarkup.Px(middle) + "\" x2=\"" + SvgMarkup.Px(x(b.WhiskerHigh))
                    + "\" y2=\"" + SvgMarkup.Px(middle) + "\" stroke=\"#333333\"/>\n");
                foreach (double end in new[] { b.WhiskerLow, b.WhiskerHigh })
                    w.Write("<line x1=\"" + SvgMarkup.Px(x(end)) + "\" y1=\"" + SvgMarkup.Px(top + 3) + "\" x2=\"" + SvgMarkup.Px(x(end)) + "\" y2=\"" + SvgMarkup.Px(top + BoxHeight - 3) + "\" stroke=\"#333333\"/>\n");
                double boxLeft = x(s.FirstQuartile), boxRight = x(s.ThirdQuartile);
                w.Write("<rect class=\"quartiles\" x=\"" + SvgMarkup.Px(boxLeft) + "\" y=\"" + SvgMarkup.Px(top) + "\" width=\"" + SvgMarkup.Px(Math.Max(1, boxRight - boxLeft))
                    + "\" height=\"" + SvgMarkup.Px(BoxHeight) + "\" fill=\"" + colour + "\" fill-opacity=\"0.55\" stroke=\"" + colour + "\"/>\n");
                w.Write("<line class=\"median\" x1=\"" + SvgMarkup.Px(x(s.Median)) + "\" y1=\"" + SvgMarkup.Px(top) + "\" x2=\"" + SvgMarkup.Px(x(s.Median)) + "\" y2=\"" + SvgMarkup.Px(top + BoxHeight)
                    + "\" stroke=\"#000000\" stroke-width=\"2\"/>\n");
                int drawn = 0;
                foreach (double o in b.Outliers)
                {
                    if (drawn++ >= MaxOutliersDrawn) break;
                    w.Write("<circle cx=\"" + SvgMarkup.Px(x(o)) + "\" cy=\"" + SvgMarkup.Px(middle) + "\" r=\"2.5\" fill=\"none\" stroke=\"" + colour + "\"/>\n");
                }
                w.Write("</g>\n");
            }
            if (boxes.Count == 0)
                w.Write("<text x=\"" + SvgMarkup.Px(Left + plotWidth / 2) + "\" y=\"" + SvgMarkup.Px(Top + Row / 2) + "\" text-anchor=\"middle\" fill=\"#555555\">No values</text>\n");
            w.Write("</svg>\n");
        }
    }
}
