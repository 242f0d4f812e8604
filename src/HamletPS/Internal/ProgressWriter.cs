using System;
using System.Diagnostics;
using System.Management.Automation;
using HamletPS.Core;

namespace HamletPS.Internal
{
    /// <summary>
    /// Write-Progress at most a few times a second (<see cref="ProgressThrottle"/>, Core's one rule: Windows PowerShell 5.1
    /// renders every record synchronously, and a record per file or per range would cost more than the work). Percentages are
    /// clamped to 0–100 (ProgressRecord throws above 100). Safe to call from several workers.
    /// </summary>
    internal sealed class ProgressWriter
    {
        /// <summary>The shortest time between two records, in <see cref="Stopwatch"/> ticks: a quarter of a second.</summary>
        internal static readonly long Interval = new ProgressThrottle().IntervalTicks;
        private readonly Action<ProgressRecord> _write;
        private readonly ProgressThrottle _throttle;
        private readonly int _activityId;
        private readonly string _activity;

        public ProgressWriter(Action<ProgressRecord> write, int activityId, string activity)
            : this(write, activityId, activity, Stopwatch.GetTimestamp)
        {
        }

        /// <summary>With a clock in <see cref="Stopwatch"/> ticks (tests pass their own, so no test depends on time).</summary>
        internal ProgressWriter(Action<ProgressRecord> write, int activityId, string activity, Func<long> clock)
        {
            _write = write;
            _throttle = new ProgressThrottle(ProgressThrottle.DefaultInterval, clock);
            _activityId = activityId;
            _activity = activity;
        }

        /// <summary>Writes a record unless one was written less than a quarter of a second ago (or <paramref name="force"/>).</summary>
        public void Report(string status, double percent, int secondsRemaining = -1, string currentOperation = null, bool force = false)
        {
            if (!_throttle.TryEnter(force)) return;
            var record = new ProgressRecord(_activityId, _activity, string.IsNullOrEmpty(status) ? "…" : status)
            {
                PercentComplete = ProgressThrottle.ClampPercent(percent),
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
    }
}
