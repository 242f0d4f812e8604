using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using HamletPS.AzureFilesEndpoint;
using HamletPS.Synthetic;
using Xunit;
using static HamletPS.Cli.Tests.LoopbackPeers;

namespace HamletPS.Cli.Tests
{
    /// <summary>
    /// The native hamlet (ahead-of-time compiled, trimmed: what `dotnet publish src/HamletPS.Cli` installs) does what the
    /// managed build does, verb by verb: the same output for the same input, the same protected files and archives, the vault
    /// readable, uploads and resumes against the local Azure Files endpoint, and DICOM exchanged with dcmtk. What trimming or
    /// the lack of run-time code generation could break (JSON, reflection on runtime types, the platform AES-GCM and zlib levels)
    /// shows up here as a difference.
    /// </summary>
    public sealed class NativeHamletTests : ScratchFolderTest
    {
        public NativeHamletTests() : base("hamlet-native-") { }

        /// <summary>A copy of the bundled sample for one hamlet (native or managed), with its output folders.</summary>
        private string Site(string name)
        {
            string site = Path.Combine(Root, name);
            SampleData.Write(site);
            Directory.CreateDirectory(Path.Combine(site, "data", "sorted"));
            Directory.CreateDirectory(Path.Combine(site, "data", "outgoing"));
            return site;
        }

        /// <summary>Runs the same command with both hamlets, each in its own copy of the sample; output with the copy's path replaced.</summary>
        private (HamletExecutables.Run Native, HamletExecutables.Run Managed) Both(params string[] args)
        {
            string native = Path.Combine(Root, "native"), managed = Path.Combine(Root, "managed");
            if (!Directory.Exists(native)) Site("native");
            if (!Directory.Exists(managed)) Site("managed");
            return (Normalise(HamletExecutables.Start(true, native, null, args), native),
                    Normalise(HamletExecutables.Start(false, managed, null, args), managed));
        }

        private static HamletExecutables.Run Normalise(HamletExecutables.Run run, string site) => new HamletExecutables.Run
        {
            Code = run.Code, Out = run.Out.Replace(site, "<site>"), Err = run.Err.Replace(site, "<site>"),
        };

        private static void AssertSame(HamletExecutables.Run native, HamletExecutables.Run managed)
        {
            Assert.Equal(managed.Code, native.Code);
            Assert.Equal(managed.Out, native.Out);
            Assert.Equal(managed.Err, native.Err);
        }

        [Fact]
        public void Inspect_TextJsonAndElements_AreTheManagedOutput_AndABrokenFileFailsTheSameWay()
        {
            foreach (string name in new[] { "native", "managed" })
            {
                string site = Site(name);
                File.WriteAllBytes(Path.Combine(site, "data", "incoming", "broken.dcm"), new byte[200]);
            }
            string oneFile = Path.GetRelativePath(Path.Combine(Root, "native"),
                Directory.GetFiles(Path.Combine(Root, "native", "data", "incoming"), "*.dcm", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal).Last(f => !f.EndsWith("broken.dcm", StringComparison.Ordinal)));

            var text = Both("inspect", "--recurse", "data/incoming");
            AssertSame(text.Native, text.Managed);
            Assert.Equal(1, text.Native.Code);
            Assert.Equal(2 * (SampleData.Slices + 3), text.Native.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
            Assert.Contains("broken.dcm", text.Native.Err);

            var json = Both("inspect", "--recurse", "--json", "data/incoming");
            AssertSame(json.Native, json.Managed);
            foreach (string line in json.Native.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries))
                using (JsonDocument doc = JsonDocument.Parse(line)) Assert.False(string.IsNullOrEmpty(doc.RootElement.GetProperty("SOPInstanceUID").GetString()));

            var elements = Both("inspect", "--elements", "--json", oneFile);
            AssertSame(elements.Native, elements.Managed);
            Assert.Equal(0, elements.Native.Code);
            Assert.Contains("\"Keyword\":\"SOPInstanceUID\"", elements.Native.Out);
        }

