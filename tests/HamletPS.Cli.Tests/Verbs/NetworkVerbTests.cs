using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using HamletPS.Cli.Verbs;
using HamletPS.Core.Network;
using HamletPS.Synthetic;
using Xunit;
using static HamletPS.Cli.Tests.LoopbackPeers;

namespace HamletPS.Cli.Tests
{
    /// <summary>`hamlet receive`, `send` and `echo` against dcmtk's storescu, storescp and echoscu.</summary>
    public sealed class NetworkVerbTests : ScratchFolderTest
    {
        public NetworkVerbTests() : base("hamlet-netverb-") => Directory.CreateDirectory(Root);

        [Fact]
        public async Task Receive_PrintsWhereToConnect_AndAnRcvLinePerFile_AndStopsOnCancel()
        {
            RtStudy study = WriteStudy(Path.Combine(Root, "sent"));
            string rx = Path.Combine(Root, "incoming");
            int port = FreePort();
            var stdout = new SyncWriter();
            var stderr = new SyncWriter();
            using var cts = new CancellationTokenSource();
            var options = new DicomReceiverOptions { Folder = rx, Port = port, AETitle = "HAMLETPS" };
            Task<int> run = Task.Run(() => ReceiveVerb.Run(options, false, new CliOutput(stdout, stderr), cts.Token));
            try
            {
                WaitForPort(port);
                var (code, log) = RunPeer("storescu", "-aec HAMLETPS 127.0.0.1 " + port + " " + string.Join(" ", study.Files.Select(f => "\"" + f.Path + "\"")));
                Assert.True(code == 0, log);
                Assert.True(WaitUntil(() => stdout.Text.Split('\n').Count(l => l.StartsWith("RCV: ", StringComparison.Ordinal)) == study.Files.Count), stdout.Text);
            }
            finally
            {
                cts.Cancel();
            }
            Assert.Equal(0, await Within(run, 30, "receive did not stop on cancel"));
            string text = stdout.Text;
            Assert.Contains("Connect to this DICOM receiver using IP Address: 127.0.0.1 and Port: " + port, text);
            Assert.Contains("Data will be written to: " + rx, text);
            foreach (RtStudyFile f in study.Files) Assert.Contains("RCV: " + f.SopInstanceUid + ".dcm", text);
            Assert.Empty(Directory.GetFiles(rx, "*.partial"));
            Assert.Equal("", stderr.Text);
        }

        [Fact]
        public async Task Receive_Count_StopsByItself_AndJsonHasTheCmdletsProperties()
        {
            RtStudy study = WriteStudy(Path.Combine(Root, "sent"), slices: 2);
            string rx = Path.Combine(Root, "incoming");
            int port = FreePort();
            var stdout = new SyncWriter();
            var options = new DicomReceiverOptions { Folder = rx, Port = port, Count = study.Files.Count };
            Task<int> run = Task.Run(() => ReceiveVerb.Run(options, true, new CliOutput(stdout, new SyncWriter()), CancellationToken.None));
            WaitForPort(port);
            var (code, log) = RunPeer("storescu", "-aec HAMLETPS 127.0.0.1 " + port + " " + string.Join(" ", study.Files.Select(f => "\"" + f.Path + "\"")));
            Assert.True(code == 0, log);
            Assert.Equal(0, await Within(run, 30, "receive did not stop after --count files"));
            var lines = stdout.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(study.Files.Count, lines.Length);
            var names = typeof(ReceivedDicomFile).GetProperties().Select(p => p.Name).OrderBy(n => n);
            using var doc = System.Text.Json.JsonDocument.Parse(lines[0]);
            Assert.Equal(names, doc.RootElement.EnumerateObject().Select(p => p.Name).OrderBy(n => n));
        }

        [Fact]
        public void ResolveOptions_TakesFolderAeTitleAndPortFromTheConfig_UnlessGiven()
        {
            string config = Path.Combine(Root, "config.yaml");
            Directory.CreateDirectory(Path.Combine(Root, "in"));
            Directory.CreateDirectory(Path.Combine(Root, "sorted"));
            Directory.CreateDirectory(Path.Combine(Root, "out"));
            File.WriteAllText(config, "APP:\n  SITE: TESTSITE\nDATAPATH:\n  INCOMING: in/\n  SORTED: sorted/\n  OUTGOING: out/\nDICOMNODE:\n  AET: CONFIGAE\n  PORT: 4242\n");

            DicomReceiverOptions fromConfig = ReceiveVerb.ResolveOptions(null, null, null, config, Root);
            DicomReceiverOptions given = ReceiveVerb.ResolveOptions("elsewhere", 5000, "GIVEN", config, Root);

            Assert.Equal(Path.Combine(Root, "in"), fromConfig.Folder.TrimEnd('/'));
            Assert.Equal("CONFIGAE", fromConfig.AETitle);
            Assert.Equal(4242, fromConfig.Port);
            Assert.Equal(Path.Combine(Root, "elsewhere"), given.Folder);
            Assert.Equal("GIVEN", given.AETitle);
            Assert.Equal(5000, given.Port);
            Assert.Equal(Core.ErrorIds.ConfigNotFound, Assert.Throws<Core.HamletException>(() => ReceiveVerb.ResolveOptions(null, null, null, Path.Combine(Root, "missing.yaml"), Root)).ErrorId);
        }

