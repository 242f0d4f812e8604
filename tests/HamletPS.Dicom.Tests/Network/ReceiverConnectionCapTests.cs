using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Net.Sockets;
using HamletPS.Dicom.Network;
using Xunit;
using static HamletPS.Dicom.Tests.Network.NetworkTestSupport;
using static HamletPS.Dicom.Tests.Network.ReceiverAdmissionTests;

namespace HamletPS.Dicom.Tests.Network
{
    /// <summary>The connection cap: one thread per admitted connection, none for the rest. Counts this process's threads, so it
    /// runs alone (the memory-measured collection).</summary>
    [Collection(MemoryMeasuredCollection.Name)]
    public class ReceiverConnectionCapTests
    {
        [Fact]
        public void ConnectionsOverTheCap_AreClosedAtOnce_AndTheThreadCountStaysBounded()
        {
            var options = new StorageScpOptions { Folder = NewFolder("cap"), AeTitle = "HAMLET", MaxAssociations = 4, MaxConnections = 8 };
            var held = new List<Socket>();
            try
            {
                using (var scp = new RunningScp(options))
                {
                    int before = ThreadCount();
                    for (int i = 0; i < 8; i++) held.Add(ConnectFrom("127.0.0.2", scp.Port));
                    WaitUntil(() => scp.Scp.OpenConnections == 8, "8 connections admitted");
                    for (int i = 0; i < 40; i++)
                    {
                        Socket s = ConnectFrom("127.0.0.2", scp.Port);
                        held.Add(s);
                        var sw = Stopwatch.StartNew();
                        Assert.Null(ReadPdu(s));                   // closed by the receiver (its 10 s request timeout has not run out)
                        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(3), "connection over the cap closed after " + sw.Elapsed);
                    }
                    Assert.Equal(8, scp.Scp.OpenConnections);
                    int grown = ThreadCount() - before;
                    // 8 connection threads, plus slack for the runtime's own (timers, thread pool); one thread per connection
                    // would be 48.
                    Assert.True(grown <= 16, "threads grew by " + grown + " for 8 admitted and 40 refused connections");

                    // A newcomer from another address displaces one of 127.0.0.2's silent connections and is served.
                    Socket newcomer = ConnectFrom("127.0.0.3", scp.Port);
                    held.Add(newcomer);
                    Assert.Equal(0x02, RequestAssociation(newcomer, "NEWCOMER"));
                    Assert.Equal(8, scp.Scp.OpenConnections);
                    lock (scp.Log) Assert.Contains(scp.Log, l => l.Contains("connection refused: 8 connections open (the limit)"));
                }
            }
            finally
            {
                foreach (Socket s in held) s.Dispose();
            }
        }

        private static int ThreadCount()
        {
            using (Process p = Process.GetCurrentProcess())
            {
                p.Refresh();
                return p.Threads.Count;
            }
        }
    }
}
