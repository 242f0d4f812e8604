using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using HamletPS.Cli.Verbs;
using HamletPS.Core.Inventory;
using HamletPS.Core.Network;
using HamletPS.Synthetic;
using HamletPS.TestPeers;
using HamletPS.TestSupport;
using Xunit;

namespace HamletPS.Cli.Tests.Verbs
{
    /// <summary>
    /// `hamlet inventory` against dcmtk's dcmqrscp: a mapped patient with two studies in the PACS, one of them sent through
    /// `hamlet process` (journal, archive, re-identification record at the site); then an instance added to the sent CT series
    /// in the PACS. Also: records it cannot read stop it (exit 2) naming the file, never a report that looks complete.
    /// </summary>
    public sealed class InventoryVerbTests : ScratchFolderTest
    {
        public InventoryVerbTests() : base("hamlet-inventory-") { }

        private string Config => Path.Combine(Root, "config.yaml");

        /// <summary>The sample site with an empty INCOMING; the first sample patient (mapped to 999_1001) gets two studies.</summary>
        private (SyntheticPatient Patient, RtStudy Sent, RtStudy Other) Site()
        {
            SampleData.Write(Root);
            Directory.Delete(Path.Combine(Root, "data", "incoming"), true);
            SyntheticPatient mapped = SampleData.Patients()[0];
            RtStudy sent = new RtStudyBuilder(mapped, new RtStudyOptions { Seed = 77, Slices = 3, ImageSize = 16 }).Write(Path.Combine(Root, "pacs", "a"));
            RtStudy other = new RtStudyBuilder(mapped, new RtStudyOptions { Seed = 78, Slices = 3, ImageSize = 16 }).Write(Path.Combine(Root, "pacs", "b"));
            Assert.NotEqual(sent.StudyInstanceUid, other.StudyInstanceUid);
            return (mapped, sent, other);
        }

        /// <summary>Copies <paramref name="files"/> into INCOMING and runs `hamlet process` (sort, protect, check, archive).</summary>
        private void Process(IEnumerable<string> files)
        {
            string incoming = Path.Combine(Root, "data", "incoming", "export");
            Directory.CreateDirectory(incoming);
            int n = 0;
            foreach (string f in files) File.Copy(f, Path.Combine(incoming, "f" + (n++) + ".dcm"));
            var stdout = new StringWriter();
            var stderr = new StringWriter();
            int code = ProcessVerb.Run(new ProcessVerb.Arguments { ConfigPath = Config, SettleSeconds = 0 }, new CliOutput(stdout, stderr));
            Assert.True(code == 0, stderr.ToString() + stdout);
        }

        private (int Code, List<InventoryStudy> Rows, string Out, string Err) Inventory(int port, InventoryVerb.Arguments a = null)
        {
            a = a ?? new InventoryVerb.Arguments();
            a.ConfigPath = a.ConfigPath ?? Config;
            var stdout = new StringWriter();
            var stderr = new StringWriter();
            var peer = new DicomPeer { ComputerName = "127.0.0.1", Port = port, CalledAETitle = QueryRetrievePeers.PacsAeTitle };
            int code = InventoryVerb.Run(peer, a, new CliOutput(stdout, stderr), CancellationToken.None);
            var rows = new List<InventoryStudy>();
            if (a.Json)
            {
                foreach (string line in stdout.ToString().Split('\n').Where(l => l.Trim().Length > 0))
                    rows.Add(JsonSerializer.Deserialize<InventoryStudy>(line));
            }
            return (code, rows, stdout.ToString(), stderr.ToString());
        }