        [Fact]
        public async Task Receive_ListenAddress_ListensThereOnly_AndTheBannerNamesIt()
        {
            int port = FreePort();
            var stdout = new SyncWriter();
            using var cts = new CancellationTokenSource();
            var options = new DicomReceiverOptions { Folder = Path.Combine(Root, "incoming"), Port = port, AETitle = "HAMLETPS", ListenAddress = "127.0.0.2" };
            Task<int> run = Task.Run(() => ReceiveVerb.Run(options, false, new CliOutput(stdout, new SyncWriter()), cts.Token));
            try
            {
                Assert.True(WaitUntil(() => stdout.Text.Contains("Press <CTRL-C>")), stdout.Text);
                var (code, log) = RunPeer("echoscu", "-aec HAMLETPS 127.0.0.2 " + port);
                Assert.True(code == 0, log);
                var refused = Assert.Throws<SocketException>(() =>
                {
                    using var c = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                    c.Connect(IPAddress.Loopback, port);
                });
                Assert.Equal(SocketError.ConnectionRefused, refused.SocketErrorCode);
            }
            finally
            {
                cts.Cancel();
            }
            Assert.Equal(0, await Within(run, 30, "receive did not stop on cancel"));
            var connectLines = stdout.Text.Split('\n').Where(l => l.StartsWith("Connect to this DICOM receiver", StringComparison.Ordinal)).ToList();
            Assert.Equal(new[] { "Connect to this DICOM receiver using IP Address: 127.0.0.2 and Port: " + port + " (AE title HAMLETPS)" }, connectLines.Select(l => l.TrimEnd('\r')));
        }

        [Fact]
        public void Receive_ListenAddressThatIsNotAnAddress_ExitsTwoNamingIt()
        {
            var stderr = new SyncWriter();
            var options = new DicomReceiverOptions { Folder = Path.Combine(Root, "incoming"), Port = FreePort(), ListenAddress = "receiver.local" };
            Assert.Equal(2, ReceiveVerb.Run(options, false, new CliOutput(new SyncWriter(), stderr), CancellationToken.None));
            Assert.Contains("listen address 'receiver.local' is not an IPv4 or IPv6 address", stderr.Text);
        }

        [Fact]
        public void ResolveOptions_TakesTheDicomNodeAccessKeysFromTheConfig_EvenWhenEverythingElseIsGiven()
        {
            string config = Path.Combine(Root, "config.yaml");
            File.WriteAllText(config, "APP:\n  SITE: TESTSITE\nDICOMNODE:\n  LISTENADDRESS: 127.0.0.2\n  ALLOWEDPEERADDRESSES: 10.20.0.0/28\n  ALLOWEDCALLINGAETITLES: TPS_SCU\n");
            DicomReceiverOptions given = ReceiveVerb.ResolveOptions("elsewhere", 5000, "GIVEN", null, Root);
            Assert.Equal("127.0.0.2", given.ListenAddress);
            Assert.Equal(new[] { "10.20.0.0/28" }, given.AllowedPeerAddresses);
            Assert.Equal(new[] { "TPS_SCU" }, given.AllowedCallingAETitles);
        }

