using System;
using System.Diagnostics;
using System.Threading;

namespace HamletPS.Core.Upload
{
    /// <summary>Turns many byte counts into at most one <see cref="UploadProgress"/> per interval (cheap for Write-Progress in PowerShell 5.1).</summary>
    internal sealed class ProgressThrottle
    {
        private readonly IProgress<UploadProgress> _sink;
        private readonly string _name;
        private readonly long _total;
        private readonly long _interval;
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly long _startBytes;
        private long _done;
        private long _lastReport;

        public ProgressThrottle(IProgress<UploadProgress> sink, string name, long total, long alreadyDone, TimeSpan interval)
        {
            _sink = sink;
            _name = name;
            _total = total;
            _done = alreadyDone;
            _startBytes = alreadyDone;
            _interval = (long)(interval.TotalSeconds * Stopwatch.Frequency);
            _lastReport = -_interval - 1; // the first call reports at once
        }

        public void Add(long bytes)
        {
            long done = Interlocked.Add(ref _done, bytes);
            if (_sink == null) return;
            long now = _clock.ElapsedTicks;
            long last = Interlocked.Read(ref _lastReport);
            if (now - last < _interval) return;
            if (Interlocked.CompareExchange(ref _lastReport, now, last) != last) return;
            _sink.Report(Build(done, completed: false));
        }

        public void Complete()
        {
            _sink?.Report(Build(Interlocked.Read(ref _done), completed: true));
        }

        private UploadProgress Build(long done, bool completed)
        {
            double seconds = _clock.Elapsed.TotalSeconds;
            double rate = seconds > 0 ? (done - _startBytes) / seconds : 0;
            TimeSpan? eta = rate > 0 ? TimeSpan.FromSeconds((_total - done) / rate) : (TimeSpan?)null;
            return new UploadProgress(_name, done, _total, rate, completed ? TimeSpan.Zero : eta, completed);
        }
    }
}
