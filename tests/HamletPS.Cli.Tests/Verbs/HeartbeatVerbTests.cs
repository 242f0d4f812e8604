using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using HamletPS.Cli.Verbs;
using HamletPS.Core.Network;
using HamletPS.TestPeers;
using HamletPS.TestSupport;
using Xunit;
using static HamletPS.Cli.Tests.LoopbackPeers;

namespace HamletPS.Cli.Tests
{
    /// <summary>
    /// `hamlet heartbeat` against real peers: dcmqrscp as the PACS, our own receiver (hamlet receive, in-process) as DICOMNODE,
    /// the local Azure Files endpoint as the share. Exit code 0 all answered, 1 a check failed (its reason names the peer),
    /// 2 the configuration cannot be used.
    /// </summary>
    public sealed class HeartbeatVerbTests : IDisposable
    {
        private const string WrongKey = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==";
        private readonly AzureFilesEndpoint.AzureFilesEndpoint _endpoint = AzureFilesEndpoint.AzureFilesEndpoint.Start();
        private readonly TempFolder _temp = new TempFolder("cli-heartbeat");
        private readonly StringWriter _out = new StringWriter();
        private readonly StringWriter _err = new StringWriter();
        private readonly CancellationTokenSource _stopReceiver = new CancellationTokenSource();
        private Task<int> _receiver;

        public HeartbeatVerbTests() => _endpoint.CreateShare("incoming");

        public void Dispose()
        {
            _stopReceiver.Cancel();
            _receiver?.Wait(TimeSpan.FromSeconds(30));
            _stopReceiver.Dispose();
            _endpoint.Dispose();
            _temp.Dispose();
        }

        private string Incoming => Path.Combine(_temp.Path, "incoming");

        /// <summary>A site configuration naming these peers (null: that section left out).</summary>
        private string Config(int receiverPort, int? pacsPort, string storageKey)
        {
            string text = "APP:\n  SITE: TESTSITE\n  USER: tester\nDATAPATH:\n  INCOMING: incoming/\n  SORTED: sorted/\n  OUTGOING: outgoing/\n" +
                          "DICOMNODE:\n  AET: HAMLETPS\n  PORT: " + receiverPort + "\n";
            if (pacsPort != null) text += "PACS:\n  AET: " + QueryRetrievePeers.PacsAeTitle + "\n  HOST: 127.0.0.1\n  PORT: " + pacsPort + "\n";
            if (storageKey != null) text += "AZURE:\n  ACCOUNTNAME: devacct\n  KEY: " + storageKey + "\n  URL: " + _endpoint.ServiceUri + "\n  SHARENAME: incoming\n";
            foreach (string folder in new[] { "incoming", "sorted", "outgoing" }) Directory.CreateDirectory(Path.Combine(_temp.Path, folder));
            string path = Path.Combine(_temp.Path, "config.yaml");
            File.WriteAllText(path, text);
            return path;
        }

        /// <summary>`hamlet receive` into INCOMING on a free port, until the test ends.</summary>
        private int StartReceiver()
        {
            int port = FreePort();
            var options = new DicomReceiverOptions { Folder = Incoming, Port = port, AETitle = "HAMLETPS" };
            _receiver = Task.Run(() => ReceiveVerb.Run(options, false, new CliOutput(TextWriter.Null, TextWriter.Null), _stopReceiver.Token));
            WaitForPort(port);
            return port;
        }

        private int Run(string config, params string[] checks) =>
            HeartbeatVerb.Run(new HeartbeatVerb.Arguments { ConfigPath = config, Check = checks, TimeoutSeconds = 5, Environment = _ => null }, new CliOutput(_out, _err));

        [Fact]
        public void Heartbeat_EveryServiceAnswers_ExitsZero_WithOneOkLinePerCheck()
        {
            RequiredPeers.Programs("/usr/bin/dcmqrscp", "/usr/bin/dcmqridx");
            using var pacs = new QueryRetrievePeers.Dcmqrscp(Array.Empty<string>());
            string config = Config(StartReceiver(), pacs.Port, AzureFilesEndpoint.AzureFilesEndpoint.DefaultAccountKey);

            int code = Run(config);

            Assert.True(code == 0, _err.ToString() + _out);
            string[] lines = _out.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(new[] { "Pacs", "Receiver", "Incoming", "Share" }, lines.Select(l => l.Substring(8).Split(' ')[0]));
            Assert.All(lines, l => Assert.StartsWith("ok ", l, StringComparison.Ordinal));
            Assert.Contains("QRSCP@127.0.0.1:" + pacs.Port, lines[0]);
            Assert.Contains("devacct/incoming", lines[3]);
            Assert.Equal("", _err.ToString());
            Assert.Empty(Directory.GetFiles(Incoming));          // the probe file is gone
        }