        [Fact]
        public void Send_ToStorescp_PrintsStatus0000PerFile_ExitsZero_AndEchoSucceeds()
        {
            RtStudy study = WriteStudy(Path.Combine(Root, "sent"), slices: 2);
            string rx = Path.Combine(Root, "storescp");
            Directory.CreateDirectory(rx);
            int port = FreePort();
            using Process storescp = StartPeer("storescp", "-aet PEER --output-directory \"" + rx + "\" " + port);
            try
            {
                WaitForPort(port);
                var stdout = new SyncWriter();
                var stderr = new SyncWriter();
                var peer = new DicomPeer { ComputerName = "127.0.0.1", Port = port, CalledAETitle = "PEER" };

                int exit = SendVerb.Run(new[] { study.Folder }, true, peer, false, false, new CliOutput(stdout, stderr), CancellationToken.None);

                Assert.True(exit == 0, stderr.Text);
                var statusLines = stdout.Text.Split('\n').Where(l => l.StartsWith("0000  Success  ", StringComparison.Ordinal)).ToList();
                Assert.Equal(study.Files.Count, statusLines.Count);
                Assert.Contains("files/s", stdout.Text);
                Assert.True(WaitUntil(() => Directory.GetFiles(rx).Length == study.Files.Count, 10000));

                var echoOut = new SyncWriter();
                Assert.Equal(0, EchoVerb.Run(peer, false, false, new CliOutput(echoOut, new SyncWriter()), CancellationToken.None));
                Assert.StartsWith("C-ECHO PEER@127.0.0.1:" + port + ": success", echoOut.Text);
            }
            finally
            {
                try { storescp.Kill(true); } catch (Exception) { }
            }
        }

        [Fact]
        public void Send_WhatIf_SendsNothing_AndUnreachablePeer_ExitsOne()
        {
            RtStudy study = WriteStudy(Path.Combine(Root, "sent"), slices: 2);
            int port = FreePort(); // nothing listens there
            var peer = new DicomPeer { ComputerName = "127.0.0.1", Port = port, TimeoutSeconds = 5 };

            var whatIf = new SyncWriter();
            Assert.Equal(0, SendVerb.Run(new[] { study.Folder }, true, peer, true, false, new CliOutput(whatIf, new SyncWriter()), CancellationToken.None));
            Assert.Equal(study.Files.Count, whatIf.Text.Split('\n').Count(l => l.StartsWith("What if: send ", StringComparison.Ordinal)));

            var stderr = new SyncWriter();
            int exit = SendVerb.Run(new[] { study.Folder }, true, peer, false, false, new CliOutput(new SyncWriter(), stderr), CancellationToken.None);
            Assert.Equal(1, exit);
            Assert.Single(stderr.Text.Split('\n'), l => l.StartsWith("error: DicomSendFailed: ", StringComparison.Ordinal));
            Assert.Contains("more files were not sent", stderr.Text);

            var echoErr = new SyncWriter();
            Assert.Equal(1, EchoVerb.Run(peer, false, false, new CliOutput(new SyncWriter(), echoErr), CancellationToken.None));
            Assert.StartsWith("error: DicomEchoFailed: C-ECHO to ANY-SCP@127.0.0.1:" + port + " failed", echoErr.Text);
            Assert.Equal(1, EchoVerb.Run(peer, true, false, new CliOutput(new SyncWriter(), echoErr), CancellationToken.None));
        }

        [Fact]
        public async Task Echoscu_AgainstHamletReceive_Succeeds()
        {
            int port = FreePort();
            using var cts = new CancellationTokenSource();
            var options = new DicomReceiverOptions { Folder = Path.Combine(Root, "incoming"), Port = port, AETitle = "HAMLETPS" };
            Task<int> run = Task.Run(() => ReceiveVerb.Run(options, false, new CliOutput(new SyncWriter(), new SyncWriter()), cts.Token));
            try
            {
                WaitForPort(port);
                var (code, log) = RunPeer("echoscu", "-aec HAMLETPS 127.0.0.1 " + port);
                Assert.True(code == 0, log);
            }
            finally
            {
                cts.Cancel();
            }
            await Within(run, 30, "receive did not stop on cancel");
        }

        /// <summary>The task's result, failing the test with <paramref name="what"/> when it takes longer than the given seconds.</summary>
        private static async Task<T> Within<T>(Task<T> task, int seconds, string what)
        {
            Assert.True(await Task.WhenAny(task, Task.Delay(TimeSpan.FromSeconds(seconds))) == task, what);
            return await task;
        }

        private static RtStudy WriteStudy(string folder, int slices = 4) =>
            new RtStudyBuilder(new SyntheticPatientGenerator(11).Create(1), new RtStudyOptions { Seed = 11, Slices = slices }).Write(folder);

        /// <summary>A StringWriter safe to write from the receiver's threads and read from the test.</summary>
        private sealed class SyncWriter : StringWriter
        {
            public string Text { get { lock (this) return ToString(); } }

            public override void Write(char value) { lock (this) base.Write(value); }

            public override void Write(string value) { lock (this) base.Write(value); }

            public override void WriteLine(string value) { lock (this) base.WriteLine(value); }
        }
    }
}
