using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using HamletPS.Dicom.Dictionary;
using HamletPS.Dicom.Network;
using Xunit;
using static HamletPS.Dicom.Tests.Network.NetworkTestSupport;

namespace HamletPS.Dicom.Tests.Network
{
    /// <summary>
    /// Idle and hostile peers against the receiver: a real sender (dcmtk's storescu) still gets through, connections over the cap
    /// are closed without a thread, per-peer limits, the request timeout, the listen address and the allowed peer addresses.
    /// Attackers connect from other loopback addresses (127.0.0.2…) so the limits per address can be seen; nothing leaves
    /// the loopback range.
    /// </summary>
    public class ReceiverAdmissionTests
    {
        [Fact]
        public void IdleConnectionsAndIdleAssociations_DoNotKeepStorescuOut()
        {
            string rx = NewFolder("lockout");
            // Defaults (16 associations, 8 per peer, 64 connections, 10 s request timeout) except the time an association
            // must have made no progress before a newcomer may displace it (10 s by default; 2 s keeps the test short).
            var options = new StorageScpOptions { Folder = rx, AeTitle = "HAMLET", EvictIdleAfter = TimeSpan.FromSeconds(2) };
            var held = new List<Socket>();
            try
            {
                using (var scp = new RunningScp(options))
                {
                    foreach (string source in new[] { "127.0.0.2", "127.0.0.3" })
                        for (int i = 0; i < 8; i++)
                        {
                            Socket s = ConnectFrom(source, scp.Port);
                            held.Add(s);
                            Assert.Equal(0x02, RequestAssociation(s, "IDLE" + i));      // A-ASSOCIATE-AC, then silence
                        }
                    Assert.Equal(16, scp.Scp.ActiveAssociations);
                    for (int i = 0; i < 80; i++)
                    {
                        try { held.Add(ConnectFrom("127.0.0.4", scp.Port)); }            // raw connections that never send a byte
                        catch (SocketException) { }
                    }
                    WaitUntil(() => scp.Scp.OpenConnections == options.EffectiveMaxConnections, "connection limit reached");
                    Thread.Sleep(options.EvictIdleAfter + TimeSpan.FromMilliseconds(500));

                    string file = WriteCt(NewFolder("lockout-src"), "1.2.826.0.1.3680043.10.543.77.1");
                    var sw = Stopwatch.StartNew();
                    var (code, output) = Run("storescu", "-aet TPS -aec HAMLET 127.0.0.1 " + scp.Port + " " + file, 30000);
                    sw.Stop();
                    Assert.True(code == 0, output);
                    Assert.True(sw.Elapsed < TimeSpan.FromSeconds(8), "storescu took " + sw.Elapsed);   // locked out for 300 s before
                    Assert.True(File.Exists(Path.Combine(rx, "1.2.826.0.1.3680043.10.543.77.1.dcm")));
                    lock (scp.Log) Assert.True(scp.Log.Any(l => l.Contains("displaced after 2 s without progress")), string.Join("\n", scp.Log.Where(l => !l.Contains("accepted"))));
                    Assert.True(scp.Scp.OpenConnections <= options.EffectiveMaxConnections);
                }
            }
            finally
            {
                foreach (Socket s in held) s.Dispose();
            }
        }

        [Fact]
        public void FreshIdleAssociations_AreNotDisplaced_TheNewcomerIsRejectedTransient()
        {
            var options = new StorageScpOptions { Folder = NewFolder("fresh"), AeTitle = "HAMLET", MaxAssociations = 2, EvictIdleAfter = TimeSpan.FromMinutes(5) };
            var held = new List<Socket>();
            try
            {
                using (var scp = new RunningScp(options))
                {
                    for (int i = 0; i < 2; i++)
                    {
                        held.Add(ConnectFrom("127.0.0.2", scp.Port));
                        Assert.Equal(0x02, RequestAssociation(held[i], "IDLE"));
                    }
                    var (code, output) = Run("echoscu", "-aet TPS -aec HAMLET 127.0.0.1 " + scp.Port, 20000);
                    Assert.NotEqual(0, code);
                    Assert.Contains("Local Limit Exceeded", output, StringComparison.OrdinalIgnoreCase);
                }
            }
            finally
            {
                foreach (Socket s in held) s.Dispose();
            }
        }

