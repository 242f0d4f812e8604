using System;
using System.Threading;

namespace HamletPS.Dicom.Network
{
    /// <summary>
    /// A deadline for one association: the ARTIM timer of PS3.8 9.1.5 (waiting for an A-ASSOCIATE-RQ, for the transport to close
    /// after a reject/release/abort), and the same mechanism for the DIMSE and network-idle timeouts. When armed and it expires,
    /// it runs the expiry action once (the association closes its transport, which ends any pending read).
    /// </summary>
    internal sealed class ArtimTimer : IDisposable
    {
        private readonly Action<string> _onExpired;
        private readonly Timer _timer;
        private string? _reason;
        private int _fired;

        public ArtimTimer(Action<string> onExpired)
        {
            _onExpired = onExpired;
            _timer = new Timer(_ => Expire(), null, Timeout.Infinite, Timeout.Infinite);
        }

        /// <summary>Why the timer expired (null while it has not).</summary>
        public string? ExpiredReason => Volatile.Read(ref _fired) == 1 ? _reason : null;

        /// <summary>Starts or restarts the timer; a zero or negative timeout disarms it.</summary>
        public void Start(TimeSpan timeout, string reason)
        {
            _reason = reason;
            if (timeout <= TimeSpan.Zero) Stop();
            else _timer.Change(timeout, Timeout.InfiniteTimeSpan);
        }

        public void Stop() => _timer.Change(Timeout.Infinite, Timeout.Infinite);

        private void Expire()
        {
            if (Interlocked.Exchange(ref _fired, 1) == 0) _onExpired(_reason ?? "ARTIM timer expired");
        }

        public void Dispose() => _timer.Dispose();
    }
}