        [Fact]
        public void Inventory_AfterOneOfTwoStudiesWasSent_SaysSentAndNotSent_AndChangedSinceSentOnceTheSentSeriesGrowsInThePacs()
        {
            RequiredPeers.Programs("/usr/bin/dcmqrscp", "/usr/bin/dcmqridx", "/usr/bin/storescu");
            var (patient, sent, other) = Site();
            Process(sent.Files.Select(f => f.Path));
            using var pacs = new QueryRetrievePeers.Dcmqrscp(sent.Files.Concat(other.Files).Select(f => f.Path));

            var (code, rows, _, err) = Inventory(pacs.Port, new InventoryVerb.Arguments { Json = true });

            Assert.True(code == 0, err);
            Assert.Equal(2, rows.Count);
            InventoryStudy a = rows.Single(r => r.StudyInstanceUID == sent.StudyInstanceUid), b = rows.Single(r => r.StudyInstanceUID == other.StudyInstanceUid);
            Assert.Equal(InventoryStatus.Sent, a.Status);
            Assert.Equal(sent.Files.Count, a.Instances);
            Assert.Equal(sent.Files.Count, a.SentInstances);
            Assert.Equal(0, a.NotSentInstances);
            Assert.NotNull(a.LastSentUtc);
            Assert.Equal(InventoryStatus.NotSent, b.Status);
            Assert.Equal(other.Files.Count, b.NotSentInstances);
            Assert.All(rows, r => Assert.Equal(patient.PatientId, r.PatientID));          // --json is site-only: it carries the MRN
            Assert.All(rows, r => Assert.Equal(SampleData.MappedStudyId, r.StudyId));

            // A fourth slice of the same CT series arrives in the PACS after the send.
            RtStudy grown = new RtStudyBuilder(patient, new RtStudyOptions { Seed = 77, Slices = 4, ImageSize = 16 }).Write(Path.Combine(Root, "pacs", "a4"));
            var sentSops = new HashSet<string>(sent.Files.Select(f => f.SopInstanceUid));
            RtStudyFile added = grown.Files.Single(f => f.Kind == RtObjectKind.CtImage && !sentSops.Contains(f.SopInstanceUid));
            Assert.Equal(sent.CtSeriesInstanceUid, added.SeriesInstanceUid);
            StoreInto(pacs.Port, added.Path);

            (code, rows, _, err) = Inventory(pacs.Port, new InventoryVerb.Arguments { Json = true });

            Assert.True(code == 0, err);
            a = rows.Single(r => r.StudyInstanceUID == sent.StudyInstanceUid);
            Assert.Equal(InventoryStatus.ChangedSinceSent, a.Status);
            Assert.Equal(1, a.ChangedSeries);
            Assert.Equal(1, a.NotSentInstances);
            Assert.Equal(sent.Files.Count, a.SentInstances);
            Assert.Equal(InventoryStatus.NotSent, rows.Single(r => r.StudyInstanceUID == other.StudyInstanceUid).Status);
        }

        [Fact]
        public void Inventory_WhenAWholeSeriesWasLeftOut_SaysPartlySent_AndItsPlainLinesNameNoPatient()
        {
            RequiredPeers.Programs("/usr/bin/dcmqrscp", "/usr/bin/dcmqridx");
            var (patient, sent, other) = Site();
            RtStudyFile dose = sent.Files.Single(f => f.Kind == RtObjectKind.Dose);
            Process(sent.Files.Where(f => f != dose).Select(f => f.Path));
            using var pacs = new QueryRetrievePeers.Dcmqrscp(sent.Files.Concat(other.Files).Select(f => f.Path));

            var (code, _, text, err) = Inventory(pacs.Port, new InventoryVerb.Arguments { PatientId = new[] { patient.PatientId } });

            Assert.True(code == 0, err);
            Assert.Contains("PartlySent  " + SampleData.MappedStudyId + "  ", text);     // the Study ID the sent instances carry
            Assert.Contains("NotSent  -  ", text);                                    // nothing sent, no Study ID given: none known
            Assert.Contains((sent.Files.Count - 1) + "/" + sent.Files.Count + " sent", text);
            Assert.Contains("Inventory: 1 patient(s), 2 study(ies): 0 sent, 1 not sent, 1 partly sent, 0 changed since sent", text);
            Assert.DoesNotContain(patient.PatientId, text + err);
        }