        [Fact]
        public void PerPeerLimit_RejectsThatPeersNextAssociation_OtherPeersStillGetIn()
        {
            var options = new StorageScpOptions { Folder = NewFolder("perpeer"), AeTitle = "HAMLET", MaxAssociationsPerPeer = 2, EvictIdleAfter = TimeSpan.FromMinutes(5) };
            var held = new List<Socket>();
            try
            {
                using (var scp = new RunningScp(options))
                {
                    for (int i = 0; i < 2; i++)
                    {
                        held.Add(ConnectFrom("127.0.0.2", scp.Port));
                        Assert.Equal(0x02, RequestAssociation(held[i], "ONE"));
                    }
                    Socket third = ConnectFrom("127.0.0.2", scp.Port);
                    held.Add(third);
                    byte[] rj = RequestAssociationPdu(third, "ONE");
                    Assert.NotNull(rj);
                    // A-ASSOCIATE-RJ rejected-transient (2), service provider (presentation, 3), local limit exceeded (2).
                    Assert.Equal(new byte[] { 0x03, 2, 3, 2 }, new[] { rj[0], rj[7], rj[8], rj[9] });
                    Socket other = ConnectFrom("127.0.0.3", scp.Port);
                    held.Add(other);
                    Assert.Equal(0x02, RequestAssociation(other, "TWO"));
                }
            }
            finally
            {
                foreach (Socket s in held) s.Dispose();
            }
        }

        [Fact]
        public void SilentConnection_IsClosedAfterTheAssociationRequestTimeout()
        {
            var options = new StorageScpOptions { Folder = NewFolder("artim"), AeTitle = "HAMLET", AssociationRequestTimeout = TimeSpan.FromSeconds(1) };
            using (var scp = new RunningScp(options))
            using (Socket s = ConnectFrom("127.0.0.2", scp.Port))
            {
                var sw = Stopwatch.StartNew();
                Assert.Null(ReadPdu(s));                          // closed by the receiver, not by our 10 s receive timeout
                Assert.True(sw.Elapsed < TimeSpan.FromSeconds(5), "closed after " + sw.Elapsed);
                WaitUntil(() => scp.Scp.OpenConnections == 0, "connection given back");
                lock (scp.Log) Assert.Contains(scp.Log, l => l.Contains("no A-ASSOCIATE-RQ within 1 s"));
            }
        }

