using System;
using System.Diagnostics;
using System.Management.Automation;

namespace HamletPS.Internal
{
    /// <summary>
    /// Write-Progress at most a few times a second: Windows PowerShell 5.1 renders every record synchronously, and a record per
    /// file or per range would cost more than the work. Percentages are clamped to 0–100.
    /// </summary>
    internal sealed class ProgressThrottle
    {
        /// <summary>The shortest time between two records, in <see cref="Stopwatch"/> ticks: a quarter of a second.</summary>
        internal static readonly long Interval = Stopwatch.Frequency / 4;
        private readonly Action<ProgressRecord> _write;
        private readonly Func<long> _clock;
        private readonly int _activityId;
        private readonly string _activity;
        private long _last;
        private bool _written;

        public ProgressThrottle(Action<ProgressRecord> write, int activityId, string activity)
            : this(write, activityId, activity, Stopwatch.GetTimestamp)
        {
        }

        /// <summary>With a clock in <see cref="Stopwatch"/> ticks (tests pass their own, so no test depends on time).</summary>
        internal ProgressThrottle(Action<ProgressRecord> write, int activityId, string activity, Func<long> clock)
        {
            _write = write;
            _clock = clock;
            _activityId = activityId;
            _activity = activity;
        }

        /// <summary>Writes a record unless one was written less than a quarter of a second ago (or <paramref name="force"/>).</summary>
        public void Report(string status, double percent, int secondsRemaining = -1, string currentOperation = null, bool force = false)
        {
            long now = _clock();
            if (!force && _written && now - _last < Interval) return;
            _last = now;
            _written = true;
            var record = new ProgressRecord(_activityId, _activity, string.IsNullOrEmpty(status) ? "…" : status)
            {
                PercentComplete = Clamp(percent),
                SecondsRemaining = secondsRemaining,
                CurrentOperation = currentOperation,
            };
            _write(record);
        }

        /// <summary>Removes the progress bar.</summary>
        public void Complete()
        {
            _write(new ProgressRecord(_activityId, _activity, "Done") { RecordType = ProgressRecordType.Completed, PercentComplete = 100 });
        }

        internal static int Clamp(double percent)
        {
            if (double.IsNaN(percent) || percent < 0) return 0;
            return percent > 100 ? 100 : (int)percent;
        }
    }
}
