using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using HamletPS.Cli.Verbs;
using HamletPS.Core.Configuration;
using HamletPS.Core.Dose;
using HamletPS.Core.Network;
using HamletPS.TestSupport;
using Xunit;
using static HamletPS.Cli.Tests.LoopbackPeers;

namespace HamletPS.Cli.Tests
{
    /// <summary>
    /// `hamlet receive` with the dose history (DICOMNODE.DOSEHISTORY, --dose-history): the X-Ray Radiation Dose SRs dcmtk's
    /// storescu sends are accepted, written to the incoming folder as ever and stored in the history, keyed as
    /// `hamlet dose import` keys them; a re-sent report is not stored twice; without the setting the receiver refuses them.
    /// </summary>
    public sealed class ReceiveDoseHistoryTests : ScratchFolderTest
    {
        private const string FolderKey = "ReceiveDose0Test1Key2Synthetic";

        public ReceiveDoseHistoryTests() : base("hamlet-receive-dose-") => Directory.CreateDirectory(Root);

        private string WriteConfig(bool doseHistory)
        {
            string config = Path.Combine(Root, "config.yaml");
            File.WriteAllText(config, "APP:\n  SITE: TESTSITE\nCIPHER:\n  FOLDERKEY: " + FolderKey + "\nDICOMNODE:\n  DOSEHISTORY: " + (doseHistory ? "true" : "false") + "\n");
            return config;
        }

        [Fact]
        public async Task Receive_WithTheDoseHistorySetting_StoresTheReceivedRdsrsInTheHistory_KeyedAsDoseImport_AndAResentOneOnce()
        {
            RequiredPeers.Programs("/usr/bin/python3", "/usr/bin/storescu");
            string config = WriteConfig(doseHistory: true);
            string ct = DoseReportFiles.Make(Path.Combine(Root, "sent", "ct.dcm"), "ct", 61);
            string rf = DoseReportFiles.Make(Path.Combine(Root, "sent", "rf.dcm"), "rf", 62);
            int port = FreePort();
            DicomReceiverOptions options = ReceiveVerb.ResolveOptions(new ReceiveRequest { Folder = "incoming", Port = port, Count = 3 }, config, Root);
            Assert.NotNull(options.DoseHistory);
            string database = Path.Combine(Root, DoseHistoryStore.DefaultFileName);
            Assert.Equal(database, options.DoseHistory.DatabasePath); // beside the configuration
            Assert.False(File.Exists(database)); // resolving the options (as --what-if does) opens nothing

            var stdout = new StringWriter();
            var stderr = new StringWriter();
            Task<int> run = Task.Run(() => ReceiveVerb.Run(options, false, new CliOutput(TextWriter.Synchronized(stdout), TextWriter.Synchronized(stderr)), CancellationToken.None));
            WaitForPort(port);
            var (code, log) = RunPeer("storescu", "-aec HAMLETPS 127.0.0.1 " + port + " \"" + ct + "\" \"" + rf + "\" \"" + ct + "\"");
            Assert.True(code == 0, log);
            Assert.True(await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(60))) == run, "receive did not stop after 3 files");
            Assert.Equal(0, await run);

            string text = stdout.ToString();
            Assert.Contains("Dose reports go into the dose history: " + database, text);
            Assert.Contains("DOSE: Added CT", text);
            Assert.Contains("DOSE: Added ProjectionXRay", text);
            Assert.Contains("DOSE: Unchanged CT", text); // the re-sent report: deduplicated by SOP Instance UID
            Assert.Equal("", stderr.ToString());
            Assert.Equal(2, Directory.GetFiles(Path.Combine(Root, "incoming"), "*.dcm").Length); // the files land as ever