        [Fact]
        public void Heartbeat_PacsDown_ExitsOne_AndTheReasonNamesThePacs_TheOtherChecksStillPass()
        {
            int downPort = FreePort();                              // nothing listens there
            string config = Config(StartReceiver(), downPort, AzureFilesEndpoint.AzureFilesEndpoint.DefaultAccountKey);

            int code = Run(config);

            Assert.Equal(1, code);
            string error = Assert.Single(_err.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.StartsWith("error: DicomEchoFailed: C-ECHO to QRSCP@127.0.0.1:" + downPort, error, StringComparison.Ordinal);
            string[] lines = _out.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.StartsWith("FAILED  Pacs", lines[0], StringComparison.Ordinal);
            Assert.All(lines.Skip(1), l => Assert.StartsWith("ok ", l, StringComparison.Ordinal));
        }

        [Fact]
        public void Heartbeat_ShareKeyWrong_ExitsOne_WithAuthenticationFailedNamingTheAccount_AndNeverTheKey()
        {
            string config = Config(StartReceiver(), null, WrongKey);

            int code = Run(config);

            Assert.Equal(1, code);
            string error = Assert.Single(_err.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.StartsWith("error: AuthenticationFailed: ", error, StringComparison.Ordinal);
            Assert.Contains("storage account 'devacct'", error);
            Assert.DoesNotContain(WrongKey, _out.ToString() + _err);
            Assert.Contains("skipped Pacs", _out.ToString());          // no PACS section: skipped, not failed
        }

        [Fact]
        public void Heartbeat_ReceiverNotRunningAndShareUnreachable_ExitsOne_NamingTheReceiverAndTheEndpoint()
        {
            int receiverPort = FreePort();
            string config = Config(receiverPort, null, AzureFilesEndpoint.AzureFilesEndpoint.DefaultAccountKey);
            int endpointPort = _endpoint.ServiceUri.Port;
            _endpoint.Dispose();                                    // the share's endpoint is gone too

            int code = Run(config);

            Assert.Equal(1, code);
            string errors = _err.ToString();
            Assert.Contains("error: DicomEchoFailed: C-ECHO to HAMLETPS@127.0.0.1:" + receiverPort, errors);
            Assert.Contains("error: ShareUnreachable: The Azure Files endpoint 127.0.0.1:" + endpointPort + " of storage account 'devacct'", errors);
            Assert.Contains("ok      Incoming", _out.ToString());
        }

        [Fact]
        public void Heartbeat_IncomingFolderGone_ExitsOne_NamingTheFolder()
        {
            string config = Config(FreePort(), null, null);
            Directory.Delete(Incoming);

            Assert.Equal(1, Run(config, "incoming"));              // check names are case-insensitive

            Assert.StartsWith("error: IncomingFolderNotWritable: The receiver's incoming folder '" + Incoming, _err.ToString(), StringComparison.Ordinal);
            Assert.Contains("the folder does not exist", _err.ToString());
            Assert.Single(_out.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        }

        [Fact]
        public void Heartbeat_CheckNamedButNotConfigured_OrNoConfiguration_ExitsTwo_RunningNoCheck()
        {
            string config = Config(FreePort(), null, null);

            Assert.Equal(2, Run(config, "Pacs"));
            Assert.StartsWith("error: ConfigurationMissing: The check needs the PACS section", _err.ToString(), StringComparison.Ordinal);
            Assert.Equal("", _out.ToString());
            Assert.Equal(2, Run(Path.Combine(_temp.Path, "missing.yaml")));
            Assert.Contains("error: ConfigNotFound:", _err.ToString());
            Assert.Equal(2, Run(config, "Pacs", "nonsense"));
            Assert.Contains("'nonsense' is not a check", _err.ToString());
        }

        [Fact]
        public void Heartbeat_Json_OneObjectPerCheck_WithNameTargetOkLatencyAndReason()
        {
            string config = Config(StartReceiver(), null, null);

            int code = HeartbeatVerb.Run(new HeartbeatVerb.Arguments { ConfigPath = config, Json = true, Environment = _ => null }, new CliOutput(_out, _err));

            Assert.Equal(0, code);
            var objects = _out.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement).ToList();
            Assert.Equal(new[] { "Pacs", "Receiver", "Incoming", "Share" }, objects.Select(o => o.GetProperty("Name").GetString()));
            Assert.Equal(new[] { "Skipped", "Passed", "Passed", "Skipped" }, objects.Select(o => o.GetProperty("Status").GetString()));
            Assert.All(objects, o => Assert.True(o.GetProperty("Ok").GetBoolean()));
            Assert.True(objects[1].GetProperty("LatencyMilliseconds").GetDouble() > 0);
            Assert.StartsWith("HAMLETPS@127.0.0.1:", objects[1].GetProperty("Target").GetString(), StringComparison.Ordinal);
            Assert.Equal(System.Text.Json.JsonValueKind.Null, objects[1].GetProperty("Reason").ValueKind);
            Assert.StartsWith("not configured: no PACS section", objects[0].GetProperty("Reason").GetString(), StringComparison.Ordinal);
        }

        [Fact]
        public void Heartbeat_Quiet_PrintsNothing_TheExitCodeTells()
        {
            string config = Config(FreePort(), null, null);
            int code = HeartbeatVerb.Run(new HeartbeatVerb.Arguments { ConfigPath = config, Quiet = true, Environment = _ => null }, new CliOutput(_out, _err));
            Assert.Equal(1, code);                                  // the receiver does not run
            Assert.Equal("", _out.ToString() + _err);
        }
    }
}
