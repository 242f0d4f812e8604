using System;
using System.Diagnostics;
using System.Net;
using HamletPS.Dicom.Network;
using Xunit;

namespace HamletPS.Dicom.Tests.Network
{
    /// <summary>The admission rules on a hand-moved clock (the socket-level behaviour is in ReceiverAdmissionTests).</summary>
    public class AdmissionControlTests
    {
        private long _now = 1000;
        private static readonly IPAddress A = IPAddress.Parse("10.0.0.1"), B = IPAddress.Parse("10.0.0.2"), C = IPAddress.Parse("10.0.0.3");

        private AdmissionControl New(int connections, int associations, int perPeer) =>
            new AdmissionControl(connections, associations, perPeer, TimeSpan.FromSeconds(10), () => _now);

        private void Advance(double seconds) => _now += (long)(seconds * Stopwatch.Frequency);

        [Fact]
        public void AssociationWithoutProgress_IsDisplacedOnlyOnceEvictIdleAfterHasPassed()
        {
            var ac = New(10, 1, 1);
            AdmissionTicket idle = ac.AdmitConnection(A, out _);
            Assert.Null(ac.AcquireAssociation(idle));
            AdmissionTicket late = ac.AdmitConnection(B, out _);
            Advance(9);
            Assert.Contains("(the limit)", ac.AcquireAssociation(late));
            Assert.Null(idle.DisplacedReason);
            Advance(2);
            Assert.Null(ac.AcquireAssociation(late));
            Assert.Contains("without progress", idle.DisplacedReason);
            Assert.Equal(1, ac.Associations);
        }

        [Fact]
        public void Progress_ProtectsAnAssociationFromDisplacement()
        {
            var ac = New(10, 1, 1);
            AdmissionTicket busy = ac.AdmitConnection(A, out _);
            Assert.Null(ac.AcquireAssociation(busy));
            Advance(9);
            busy.Progress();
            Advance(9);
            Assert.NotNull(ac.AcquireAssociation(ac.AdmitConnection(B, out _)));
            Assert.Null(busy.DisplacedReason);
        }

        [Fact]
        public void PerPeerLimit_DisplacesOnlyThatPeersStalestAssociation()
        {
            var ac = New(10, 4, 2);
            AdmissionTicket b1 = ac.AdmitConnection(B, out _);
            Assert.Null(ac.AcquireAssociation(b1));                // B's is the stalest of all
            Advance(5);
            AdmissionTicket a1 = ac.AdmitConnection(A, out _), a2 = ac.AdmitConnection(A, out _);
            Assert.Null(ac.AcquireAssociation(a1));
            Advance(1);
            Assert.Null(ac.AcquireAssociation(a2));
            AdmissionTicket a3 = ac.AdmitConnection(A, out _);
            Assert.Contains("per-peer limit", ac.AcquireAssociation(a3));
            Advance(10);
            Assert.Null(ac.AcquireAssociation(a3));
            Assert.NotNull(a1.DisplacedReason);
            Assert.Null(a2.DisplacedReason);
            Assert.Null(b1.DisplacedReason);
        }

        [Fact]
        public void ConnectionCap_DisplacesTheHeaviestPeersConnectionWithoutAssociation_AndRefusesThatPeer()
        {
            var ac = New(4, 2, 2);
            AdmissionTicket withAssociation = ac.AdmitConnection(A, out _);
            Assert.Null(ac.AcquireAssociation(withAssociation));
            AdmissionTicket a2 = ac.AdmitConnection(A, out _), a3 = ac.AdmitConnection(A, out _), a4 = ac.AdmitConnection(A, out _);
            Assert.Null(ac.AdmitConnection(A, out string refusal));
            Assert.Contains("4 connections open", refusal);
            AdmissionTicket b = ac.AdmitConnection(B, out _);
            Assert.NotNull(b);
            Assert.NotNull(a2.DisplacedReason);                        // the oldest without an association
            Assert.Null(withAssociation.DisplacedReason);
            Assert.Equal(4, ac.Connections);
            // A has 3, B 1: a second B connection would leave A 2 and B 2 — allowed; a third peer with 0 too.
            Assert.NotNull(ac.AdmitConnection(C, out _));
            Assert.NotNull(a3.DisplacedReason);
            Assert.Null(ac.AdmitConnection(B, out _));                 // A 2 (one holds an association), B 1, C 1: nobody heavier by two
        }

        [Fact]
        public void ReleasedTickets_GiveTheirPlacesBack()
        {
            var ac = New(2, 1, 1);
            AdmissionTicket t = ac.AdmitConnection(A, out _);
            Assert.Null(ac.AcquireAssociation(t));
            t.ReleaseAssociation();
            Assert.Equal(0, ac.Associations);
            t.Dispose();
            t.Dispose();
            Assert.Equal(0, ac.Connections);
            Assert.Null(ac.AcquireAssociation(ac.AdmitConnection(B, out _)));
        }

        [Fact]
        public void IPv4MappedPeers_CountAsTheirIPv4Address()
        {
            var ac = New(10, 4, 1);
            Assert.Null(ac.AcquireAssociation(ac.AdmitConnection(IPAddress.Parse("10.0.0.1"), out _)));
            Assert.Contains("per-peer", ac.AcquireAssociation(ac.AdmitConnection(IPAddress.Parse("::ffff:10.0.0.1"), out _)));
        }

        [Theory]
        [InlineData("10.1.2.0/24", "10.1.2.77", true)]
        [InlineData("10.1.2.0/24", "10.1.3.1", false)]
        [InlineData("10.1.2.3", "::ffff:10.1.2.3", true)]
        [InlineData("10.1.2.3", "10.1.2.4", false)]
        [InlineData("fd00::/8", "fd12::1", true)]
        [InlineData("fd00::/8", "10.1.2.3", false)]
        [InlineData("0.0.0.0/0", "192.0.2.1", true)]
        public void PeerAddressFilter_MatchesAddressesAndNetworks(string entry, string peer, bool allowed)
        {
            Assert.Equal(allowed, PeerAddressFilter.Parse(new[] { entry }).Allows(IPAddress.Parse(peer)));
        }

        [Theory]
        [InlineData("pacs.example.org")]
        [InlineData("10.1.2.0/33")]
        [InlineData("10.1.2.0/x")]
        public void PeerAddressFilter_RefusesNamesAndBadPrefixes_NamingTheEntry(string entry)
        {
            var e = Assert.Throws<FormatException>(() => PeerAddressFilter.Parse(new[] { entry }));
            Assert.Contains(entry, e.Message);
        }

        [Fact]
        public void PeerAddressFilter_EmptyAllowsAny()
        {
            Assert.True(PeerAddressFilter.Parse(new string[0]).Allows(IPAddress.Parse("192.0.2.9")));
        }
    }
}