            // The same files through `hamlet dose import`'s importer: the same reports with the same patient keys.
            string imported = Path.Combine(Root, "imported.sqlite");
            HamletConfig site = WorkflowConfiguration.LoadOrNull(config, Root);
            using (var importer = new DoseHistoryImporter(DoseHistorySetup.CreateImportOptions(new DoseHistoryRequest { Config = site, DatabasePath = imported })))
                Assert.All(importer.Import(new[] { DoseReportReader.Read(ct), DoseReportReader.Read(rf) }).ToList(), r => Assert.Equal(DoseHistoryImportStatus.Added, r.Status));
            using (DoseHistoryStore received = DoseHistoryStore.Open(database, create: false))
            using (DoseHistoryStore direct = DoseHistoryStore.Open(imported, create: false))
            {
                Assert.Equal(2, received.CountReports());
                var a = received.Query(new DoseHistoryFilter()).OrderBy(e => e.SOPInstanceUID).ToList();
                var b = direct.Query(new DoseHistoryFilter()).OrderBy(e => e.SOPInstanceUID).ToList();
                Assert.Equal(b.Select(e => e.SOPInstanceUID), a.Select(e => e.SOPInstanceUID));
                Assert.Equal(b.Select(e => e.PatientKey), a.Select(e => e.PatientKey));
                Assert.All(a, e => Assert.False(string.IsNullOrEmpty(e.PatientKey)));
                Assert.Equal(b.Select(e => e.ComputeContentHash()), a.Select(e => e.ComputeContentHash()));
            }
        }

        [Fact]
        public async Task Receive_WithoutTheDoseHistorySetting_RefusesRdsrs_AndKeepsNoHistory()
        {
            RequiredPeers.Programs("/usr/bin/python3", "/usr/bin/storescu");
            string config = WriteConfig(doseHistory: false);
            string ct = DoseReportFiles.Make(Path.Combine(Root, "sent", "ct.dcm"), "ct", 63);
            int port = FreePort();
            DicomReceiverOptions options = ReceiveVerb.ResolveOptions(new ReceiveRequest { Folder = "incoming", Port = port }, config, Root);
            Assert.Null(options.DoseHistory);
            using var cts = new CancellationTokenSource();
            Task<int> run = Task.Run(() => ReceiveVerb.Run(options, false, new CliOutput(TextWriter.Synchronized(new StringWriter()), TextWriter.Synchronized(new StringWriter())), cts.Token));
            try
            {
                WaitForPort(port);
                var (code, log) = RunPeer("storescu", "-aec HAMLETPS 127.0.0.1 " + port + " \"" + ct + "\"");
                Assert.True(code != 0 || log.Contains("No presentation context", StringComparison.OrdinalIgnoreCase), "the RDSR was accepted: " + log);
            }
            finally
            {
                cts.Cancel();
            }
            Assert.True(await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(30))) == run, "receive did not stop on cancel");
            Assert.False(File.Exists(Path.Combine(Root, DoseHistoryStore.DefaultFileName)));
            Assert.Empty(Directory.Exists(Path.Combine(Root, "incoming")) ? Directory.GetFiles(Path.Combine(Root, "incoming"), "*.dcm") : Array.Empty<string>());
        }

        [Fact]
        public void Receive_WithADoseHistoryThatIsNotADatabase_ExitsTwoNamingIt_AndDoesNotListen()
        {
            string config = WriteConfig(doseHistory: true);
            string database = Path.Combine(Root, DoseHistoryStore.DefaultFileName);
            File.WriteAllText(database, "this is not an SQLite database, and it must stay as it is");
            int port = FreePort();
            DicomReceiverOptions options = ReceiveVerb.ResolveOptions(new ReceiveRequest { Folder = "incoming", Port = port }, config, Root);
            var stderr = new StringWriter();
            Assert.Equal(2, ReceiveVerb.Run(options, false, new CliOutput(new StringWriter(), stderr), CancellationToken.None));
            Assert.Contains("error: DoseHistoryUnavailable:", stderr.ToString());
            Assert.Contains(database, stderr.ToString());
            Assert.Equal("this is not an SQLite database, and it must stay as it is", File.ReadAllText(database));
        }

        [Fact]
        public void ResolveOptions_DoseHistoryPath_ImpliesTheHistory_AndWithoutASiteSecretIsRefused()
        {
            string config = Path.Combine(Root, "config.yaml");
            File.WriteAllText(config, "APP:\n  SITE: TESTSITE\n");
            string database = Path.Combine(Root, "elsewhere", "h.sqlite");
            var environment = Environment.GetEnvironmentVariable("HAMLET_SITE_KEY") ?? Environment.GetEnvironmentVariable("HAMLET_FOLDERKEY");
            RequiredPeers.Condition(environment == null, "a site secret is set in this process's environment");
            var refused = Assert.Throws<Core.HamletException>(() => ReceiveVerb.ResolveOptions(new ReceiveRequest { Folder = "incoming", DoseHistoryPath = database }, config, Root));
            Assert.Equal(Core.ErrorIds.SiteKeyRequired, refused.ErrorId); // as Import-DicomDoseReport and Protect without a secret
            Assert.False(File.Exists(database));
            Assert.Null(ReceiveVerb.ResolveOptions(new ReceiveRequest { Folder = "incoming" }, config, Root).DoseHistory);
        }
    }
}