        [Fact]
        public void Inventory_ForAPatientThePacsDoesNotKnow_SaysNotInPacs_AndWritesTheCsv()
        {
            RequiredPeers.Programs("/usr/bin/dcmqrscp", "/usr/bin/dcmqridx");
            var (_, sent, _) = Site();
            using var pacs = new QueryRetrievePeers.Dcmqrscp(sent.Files.Select(f => f.Path));
            string csv = Path.Combine(Root, "site-only", "inventory.csv");
            Directory.CreateDirectory(Path.GetDirectoryName(csv));

            var (code, _, _, err) = Inventory(pacs.Port, new InventoryVerb.Arguments { PatientId = new[] { "NOSUCHPATIENT" }, StudyId = "999_1002", CsvPath = csv });

            Assert.True(code == 0, err);
            string[] lines = File.ReadAllLines(csv);
            Assert.Equal(2, lines.Length);
            Assert.StartsWith("PatientID,AccessionNumber,StudyId,StudyInstanceUID,", lines[0].TrimStart('\uFEFF'));
            Assert.StartsWith("NOSUCHPATIENT,,999_1002,,,,," + InventoryStatus.NotInPacs + ",0,0,0,0", lines[1]);
        }

        [Fact]
        public void Inventory_RefusesACsvInsideOutgoing()
        {
            Site();
            string csv = Path.Combine(Root, "data", "outgoing", "inventory.csv");

            var (code, _, _, err) = Inventory(1, new InventoryVerb.Arguments { PatientId = new[] { "X" }, CsvPath = csv });

            Assert.Equal(2, code);
            Assert.Contains("InvalidInventorySettings", err);
            Assert.Contains("--csv", err);
            Assert.False(File.Exists(csv));
        }

        [Fact]
        public void Inventory_WithAJournalLineItCannotRead_StopsNamingTheFileAndLine()
        {
            var (_, sent, _) = Site();
            Process(sent.Files.Select(f => f.Path));
            string journal = Directory.GetFiles(Path.Combine(Root, "logs"), "run-*.jsonl").Single();
            List<string> lines = File.ReadAllLines(journal).ToList();
            lines[1] = "{\"time\": not json";
            File.WriteAllLines(journal, lines);

            var (code, rows, text, err) = Inventory(1, new InventoryVerb.Arguments { PatientId = new[] { "X" }, Json = true });

            Assert.Equal(2, code);                                                    // before any PACS is asked: nothing listens on port 1
            Assert.Empty(rows);
            Assert.Contains("error: SentRecordUnreadable: ", err);
            Assert.Contains(journal + " line 2", err);
            Assert.Equal(string.Empty, text);
        }

        [Fact]
        public void Inventory_WithSentInstancesButNoReidentificationRecord_StopsRatherThanCallingThemNotSent()
        {
            var (_, sent, _) = Site();
            Process(sent.Files.Select(f => f.Path));
            Directory.Delete(Path.Combine(Root, "vault"), true);

            var (code, _, _, err) = Inventory(1, new InventoryVerb.Arguments { PatientId = new[] { "X" } });

            Assert.Equal(2, code);
            Assert.Contains("error: SentRecordUnreadable: " + sent.Files.Count + " instance(s) are recorded as sent", err);
        }

        private static void StoreInto(int port, string file)
        {
            using var p = System.Diagnostics.Process.Start(new ProcessStartInfo("storescu", "-aec " + QueryRetrievePeers.PacsAeTitle + " 127.0.0.1 " + port + " \"" + file + "\"")
            {
                RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            });
            string output = p.StandardOutput.ReadToEnd() + p.StandardError.ReadToEnd();
            Assert.True(p.WaitForExit(60000), "storescu did not finish");
            Assert.True(p.ExitCode == 0, "storescu failed: " + output);
        }
    }
}
