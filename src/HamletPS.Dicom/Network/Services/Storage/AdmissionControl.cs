using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace HamletPS.Dicom.Network
{
    /// <summary>
    /// Decides which TCP connections and associations a receiver serves, so that idle or hostile peers cannot lock real
    /// senders out. Three limits: connections in all (each is one thread), associations in all, associations per peer
    /// address. When a limit is reached a newcomer may displace an older occupant instead of being turned away:
    /// <list type="bullet">
    /// <item>a connection that holds no association (still before its A-ASSOCIATE-RQ, or rejected and closing) of the peer
    /// with the most connections, when that peer has at least two more than the newcomer's peer (fair share);</item>
    /// <item>an association that made no progress (no C-STORE data, no stored file; a C-ECHO does not count) for
    /// <c>evictIdleAfter</c>: the stalest one of the same peer when the per-peer limit is reached, else the stalest of all.</item>
    /// </list>
    /// Displacing closes the occupant (its server aborts it); the newcomer takes its place at once. Thread-safe.
    /// </summary>
    internal sealed class AdmissionControl
    {
        private readonly object _gate = new object();
        private readonly List<AdmissionTicket> _tickets = new List<AdmissionTicket>();
        private readonly Func<long> _clock;
        private long _sequence;
        private int _associations;

        /// <param name="clock">Monotonic clock in <see cref="Stopwatch"/> ticks (tests pass their own).</param>
        public AdmissionControl(int maxConnections, int maxAssociations, int maxAssociationsPerPeer, TimeSpan evictIdleAfter, Func<long>? clock = null)
        {
            if (maxAssociations < 1) throw new ArgumentOutOfRangeException(nameof(maxAssociations), "must be at least 1");
            if (maxAssociationsPerPeer < 1) throw new ArgumentOutOfRangeException(nameof(maxAssociationsPerPeer), "must be at least 1");
            if (maxConnections <= maxAssociations) throw new ArgumentOutOfRangeException(nameof(maxConnections), "must be larger than the association limit (" + maxAssociations + ")");
            MaxConnections = maxConnections;
            MaxAssociations = maxAssociations;
            MaxAssociationsPerPeer = maxAssociationsPerPeer;
            EvictIdleAfter = evictIdleAfter;
            _clock = clock ?? Stopwatch.GetTimestamp;
        }

        public int MaxConnections { get; }

        public int MaxAssociations { get; }

        public int MaxAssociationsPerPeer { get; }

        /// <summary>Progress-free time after which an association may be displaced by a newcomer when a limit is reached.</summary>
        public TimeSpan EvictIdleAfter { get; }

        public int Connections { get { lock (_gate) return _tickets.Count; } }

        public int Associations { get { lock (_gate) return _associations; } }

        internal long Now() => _clock();

        /// <summary>
        /// Admits a connection from <paramref name="peer"/>, or returns null (with the reason) when the connection limit is
        /// reached and no connection of a heavier peer can make room. A connection displaced for it is closed here, outside
        /// the lock.
        /// </summary>
        public AdmissionTicket? AdmitConnection(IPAddress peer, out string? refusal)
        {
            peer = Normalize(peer);
            refusal = null;
            AdmissionTicket? victim = null;
            AdmissionTicket ticket;
            lock (_gate)
            {
                if (_tickets.Count >= MaxConnections)
                {
                    var counts = CountByPeer();
                    counts.TryGetValue(peer, out int own);
                    foreach (AdmissionTicket t in _tickets)
                    {
                        if (t.HoldsAssociation || t.Displaced) continue;
                        int theirs = counts[t.Peer];
                        if (theirs < own + 2) continue;
                        if (victim == null || theirs > counts[victim.Peer] || (theirs == counts[victim.Peer] && t.Sequence < victim.Sequence)) victim = t;
                    }
                    if (victim == null)
                    {
                        refusal = MaxConnections.ToString(CultureInfo.InvariantCulture) + " connections open (the limit)";
                        return null;
                    }
                    victim.Displaced = true;
                    _tickets.Remove(victim);
                    victim.Released = true;
                }
                ticket = new AdmissionTicket(this, peer, _clock(), ++_sequence);
                _tickets.Add(ticket);
            }
            victim?.Displace("connection closed to make room for another peer (" + MaxConnections + " connections open, " + victim.Peer + " had the most)");
            return ticket;
        }

        /// <summary>
        /// Gives <paramref name="ticket"/> an association slot, displacing a progress-free association when a limit is reached;
        /// returns null when it may go ahead, else why it must be rejected (transient, local limit exceeded).
        /// </summary>
        public string? AcquireAssociation(AdmissionTicket ticket)
        {
            AdmissionTicket? victim = null;
            string? why;
            lock (_gate)
            {
                if (ticket.Released || ticket.Displaced) return "connection was closed";
                if (ticket.HoldsAssociation) return null;
                int samePeer = 0;
                foreach (AdmissionTicket t in _tickets) if (t.HoldsAssociation && t.Peer.Equals(ticket.Peer)) samePeer++;
                if (samePeer >= MaxAssociationsPerPeer)
                {
                    victim = Stalest(ticket.Peer);
                    why = samePeer + " associations from " + ticket.Peer + " (the per-peer limit)";
                }
                else if (_associations >= MaxAssociations)
                {
                    victim = Stalest(null);
                    why = _associations + " associations (the limit)";
                }
                else
                {
                    why = null;
                }
                if (why != null && victim == null) return why;
                if (victim != null)
                {
                    victim.HoldsAssociation = false;
                    victim.Displaced = true;
                    _associations--;
                }
                ticket.HoldsAssociation = true;
                _associations++;
                ticket.Progress();               // inside the lock: never seen holding a slot with its admission time as progress
            }
            victim?.Displace("displaced after " + Seconds(EvictIdleAfter) + " s without progress: " + why + " reached and another association was waiting");
            return null;
        }

        private AdmissionTicket? Stalest(IPAddress? peer)
        {
            long limit = _clock() - (long)(EvictIdleAfter.TotalSeconds * Stopwatch.Frequency);
            AdmissionTicket? stalest = null;
            foreach (AdmissionTicket t in _tickets)
            {
                if (!t.HoldsAssociation || t.Displaced) continue;
                if (peer != null && !t.Peer.Equals(peer)) continue;
                long last = t.LastProgress;
                if (last > limit) continue;
                if (stalest == null || last < stalest.LastProgress) stalest = t;
            }
            return stalest;
        }

        internal void ReleaseAssociation(AdmissionTicket ticket)
        {
            lock (_gate)
            {
                if (!ticket.HoldsAssociation) return;
                ticket.HoldsAssociation = false;
                _associations--;
            }
        }

        internal void Release(AdmissionTicket ticket)
        {
            lock (_gate)
            {
                if (ticket.HoldsAssociation) { ticket.HoldsAssociation = false; _associations--; }
                if (ticket.Released) return;
                ticket.Released = true;
                _tickets.Remove(ticket);
            }
        }

        private Dictionary<IPAddress, int> CountByPeer()
        {
            var counts = new Dictionary<IPAddress, int>();
            foreach (AdmissionTicket t in _tickets)
            {
                counts.TryGetValue(t.Peer, out int n);
                counts[t.Peer] = n + 1;
            }
            return counts;
        }

        /// <summary>IPv4-mapped IPv6 addresses (a dual-mode listener's view of IPv4 peers) as IPv4, so both count as one peer.</summary>
        public static IPAddress Normalize(IPAddress address)
        {
            if (address == null) return IPAddress.None;
            return address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        }

        private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);
    }
}
