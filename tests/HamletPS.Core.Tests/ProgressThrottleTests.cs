using System;
using System.Diagnostics;
using HamletPS.Core;
using Xunit;

namespace HamletPS.Core.Tests
{
    /// <summary>Core's one progress interval rule (used by the upload meter, the cmdlets and hamlet), on a hand-moved clock.</summary>
    public class ProgressThrottleTests
    {
        private long _now = 1_000_000;

        private ProgressThrottle NewThrottle(TimeSpan? interval = null) => new ProgressThrottle(interval ?? ProgressThrottle.DefaultInterval, () => _now);

        [Fact]
        public void TheFirstCallPasses_ThenNothingUntilTheIntervalHasPassed()
        {
            ProgressThrottle throttle = NewThrottle();
            Assert.True(throttle.TryEnter());
            _now += throttle.IntervalTicks - 1;
            Assert.False(throttle.TryEnter());
            _now += 1;
            Assert.True(throttle.TryEnter());
            Assert.Equal(Stopwatch.Frequency / 4, throttle.IntervalTicks);
        }

        [Fact]
        public void AForcedCallAlwaysPasses_AndRestartsTheInterval()
        {
            ProgressThrottle throttle = NewThrottle();
            Assert.True(throttle.TryEnter());
            _now += 10;
            Assert.True(throttle.TryEnter(force: true));
            _now += throttle.IntervalTicks - 1;
            Assert.False(throttle.TryEnter());
        }

        [Fact]
        public void AZeroInterval_PassesEveryCall()
        {
            ProgressThrottle throttle = NewThrottle(TimeSpan.Zero);
            for (int i = 0; i < 5; i++) Assert.True(throttle.TryEnter());
        }

        [Theory]
        [InlineData(-5.0, 0)]
        [InlineData(double.NaN, 0)]
        [InlineData(42.7, 42)]
        [InlineData(150.0, 100)]
        [InlineData(double.PositiveInfinity, 100)]
        public void ClampPercent_Is0Through100(double percent, int expected) => Assert.Equal(expected, ProgressThrottle.ClampPercent(percent));
    }
}
