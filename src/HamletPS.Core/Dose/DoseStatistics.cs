using System;
using System.Collections.Generic;

namespace HamletPS.Core.Dose
{
    /// <summary>
    /// Median and quartiles of a set of dose values, as the per-station and per-protocol summaries give them: linear
    /// interpolation between the closest ranks (Excel's QUARTILE.INC, numpy's default percentile, Python's
    /// statistics.quantiles with method="inclusive").
    /// </summary>
    public sealed class DoseStatistics
    {
        private DoseStatistics(int count, double q1, double median, double q3)
        {
            Count = count;
            FirstQuartile = q1;
            Median = median;
            ThirdQuartile = q3;
        }

        public int Count { get; }
        public double FirstQuartile { get; }
        public double Median { get; }
        public double ThirdQuartile { get; }

        /// <summary>The statistics of <paramref name="values"/> (sorted here; the list is changed); null when it is empty.</summary>
        public static DoseStatistics Of(List<double> values)
        {
            if (values == null) throw new ArgumentNullException(nameof(values));
            if (values.Count == 0) return null;
            values.Sort();
            return new DoseStatistics(values.Count, Quantile(values, 0.25), Quantile(values, 0.5), Quantile(values, 0.75));
        }

        /// <summary>The <paramref name="p"/> quantile of sorted values, interpolated between closest ranks.</summary>
        public static double Quantile(IReadOnlyList<double> sorted, double p)
        {
            if (sorted == null || sorted.Count == 0) throw new ArgumentException("No values.", nameof(sorted));
            double position = p * (sorted.Count - 1);
            int lower = (int)Math.Floor(position);
            int upper = Math.Min(lower + 1, sorted.Count - 1);
            return sorted[lower] + (position - lower) * (sorted[upper] - sorted[lower]);
        }
    }
}
