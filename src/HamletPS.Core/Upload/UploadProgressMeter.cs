using System;
using System.Diagnostics;
using System.Threading;

namespace HamletPS.Core.Upload
{
    /// <summary>Counts the bytes of one file sent and reports an <see cref="UploadProgress"/> (rate, ETA) at most once per
    /// interval (<see cref="ProgressThrottle"/>), and always at the end.</summary>
    internal sealed class UploadProgressMeter
    {
        private readonly IProgress<UploadProgress> _sink;
        private readonly string _name;
        private readonly long _total;
        private readonly ProgressThrottle _throttle;
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly long _startBytes;
        private long _done;

        public UploadProgressMeter(IProgress<UploadProgress> sink, string name, long total, long alreadyDone, TimeSpan interval)
        {
            _sink = sink;
            _name = name;
            _total = total;
            _done = alreadyDone;
            _startBytes = alreadyDone;
            _throttle = new ProgressThrottle(interval);
        }

        public void Add(long bytes)
        {
            long done = Interlocked.Add(ref _done, bytes);
            if (_sink == null || !_throttle.TryEnter()) return;
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