        [Fact]
        public void ListenAddress_IsTheOnlyAddressListenedOn()
        {
            var options = new StorageScpOptions { Folder = NewFolder("bind"), AeTitle = "HAMLET" };
            using (var scp = new RunningScp(options, IPAddress.Parse("127.0.0.2")))
            {
                Assert.Equal(new[] { "127.0.0.2" }, scp.Scp.ReachableAddresses());
                Assert.Equal(0, Run("echoscu", "-aec HAMLET 127.0.0.2 " + scp.Port, 20000).ExitCode);
                var e = Assert.Throws<SocketException>(() =>
                {
                    using (var c = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
                        c.Connect(IPAddress.Loopback, scp.Port);
                });
                Assert.Equal(SocketError.ConnectionRefused, e.SocketErrorCode);
            }
        }

        [Fact]
        public void PeerNotInAllowedAddresses_IsClosedBeforeAnyDicom_AllowedNetworkGetsIn()
        {
            var options = new StorageScpOptions { Folder = NewFolder("allow"), AeTitle = "HAMLET", AllowedPeerAddresses = { "127.0.0.4/30" } };
            using (var scp = new RunningScp(options))
            {
                using (Socket outsider = ConnectFrom("127.0.0.2", scp.Port))
                    Assert.Equal(0, RequestAssociation(outsider, "OUTSIDER"));     // closed (reset), no A-ASSOCIATE-RJ either
                using (Socket insider = ConnectFrom("127.0.0.6", scp.Port))
                    Assert.Equal(0x02, RequestAssociation(insider, "INSIDER"));
                Assert.NotEqual(0, Run("echoscu", "-aec HAMLET 127.0.0.1 " + scp.Port, 20000).ExitCode);   // 127.0.0.1 is outside 127.0.0.4/30
                lock (scp.Log) Assert.Contains(scp.Log, l => l.StartsWith("127.0.0.2: connection refused: address not in the allowed peer addresses"));
            }
        }

        // ------------------------------------------------------------------------------------------------ helpers

        internal static Socket ConnectFrom(string source, int port)
        {
            var s = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveTimeout = 10000, SendTimeout = 10000 };
            try
            {
                s.Bind(new IPEndPoint(IPAddress.Parse(source), 0));
                s.Connect(IPAddress.Loopback, port);
                return s;
            }
            catch
            {
                s.Dispose();
                throw;
            }
        }

        /// <summary>Sends an A-ASSOCIATE-RQ for Verification; returns the answer's PDU type (2 AC, 3 RJ, 7 abort, 0 closed).</summary>
        internal static int RequestAssociation(Socket s, string callingAe)
        {
            byte[] answer = RequestAssociationPdu(s, callingAe);
            return answer == null ? 0 : answer[0];
        }

        /// <summary>Sends an A-ASSOCIATE-RQ for Verification; returns the answer PDU (null when the connection was closed).</summary>
        private static byte[] RequestAssociationPdu(Socket s, string callingAe)
        {
            var rq = new AssociateRequestPdu { CalledAeTitle = "HAMLET", CallingAeTitle = callingAe };
            rq.PresentationContexts.Add(new PresentationContextRequestItem(1, DicomUids.Verification, new[] { DicomUids.ImplicitVRLittleEndian }));
            rq.UserInformation.MaximumLength = 16384;
            rq.UserInformation.ImplementationClassUid = "1.2.826.0.1.3680043.10.543.1";
            try
            {
                s.Send(rq.Encode());
            }
            catch (SocketException)
            {
                return null;                                   // already closed by the receiver
            }
            return ReadPdu(s);
        }

        /// <summary>Reads one PDU (header and body); null when the peer closed or reset the connection first.</summary>
        internal static byte[] ReadPdu(Socket s)
        {
            var header = new byte[6];
            if (!ReadExactly(s, header, 6)) return null;
            int length = (header[2] << 24) | (header[3] << 16) | (header[4] << 8) | header[5];
            var pdu = new byte[6 + length];
            Array.Copy(header, pdu, 6);
            var body = new byte[length];
            if (!ReadExactly(s, body, length)) return null;
            Array.Copy(body, 0, pdu, 6, length);
            return pdu;
        }

        private static bool ReadExactly(Socket s, byte[] buffer, int count)
        {
            int got = 0;
            try
            {
                while (got < count)
                {
                    int n = s.Receive(buffer, got, count - got, SocketFlags.None);
                    if (n <= 0) return false;
                    got += n;
                }
                return true;
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset || e.SocketErrorCode == SocketError.ConnectionAborted)
            {
                return false;
            }
        }

        internal static void WaitUntil(Func<bool> condition, string what, int timeoutMs = 10000)
        {
            var sw = Stopwatch.StartNew();
            while (!condition())
            {
                if (sw.ElapsedMilliseconds > timeoutMs) throw new TimeoutException("not reached within " + timeoutMs + " ms: " + what);
                Thread.Sleep(20);
            }
        }
    }
}