        [Fact]
        public void Dose_TextAndJson_AreTheManagedOutput()
        {
            foreach (string name in new[] { "native", "managed" })
            {
                string site = Site(name);
                DoseReportFiles.Make(Path.Combine(site, "dose", "ct.dcm"), "ct", 1);
                DoseReportFiles.Make(Path.Combine(site, "dose", "rf.dcm"), "rf", 1, "--units-quirk");
                DoseReportFiles.Make(Path.Combine(site, "dose", "mg.dcm"), "mg", 1);
            }

            var text = Both("dose", "dose");
            AssertSame(text.Native, text.Managed);
            Assert.Equal(0, text.Native.Code);
            Assert.Equal(3, text.Native.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
            Assert.Contains("furlong", text.Native.Err);

            var json = Both("dose", "--json", "dose");
            AssertSame(json.Native, json.Managed);
            using (JsonDocument doc = JsonDocument.Parse(json.Native.Out.Split('\n')[0]))
                Assert.Equal(3, doc.RootElement.GetProperty("CtEvents").GetArrayLength());
        }

        [Fact]
        public void Review_JsonAndPage_AreTheManagedOutput()
        {
            foreach (string name in new[] { "native", "managed" })
            {
                string site = Site(name);
                new CanaryStudy(new RtStudyOptions { Slices = 3, ImageSize = 32 }).Write(Path.Combine(site, "in"));
                var protect = HamletExecutables.Start(name == "native", site, null, "protect", "in", "--destination", "protected", "--vault-path", "vault", "--config-path", "config.yaml");
                Assert.True(protect.Code == 0, protect.Err);
            }

            var json = Both("review", "protected", "--output-path", "review.html", "--json");
            Assert.True(json.Native.Code == 0, json.Native.Err);
            AssertSame(json.Native, json.Managed);
            using (JsonDocument doc = JsonDocument.Parse(json.Native.Out))
                Assert.True(doc.RootElement.GetProperty("Thumbnails").GetInt32() >= 2);
            string Page(string name) => System.Text.RegularExpressions.Regex.Replace(File.ReadAllText(Path.Combine(Root, name, "review.html")), "Written [^<]* UTC", "Written");
            Assert.Equal(Page("managed"), Page("native"));
        }

        [Fact]
        public void VersionHelpAndAMistypedVerb_AreTheManagedOutput()
        {
            var version = Both("--version");
            AssertSame(version.Native, version.Managed);
            Assert.StartsWith("0.", version.Native.Out);

            var help = Both("protect", "--help");
            AssertSame(help.Native, help.Managed);
            Assert.Contains("--vault-path", help.Native.Out);

            var mistyped = Both("inspekt", "data");
            AssertSame(mistyped.Native, mistyped.Managed);
            Assert.NotEqual(0, mistyped.Native.Code);
        }

        [Fact]
        public void Config_ShowAndTest_AreTheManagedOutput()
        {
            var show = Both("config", "show", "--config-path", "config.yaml");
            AssertSame(show.Native, show.Managed);
            Assert.Contains("Site        : samplesite", show.Native.Out);

            var showJson = Both("config", "show", "--json", "--config-path", "config.yaml");
            AssertSame(showJson.Native, showJson.Managed);
            using (JsonDocument doc = JsonDocument.Parse(showJson.Native.Out))
                Assert.Equal(11112, doc.RootElement.GetProperty("Port").GetInt32());

            foreach (string name in new[] { "native", "managed" })
                File.WriteAllText(Path.Combine(Root, name, "bad.yaml"), "APP:\n  SITE: x\nDICOMNODE:\n  PORT: 99999\nNOSUCH: 1\n");
            var test = Both("config", "test", "--json", "--config-path", "bad.yaml");
            AssertSame(test.Native, test.Managed);
            Assert.NotEqual(0, test.Native.Code);
            Assert.Contains("\"Severity\":\"Error\"", test.Native.Out);
        }

        [Fact]
        public void Process_ArchivesTheSameProtectedFiles_AndTheNativeUnprotectRestoresTheOriginalsFromItsVault()
        {
            var run = Both("process", "--config-path", "config.yaml", "--settle-seconds", "0");
            Assert.True(run.Native.Code == 0, run.Native.ToString());
            Assert.True(run.Managed.Code == 0, run.Managed.ToString());
            Assert.Equal(run.Managed.Out.Split('\n').Where(l => !l.Contains(".zip")), run.Native.Out.Split('\n').Where(l => !l.Contains(".zip")));

            // Entry by entry the same bytes (CRC) compressed to the same size (the zlib level reached the runtime's zlib in both).
            var native = ZipEntries(Path.Combine(Root, "native"));
            var managed = ZipEntries(Path.Combine(Root, "managed"));
            Assert.Equal(2 * (SampleData.Slices + 3), native.Count(e => e.Key.EndsWith(".dcm", StringComparison.Ordinal)));
            Assert.Equal(managed.Where(e => e.Key.EndsWith(".dcm", StringComparison.Ordinal)), native.Where(e => e.Key.EndsWith(".dcm", StringComparison.Ordinal)));

            // The native vault (AES-GCM) gives back every original file, byte for byte.
            string site = Path.Combine(Root, "native");
            string extracted = Path.Combine(Root, "extracted");
            ZipFile.ExtractToDirectory(Directory.GetFiles(Path.Combine(site, "data", "outgoing"), "*.zip").Single(), extracted);
            foreach (string manifest in Directory.GetFiles(extracted, "manifest.*")) File.Delete(manifest);
            var restore = HamletExecutables.Start(true, site, null, "unprotect", extracted, "--destination", Path.Combine(Root, "restored"),
                "--vault-path", Path.Combine(site, "vault"), "--config-path", "config.yaml", "--json");
            Assert.True(restore.Code == 0, restore.ToString());
            Assert.Equal(2 * (SampleData.Slices + 3), restore.Out.Split('\n').Count(l => l.Contains("\"Status\":\"Restored\"")));
            Assert.Equal(Hashes(Path.Combine(site, "data", "sorted")), Hashes(Path.Combine(Root, "restored")));

            // Level 1 is where the zip levels and the runtime's own CompressionLevel.Fastest part (zlib 2 against 1).
            long BytesOut(bool native)
            {
                string outFolder = Path.Combine(Root, native ? "level1-native" : "level1-managed");
                var archived = HamletExecutables.Start(native, site, null, "archive", extracted, "--destination", outFolder, "--compression-level", "1",
                    "--config-path", "config.yaml", "--json");
                Assert.True(archived.Code == 0, archived.ToString());
                using JsonDocument doc = JsonDocument.Parse(archived.Out.Trim());
                return doc.RootElement.GetProperty("BytesOut").GetInt64();
            }
            Assert.Equal(BytesOut(false), BytesOut(true));
        }

        [Fact]
        public void FindAndRetrieve_JsonLines_AreTheManagedOutput_AgainstDcmqrscp()
        {
            var study = new RtStudyBuilder(SampleData.Patients()[0], new RtStudyOptions { Seed = 5, Slices = 3, ImageSize = 16 }).Write(Path.Combine(Root, "pacs"));
            using var pacs = new HamletPS.TestPeers.QueryRetrievePeers.Dcmqrscp(study.Files.Select(f => f.Path));
            string p = pacs.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var find = Both("find", "127.0.0.1", "-p", p, "-c", HamletPS.TestPeers.QueryRetrievePeers.PacsAeTitle, "--level", "Series", "--json");
            Assert.True(find.Native.Code == 0, find.Native.ToString());
            AssertSame(find.Native, find.Managed);
            Assert.Equal(study.Files.Select(f => f.SeriesInstanceUid).Distinct().Count(), find.Native.Out.Split('\n').Count(l => l.Contains("\"Level\":\"SERIES\"")));

            var get = Both("retrieve", "127.0.0.1", "-p", p, "-c", HamletPS.TestPeers.QueryRetrievePeers.PacsAeTitle, "--study-instance-uid", study.StudyInstanceUid, "--destination", "pulled", "--json");
            Assert.True(get.Native.Code == 0, get.Native.ToString());
            Assert.Contains("\"Retrieved\":" + study.Files.Count, get.Native.Out);
            Assert.Equal(study.Files.Count, Directory.GetFiles(Path.Combine(Root, "native", "pulled")).Length);
            Assert.Equal(get.Managed.Out.Split('\n').Last(l => l.Length > 0), get.Native.Out.Split('\n').Last(l => l.Length > 0));
        }

        [Fact]
        public void Heartbeat_JsonAndExitCodes_AreTheManagedOutput_AgainstDcmqrscp()
        {
            using var pacs = new HamletPS.TestPeers.QueryRetrievePeers.Dcmqrscp(Array.Empty<string>());
            int down = FreePort();
            foreach (string site in new[] { Site("native"), Site("managed") })
            {
                string config = File.ReadAllText(Path.Combine(site, "config.yaml"));
                File.WriteAllText(Path.Combine(site, "up.yaml"), config + "\nPACS:\n  AET: QRSCP\n  HOST: 127.0.0.1\n  PORT: " + pacs.Port + "\n");
                File.WriteAllText(Path.Combine(site, "down.yaml"), config + "\nPACS:\n  AET: QRSCP\n  HOST: 127.0.0.1\n  PORT: " + down + "\n");
            }
            static string WithoutLatency(string text) => System.Text.RegularExpressions.Regex.Replace(text, "\"LatencyMilliseconds\":[0-9.E+-]+", "");

            var up = Both("heartbeat", "--config-path", "up.yaml", "--check", "Pacs", "Incoming", "--json");
            Assert.True(up.Native.Code == 0, up.Native.ToString());
            Assert.Equal(WithoutLatency(up.Managed.Out), WithoutLatency(up.Native.Out));
            Assert.Contains("\"Name\":\"Pacs\",\"Target\":\"QRSCP@127.0.0.1:" + pacs.Port + "\",\"Ok\":true,\"Status\":\"Passed\"", up.Native.Out);

            var failed = Both("heartbeat", "--config-path", "down.yaml", "--check", "Pacs", "--quiet");
            Assert.Equal(1, failed.Native.Code);
            AssertSame(failed.Native, failed.Managed);
            var bad = Both("heartbeat", "--config-path", "missing.yaml");
            Assert.Equal(2, bad.Native.Code);
            AssertSame(bad.Native, bad.Managed);
        }

        [Fact]
        public void Inventory_AfterProcess_IsTheManagedOutput_AgainstDcmqrscp_AndItsHelpSaysSiteOnly()
        {
            string pacsSource = Path.Combine(Root, "pacs-source");
            SampleData.Write(pacsSource);                                              // the same deterministic files the sites process
            using var pacs = new HamletPS.TestPeers.QueryRetrievePeers.Dcmqrscp(Directory.GetFiles(Path.Combine(pacsSource, "data", "incoming"), "*", SearchOption.AllDirectories));
            string p = pacs.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var process = Both("process", "--settle-seconds", "0", "--config-path", "config.yaml");
            Assert.True(process.Native.Code == 0 && process.Managed.Code == 0, process.Native.ToString() + process.Managed);

            var text = Both("inventory", "--computer-name", "127.0.0.1", "-p", p, "-c", HamletPS.TestPeers.QueryRetrievePeers.PacsAeTitle, "--config-path", "config.yaml");
            Assert.True(text.Native.Code == 0, text.Native.ToString());
            AssertSame(text.Native, text.Managed);
            Assert.Contains("Sent  " + SampleData.MappedStudyId + "  ", text.Native.Out);
            Assert.DoesNotContain(SampleData.Patients()[0].PatientId, text.Native.Out);

            var json = Both("inventory", "--computer-name", "127.0.0.1", "-p", p, "-c", HamletPS.TestPeers.QueryRetrievePeers.PacsAeTitle, "--config-path", "config.yaml", "--json");
            Assert.True(json.Native.Code == 0, json.Native.ToString());
            using (JsonDocument doc = JsonDocument.Parse(json.Native.Out))
            {
                Assert.Equal("Sent", doc.RootElement.GetProperty("Status").GetString());
                Assert.Equal(SampleData.Patients()[0].PatientId, doc.RootElement.GetProperty("PatientID").GetString());
                Assert.Equal(SampleData.Slices + 3, doc.RootElement.GetProperty("SentInstances").GetInt32());
            }

            var help = Both("inventory", "--help");
            AssertSame(help.Native, help.Managed);
            Assert.Contains("SITE-ONLY", help.Native.Out);
        }

        [Fact]
        public void SortAndClear_JsonLines_AreTheManagedOutput()
        {
            var sort = Both("sort", "--copy", "--settle-seconds", "0", "--json", "--config-path", "config.yaml");
            Assert.True(sort.Native.Code == 0, sort.Native.ToString());
            AssertSame(sort.Native, sort.Managed);
            Assert.Equal(2 * (SampleData.Slices + 3), sort.Native.Out.Split('\n').Count(l => l.Contains("\"Status\":\"Sorted\"")));

            var clear = Both("clear", "--folder", "Sorted", "--force", "--json", "--config-path", "config.yaml");
            Assert.True(clear.Native.Code == 0, clear.Native.ToString());
            AssertSame(clear.Native, clear.Managed);
            Assert.Equal(2 * (SampleData.Slices + 3), clear.Native.Out.Split('\n').Count(l => l.Contains("\"Status\":\"Deleted\"")));
        }

        [Fact]
        public void SendAzure_UploadsVerified_ResumesFromItsLedgerAfterAFailedRun_AndListAzureShowsTheFile()
        {
            using AzureFilesEndpoint.AzureFilesEndpoint endpoint = AzureFilesEndpoint.AzureFilesEndpoint.Start();
            endpoint.CreateShare("incoming");
            Directory.CreateDirectory(Root);
            string file = Path.Combine(Root, "site_A-1.zip");
            var data = new byte[9 * 1024 * 1024 + 3];
            new Random(7).NextBytes(data);
            File.WriteAllBytes(file, data);
            var environment = new Dictionary<string, string> { ["HAMLET_STORAGE_CONNECTION_STRING"] = endpoint.ConnectionString };
            string[] send = { "send-azure", file, "--share", "incoming", "--directory", "batches", "--ledger-path", Path.Combine(Root, "ledgers"), "--max-parallel-ranges", "1", "--json" };

            // After one acknowledged range the share refuses every range write (not retried): the upload fails and leaves a ledger.
            endpoint.AddFault(new FaultRule(FaultKind.Status, r => r.IsPutRange && endpoint.RangeWrites.Count >= 1, -1) { StatusCode = 403, ErrorCode = "AuthorizationFailure" });
            var failed = HamletExecutables.Start(true, Root, environment, send);
            Assert.NotEqual(0, failed.Code);
            Assert.Null(endpoint.Find("incoming/batches/site_A-1.zip"));
            Assert.Single(Directory.GetFiles(Path.Combine(Root, "ledgers"), "upload-*.json"));

            endpoint.ClearFaults();
            var resumed = HamletExecutables.Start(true, Root, environment, send);
            Assert.True(resumed.Code == 0, resumed.ToString());
            using (JsonDocument doc = JsonDocument.Parse(resumed.Out.Trim()))
            {
                Assert.Equal("Resumed", doc.RootElement.GetProperty("Status").GetString());
                Assert.True(doc.RootElement.GetProperty("RangesResumed").GetInt32() >= 1);
                Assert.Equal(Convert.ToBase64String(MD5.HashData(data)), doc.RootElement.GetProperty("Md5Base64").GetString());
            }
            Assert.Equal(data, File.ReadAllBytes(endpoint.DataFileOf("incoming/batches/site_A-1.zip")));

            var list = HamletExecutables.Start(true, Root, environment, "list-azure", "--share", "incoming", "--directory", "batches", "--json");
            Assert.True(list.Code == 0, list.ToString());
            using (JsonDocument doc = JsonDocument.Parse(list.Out.Trim()))
            {
                Assert.Equal("site_A-1.zip", doc.RootElement.GetProperty("Name").GetString());
                Assert.Equal(data.Length, doc.RootElement.GetProperty("Length").GetInt64());
            }
        }

        [Fact]
        public async Task Network_ReceivesFromStorescu_SendsToStorescp_AndEchoes()
        {
            RtStudy study = new RtStudyBuilder(new SyntheticPatientGenerator(11).Create(1), new RtStudyOptions { Seed = 11, Slices = 2 }).Write(Path.Combine(Root, "study"));
            string rx = Path.Combine(Root, "received");
            int port = FreePort();
            Task<HamletExecutables.Run> receiver = Task.Run(() => HamletExecutables.Start(true, Root, null,
                "receive", "--path", rx, "--port", port.ToString(), "--ae-title", "HAMLETPS", "--count", study.Files.Count.ToString(), "--json"));
            WaitForPort(port);
            var (storescu, storescuOutput) = RunPeer("storescu", "-aec HAMLETPS +sd +r 127.0.0.1 " + port + " \"" + study.Folder + "\"");
            Assert.True(storescu == 0, storescuOutput);
            HamletExecutables.Run received = await receiver.WaitAsync(TimeSpan.FromSeconds(60)); // the receiver stops after --count files
            Assert.True(received.Code == 0, received.ToString());
            var uids = received.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(l => { using JsonDocument d = JsonDocument.Parse(l); return d.RootElement.GetProperty("SOPInstanceUID").GetString(); });
            Assert.Equal(study.Files.Select(f => f.SopInstanceUid).OrderBy(u => u, StringComparer.Ordinal), uids.OrderBy(u => u, StringComparer.Ordinal));

            string scp = Path.Combine(Root, "storescp");
            Directory.CreateDirectory(scp);
            int scpPort = FreePort();
            using Process storescp = StartPeer("storescp", "-aet PEER --output-directory \"" + scp + "\" " + scpPort);
            try
            {
                WaitForPort(scpPort);
                var sent = HamletExecutables.Start(true, Root, null, "send", "--recurse", study.Folder, "--computer-name", "127.0.0.1", "-p", scpPort.ToString(), "-c", "PEER", "--json");
                Assert.True(sent.Code == 0, sent.ToString());
                Assert.Equal(study.Files.Count, sent.Out.Split('\n').Count(l => l.Contains("\"Status\":\"0000\"")));
                Assert.True(WaitUntil(() => Directory.GetFiles(scp).Length == study.Files.Count, 10000));

                var echo = HamletExecutables.Start(true, Root, null, "echo", "127.0.0.1", "-p", scpPort.ToString(), "-c", "PEER", "--json");
                Assert.True(echo.Code == 0, echo.ToString());
                using (JsonDocument doc = JsonDocument.Parse(echo.Out.Trim())) Assert.True(doc.RootElement.GetProperty("Success").GetBoolean());
            }
            finally
            {
                try { storescp.Kill(true); } catch (InvalidOperationException) { }
            }
        }

        private static SortedDictionary<string, (uint Crc, long Compressed)> ZipEntries(string site)
        {
            var entries = new SortedDictionary<string, (uint, long)>(StringComparer.Ordinal);
            using (ZipArchive zip = ZipFile.OpenRead(Directory.GetFiles(Path.Combine(site, "data", "outgoing"), "*.zip").Single()))
                foreach (ZipArchiveEntry e in zip.Entries) entries.Add(e.FullName, (e.Crc32, e.CompressedLength));
            return entries;
        }

        private static List<string> Hashes(string folder) =>
            Directory.GetFiles(folder, "*.dcm", SearchOption.AllDirectories).Select(f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))))
                .OrderBy(h => h, StringComparer.Ordinal).ToList();
    }
}
