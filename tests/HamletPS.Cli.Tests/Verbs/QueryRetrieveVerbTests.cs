using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using HamletPS.Cli.Verbs;
using HamletPS.Core.Network;
using HamletPS.Core.Retrieve;
using HamletPS.Synthetic;
using HamletPS.TestPeers;
using Xunit;

namespace HamletPS.Cli.Tests
{
    /// <summary>`hamlet find` and `hamlet retrieve` against dcmqrscp: JSON lines, names kept out of the text output, exit codes.</summary>
    public sealed class QueryRetrieveVerbTests : IDisposable
    {
        private readonly string _root = QueryRetrievePeers.NewFolder("cli-qr");

        public void Dispose()
        {
            try { Directory.Delete(_root, true); } catch (IOException) { }
        }

        private static DicomPeer Peer(int port) => new DicomPeer { ComputerName = "127.0.0.1", Port = port, CalledAETitle = QueryRetrievePeers.PacsAeTitle, CallingAETitle = "HAMLET" };

        [Fact]
        public void Find_Json_OneObjectPerStudy_TextOutputCarriesNoName()
        {
            RtStudy a = QueryRetrievePeers.WriteStudy(_root, 1), b = QueryRetrievePeers.WriteStudy(_root, 2, familyName: "ÅNGSTRÖM-SYNTH");
            using var pacs = new QueryRetrievePeers.Dcmqrscp(a.Files.Concat(b.Files).Select(f => f.Path));
            var stdout = new StringWriter();
            int exit = FindVerb.Run(Peer(pacs.Port), new DicomQuery(), null, true, new CliOutput(stdout, new StringWriter()), CancellationToken.None);
            Assert.Equal(0, exit);
            var lines = stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
            Assert.Equal(new[] { a.StudyInstanceUid, b.StudyInstanceUid }.OrderBy(x => x), lines.Select(l => l.GetProperty("StudyInstanceUID").GetString()).OrderBy(x => x));
            Assert.Contains(lines, l => l.GetProperty("PatientName").GetString().StartsWith("ÅNGSTRÖM-SYNTH^"));

            var text = new StringWriter();
            Assert.Equal(0, FindVerb.Run(Peer(pacs.Port), new DicomQuery(), null, false, new CliOutput(text, new StringWriter()), CancellationToken.None));
            Assert.Contains(b.StudyInstanceUid, text.ToString());
            Assert.DoesNotContain("ÅNGSTRÖM", text.ToString());
            Assert.Contains("2 matches", text.ToString());
        }

        [Fact]
        public void Retrieve_Json_FilesThenSummary_AndSecondRunFetchesNothing()
        {
            RtStudy a = QueryRetrievePeers.WriteStudy(_root, 3);
            using var pacs = new QueryRetrievePeers.Dcmqrscp(a.Files.Select(f => f.Path));
            string incoming = Path.Combine(_root, "incoming");
            var request = new DicomRetrieveRequest { StudyInstanceUID = a.StudyInstanceUid, Destination = incoming };
            var stdout = new StringWriter();
            Assert.Equal(0, RetrieveVerb.Run(Peer(pacs.Port), request, true, new CliOutput(stdout, new StringWriter()), CancellationToken.None));
            var lines = stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
            Assert.Equal(a.Files.Count + 1, lines.Count);
            Assert.All(lines.Take(a.Files.Count), l => Assert.True(File.Exists(l.GetProperty("Path").GetString())));
            Assert.Equal(a.Files.Count, lines.Last().GetProperty("Retrieved").GetInt32());

            var again = new StringWriter();
            Assert.Equal(0, RetrieveVerb.Run(Peer(pacs.Port), request, false, new CliOutput(again, new StringWriter()), CancellationToken.None));
            Assert.Contains(a.Files.Count + " already present, 0 retrieved, 0 failed", again.ToString());
        }

        [Fact]
        public void Retrieve_MoveRefusedByThePacs_ExitCode2NamingTheAeToDeclare()
        {
            RtStudy a = QueryRetrievePeers.WriteStudy(_root, 4);
            using var pacs = new QueryRetrievePeers.Dcmqrscp(a.Files.Select(f => f.Path));
            var stderr = new StringWriter();
            int exit = RetrieveVerb.Run(Peer(pacs.Port), new DicomRetrieveRequest
            {
                StudyInstanceUID = a.StudyInstanceUid, Destination = Path.Combine(_root, "in"), UseMove = true, MoveDestination = "STRANGER", ReceiverPort = QueryRetrievePeers.FreePort(),
            }, false, new CliOutput(new StringWriter(), stderr), CancellationToken.None);
            Assert.Equal(2, exit);
            Assert.Contains("MoveDestinationUnknown", stderr.ToString());
            Assert.Contains("'STRANGER'", stderr.ToString());
        }
    }
}
