using System;
using System.Collections.Generic;

namespace HamletPS.Core.Dose
{
    /// <summary>
    /// One box of a box plot: a protocol's values, their quartiles (<see cref="DoseStatistics"/>, as the summaries give them),
    /// the whiskers (Tukey's: the furthest values within 1.5 interquartile ranges of the box) and the values beyond them.
    /// </summary>
    public sealed class DoseBox
    {
        private DoseBox(string label, DoseStatistics statistics, double low, double high, double minimum, double maximum, double[] outliers)
        {
            Label = label;
            Statistics = statistics;
            WhiskerLow = low;
            WhiskerHigh = high;
            Minimum = minimum;
            Maximum = maximum;
            Outliers = outliers;
        }

        public string Label { get; }
        public DoseStatistics Statistics { get; }
        public double WhiskerLow { get; }
        public double WhiskerHigh { get; }
        public double Minimum { get; }
        public double Maximum { get; }

        /// <summary>The values below the low or above the high whisker, ascending.</summary>
        public IReadOnlyList<double> Outliers { get; }

        /// <summary>The box of <paramref name="values"/> (sorted here; the list is changed); null when it is empty.</summary>
        public static DoseBox Of(string label, List<double> values)
        {
            DoseStatistics s = DoseStatistics.Of(values);
            if (s == null) return null;
            double iqr = s.ThirdQuartile - s.FirstQuartile;
            double lowFence = s.FirstQuartile - 1.5 * iqr, highFence = s.ThirdQuartile + 1.5 * iqr;
            double low = s.FirstQuartile, high = s.ThirdQuartile;
            var outliers = new List<double>();
            foreach (double v in values)
            {
                if (v < lowFence || v > highFence) outliers.Add(v);
                else
                {
                    low = Math.Min(low, v);
                    high = Math.Max(high, v);
                }
            }
            return new DoseBox(label, s, low, high, values[0], values[values.Count - 1], outliers.ToArray());
        }
    }
}
