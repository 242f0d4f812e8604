using System;
using System.Net;
using System.Threading;

namespace HamletPS.Dicom.Network
{
    /// <summary>
    /// One accepted TCP connection as <see cref="AdmissionControl"/> sees it: the peer's address, whether it holds an
    /// association slot, when it last made progress, and how to close it when it is displaced. Disposing it gives the
    /// connection (and any slot still held) back.
    /// </summary>
    internal sealed class AdmissionTicket : IDisposable
    {
        private readonly AdmissionControl _owner;
        private long _lastProgress;
        private Action<string>? _displace;
        private string? _displacedReason;

        internal AdmissionTicket(AdmissionControl owner, IPAddress peer, long now, long sequence)
        {
            _owner = owner;
            Peer = peer;
            Sequence = sequence;
            _lastProgress = now;
        }

        /// <summary>The peer's address (IPv4-mapped IPv6 addresses as IPv4).</summary>
        public IPAddress Peer { get; }

        /// <summary>Order of admission (older connections have smaller numbers).</summary>
        internal long Sequence { get; }

        /// <summary>True while an association slot is held (changed under the owner's lock only).</summary>
        internal bool HoldsAssociation { get; set; }

        /// <summary>Set once the ticket was displaced; it never regains a slot.</summary>
        internal bool Displaced { get; set; }

        internal bool Released { get; set; }

        /// <summary>Clock value of the last useful progress (association accepted, a C-STORE fragment, a stored file).</summary>
        internal long LastProgress => Interlocked.Read(ref _lastProgress);

        /// <summary>Why this connection was closed to make room for another (null when it was not).</summary>
        public string? DisplacedReason => Volatile.Read(ref _displacedReason);

        /// <summary>Records useful progress: an association with recent progress is never displaced.</summary>
        public void Progress() => Interlocked.Exchange(ref _lastProgress, _owner.Now());

        /// <summary>
        /// How to close this connection when it is displaced (set by the server once it can; before that a displacement
        /// is remembered and applied when set).
        /// </summary>
        public void OnDisplaced(Action<string> displace)
        {
            Volatile.Write(ref _displace, displace);
            string? reason = DisplacedReason;
            if (reason != null) displace(reason);
        }

        /// <summary>Closes the connection for <paramref name="reason"/> (called outside the owner's lock).</summary>
        internal void Displace(string reason)
        {
            if (Interlocked.CompareExchange(ref _displacedReason, reason, null) != null) return;
            Volatile.Read(ref _displace)?.Invoke(reason);
        }

        /// <summary>Gives the association slot back (the connection stays counted until <see cref="Dispose"/>).</summary>
        public void ReleaseAssociation() => _owner.ReleaseAssociation(this);

        public void Dispose() => _owner.Release(this);
    }
}
