using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Management.Automation;
using System.Reflection;
using System.Runtime.Loader;
using Xunit;

namespace HamletPS.PowerShell.Tests.Internal
{
    /// <summary>
    /// The cmdlets' Write-Progress writer (HamletPS.Internal.ProgressWriter, internal to HamletPS.dll), driven with a
    /// hand-moved clock so nothing here depends on time. HamletPS.dll is loaded from the laid-out module into a load context of
    /// its own: the module imported by the other tests stays untouched, and System.Management.Automation is shared.
    /// </summary>
    public class ProgressWriterTests
    {
        private static readonly Type ThrottleType = LoadThrottleType();
        private static readonly long Interval = (long)ThrottleType.GetField("Interval", BindingFlags.Static | BindingFlags.NonPublic).GetValue(null);

        private readonly List<ProgressRecord> _written = new List<ProgressRecord>();
        private long _now = 1_000_000;

        private static Type LoadThrottleType()
        {
            var context = new AssemblyLoadContext("progress-writer-tests");
            // The writer stands on Core's ProgressThrottle: served from the module's Dependencies folder, as the module does.
            context.Resolving += (ctx, name) =>
            {
                string path = Path.Combine(ModuleLayout.ModuleFolder, "Dependencies", name.Name + ".dll");
                return File.Exists(path) ? ctx.LoadFromAssemblyPath(path) : null;
            };
            Assembly cmdlets = context.LoadFromAssemblyPath(Path.Combine(ModuleLayout.ModuleFolder, "HamletPS.dll"));
            return cmdlets.GetType("HamletPS.Internal.ProgressWriter", throwOnError: true);
        }

        private object NewThrottle() =>
            Activator.CreateInstance(ThrottleType, BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public, null,
                new object[] { new Action<ProgressRecord>(_written.Add), 7, "Testing", new Func<long>(() => _now) }, null);

        private static void Report(object throttle, double percent, bool force = false) =>
            ThrottleType.GetMethod("Report").Invoke(throttle, new object[] { "status", percent, -1, null, force });

        [Fact]
        public void Interval_IsAQuarterOfASecond()
        {
            Assert.Equal(Stopwatch.Frequency / 4, Interval);
        }

        [Fact]
        public void Report_FirstCallWritesAtOnce_ThenNothingUntilTheIntervalHasPassed()
        {
            object throttle = NewThrottle();
            Report(throttle, 1);
            Assert.Single(_written);

            _now += Interval - 1;
            Report(throttle, 2);
            Assert.Single(_written);

            _now += 1;
            Report(throttle, 3);
            Assert.Equal(2, _written.Count);
            Assert.Equal(3, _written[1].PercentComplete);
            Assert.Equal(7, _written[1].ActivityId);
        }

        [Fact]
        public void Report_ThousandUpdatesInOneSecond_WriteFourRecords()
        {
            object throttle = NewThrottle();
            long start = _now;
            for (int i = 0; i < 1000; i++)
            {
                _now = start + Stopwatch.Frequency * i / 1000;
                Report(throttle, i / 10.0);
            }
            // At 0, 250, 500 and 750 ms: a few records a second however many files or ranges go by.
            Assert.Equal(4, _written.Count);
        }

        [Fact]
        public void Report_Forced_WritesWithinTheInterval()
        {
            object throttle = NewThrottle();
            Report(throttle, 10);
            Report(throttle, 20, force: true);
            Assert.Equal(new[] { 10, 20 }, _written.ConvertAll(r => r.PercentComplete));
        }

        [Theory]
        [InlineData(-5.0, 0)]
        [InlineData(double.NaN, 0)]
        [InlineData(double.NegativeInfinity, 0)]
        [InlineData(0.0, 0)]
        [InlineData(42.7, 42)]
        [InlineData(100.0, 100)]
        [InlineData(150.0, 100)]
        [InlineData(double.PositiveInfinity, 100)]
        public void Report_ClampsThePercentageTo0Through100(double percent, int expected)
        {
            // ProgressRecord itself throws on a percentage above 100, so an unclamped value would fail the cmdlet.
            object throttle = NewThrottle();
            Report(throttle, percent);
            Assert.Equal(expected, Assert.Single(_written).PercentComplete);
        }

        [Fact]
        public void Complete_WritesACompletedRecordEvenRightAfterAReport()
        {
            object throttle = NewThrottle();
            Report(throttle, 50);
            ThrottleType.GetMethod("Complete").Invoke(throttle, null);
            Assert.Equal(2, _written.Count);
            Assert.Equal(ProgressRecordType.Completed, _written[1].RecordType);
        }
    }
}
