using System;
using System.Diagnostics;
using System.Threading;

namespace HamletPS.Core
{
    /// <summary>
    /// The one rule for how often progress is shown: at most one report per interval (a quarter of a second by default),
    /// the first at once, a forced one (the last, a change of state) always. Used by Core's upload meter, the cmdlets'
    /// Write-Progress (Windows PowerShell 5.1 renders each record synchronously) and `hamlet`'s progress line. Safe to call from
    /// several threads: of the calls racing for a slot, one passes.
    /// </summary>
    public sealed class ProgressThrottle
    {
        /// <summary>A quarter of a second.</summary>
        public static readonly TimeSpan DefaultInterval = TimeSpan.FromMilliseconds(250);

        private const long NeverReported = long.MinValue / 2;
        private readonly long _interval;
        private readonly Func<long> _clock;
        private long _last = NeverReported;

        public ProgressThrottle() : this(DefaultInterval)
        {
        }

        /// <param name="interval">The shortest time between two reports.</param>
        /// <param name="clock">The time in <see cref="Stopwatch"/> ticks (tests pass their own, so no test depends on time).</param>
        public ProgressThrottle(TimeSpan interval, Func<long> clock = null)
        {
            _interval = (long)(interval.TotalSeconds * Stopwatch.Frequency);
            _clock = clock ?? Stopwatch.GetTimestamp;
        }

        /// <summary>The shortest time between two reports, in <see cref="Stopwatch"/> ticks.</summary>
        public long IntervalTicks => _interval;

        /// <summary>True when a report may go out now (and the next must wait an interval): the first call, a call an interval
        /// or more after the last that passed, or <paramref name="force"/>.</summary>
        public bool TryEnter(bool force = false)
        {
            long now = _clock();
            if (force)
            {
                Interlocked.Exchange(ref _last, now);
                return true;
            }
            long last = Interlocked.Read(ref _last);
            if (last != NeverReported && now - last < _interval) return false;
            return Interlocked.CompareExchange(ref _last, now, last) == last;
        }

        /// <summary>A percentage as a whole number from 0 to 100 (NaN and negatives 0, above 100 100).</summary>
        public static int ClampPercent(double percent)
        {
            if (double.IsNaN(percent) || percent < 0) return 0;
            return percent > 100 ? 100 : (int)percent;
        }
    }
}
