using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using HamletPS.Core.Archive;
using HamletPS.Core.Configuration;
using HamletPS.Core.Pipeline;
using HamletPS.Synthetic;
using Xunit;

namespace HamletPS.Core.Tests.Pipeline
{
    /// <summary>End to end on generated RT studies: the sample's two patients (one not in mapping.csv) and the canary study.</summary>
    public sealed class HamletPipelineTests : IDisposable
    {
        private readonly TempFolder _temp = new TempFolder();

        public void Dispose() => _temp.Dispose();

        private (HamletConfig Config, CanaryStudy Canary, int InputFiles) Site()
        {
            SampleData.Write(_temp.Path);
            var canary = new CanaryStudy(new RtStudyOptions { Seed = 77, Slices = 3, ImageSize = 16 });
            canary.Write(Path.Combine(_temp.Path, "data", "incoming", "export-canary"));
            foreach (string file in Directory.EnumerateFiles(Path.Combine(_temp.Path, "data", "incoming"), "*", SearchOption.AllDirectories))
                File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddMinutes(-5));
            int inputs = Directory.GetFiles(Path.Combine(_temp.Path, "data", "incoming"), "*", SearchOption.AllDirectories).Length;
            HamletConfig config = HamletConfigLoader.Load(Path.Combine(_temp.Path, "config.yaml"));
            return (config, canary, inputs);
        }

        private static PipelineSummary Run(HamletConfig config, List<string> messages = null, List<FileFailure> failures = null)
        {
            var options = HamletPipelineOptions.FromConfig(config);
            options.SettleTime = TimeSpan.Zero;
            return new HamletPipeline(options).Run(new Immediate<string>(m => messages?.Add(m)), new Immediate<FileFailure>(f => failures?.Add(f)));
        }

        [Fact]
        public void Run_ScreenCaptureWithTextInItsPixels_IsWithheldAndCountedInStep3_TheRestIsArchived()
        {
            var (config, _, inputs) = Site();
            string capture = Path.Combine(_temp.Path, "data", "incoming", "capture", "sc.dcm");
            Directory.CreateDirectory(Path.GetDirectoryName(capture));
            new PixelCanaryImage().Build().Save(capture);
            File.SetLastWriteTimeUtc(capture, DateTime.UtcNow.AddMinutes(-5));
            var messages = new List<string>();
            var failures = new List<FileFailure>();

            PipelineSummary summary = Run(config, messages, failures);

            Assert.Equal(1, summary.PixelWithheld);
            Assert.Equal(inputs, summary.Protected);
            Assert.False(summary.Succeeded);
            var failure = Assert.Single(failures);
            Assert.Equal("PixelIdentifierRisk", failure.Reason);
            Assert.Contains(messages, m => m.EndsWith("files checked - no patient identifier found; pixels: 1 withheld (may carry identifying text, no rule releases them), 0 masked by rule, 0 dropped by rule", StringComparison.Ordinal));
            Assert.Equal(inputs, ArchiveManifestReader.Read(Assert.Single(summary.Archives).ArchivePath).FileCount);
            Assert.DoesNotContain(messages, m => m.Contains(CanaryStudy.PatientId) || m.Contains(CanaryStudy.FamilyName));
        }

        [Fact]
        public void Run_ProcessesEveryPatientIntoOneVerifiedArchiveWithoutLeakingAnIdentifier()
        {
            var (config, canary, inputs) = Site();
            var messages = new List<string>();
            var failures = new List<FileFailure>();

            PipelineSummary summary = Run(config, messages, failures);

            Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures.Select(f => f.Reason + ": " + f.Message)));
            Assert.Equal(inputs, summary.Sorted);
            Assert.Equal(inputs, summary.Protected);
            ArchiveResult archive = Assert.Single(summary.Archives);
            Assert.True(archive.Verified);
            Assert.Matches("samplesite_hx-[0-9a-f-]{36}\\.zip$", archive.ArchivePath);

            // The old tool's steps, in order, and patient lines naming only the new ID.
            string[] expected =
            {
                "Step 1 : Sorting incoming files into new folder structure", inputs + " files sorted", "Step 2 : Running pseudonymisation",
                "Step 3 : Checking protected files and folder names for patient identifiers", "Step 4 : Creating archive file for upload",
                archive.ArchivePath, "Processing complete",
            };
            Assert.Equal(expected, messages.Where(expected.Contains).ToArray());
            Assert.Equal(2, messages.Count(m => m.Contains("pseudonymised instead")));
            foreach (SyntheticPatient p in SampleData.Patients().Concat(new[] { canary.Patient }))
                Assert.DoesNotContain(messages, m => m.Contains(p.PatientId) || m.Contains(p.FamilyName));

            // The manifest lists exactly the archive's files, with their sizes and hashes.
            ArchiveManifest manifest = ArchiveManifestReader.Read(archive.ArchivePath);
            Assert.Equal(inputs, manifest.FileCount);
            Assert.Equal(3, manifest.StudyIds.Count);
            Assert.Contains(SampleData.MappedStudyId, manifest.StudyIds);
            string extracted = _temp.File("extracted");
            ZipFile.ExtractToDirectory(archive.ArchivePath, extracted);
            foreach (ArchiveManifestRow row in manifest.Rows)
            {
                string file = Path.Combine(extracted, row.EntryPath.Replace('/', Path.DirectorySeparatorChar));
                Assert.Equal(row.FileSize, new FileInfo(file).Length);
                Assert.Equal(row.Sha256, Sha256(file));
            }

            // pydicom reads every entry, and its SOP Instance UID is the manifest's.
            string listing = Python("import sys, zipfile, io, pydicom\n" +
                "z = zipfile.ZipFile(sys.argv[1])\n" +
                "for n in z.namelist():\n" +
                "    if n.startswith('manifest.'): continue\n" +
                "    ds = pydicom.dcmread(io.BytesIO(z.read(n)))\n" +
                "    print(n + '|' + ds.SOPInstanceUID + '|' + str(ds.PatientID))\n", archive.ArchivePath);
            var rows = listing.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('|')).ToList();
            Assert.Equal(manifest.FileCount, rows.Count);
            foreach (var r in rows)
            {
                ArchiveManifestRow row = manifest.Rows.Single(m => m.EntryPath == r[0]);
                Assert.Equal(row.SopInstanceUid, r[1]);
                Assert.Equal(row.StudyId, r[2]);
            }

            // No canary in any entry name or byte, nor in the journal: no tolerance. hamlet-rt keeps device identity and cleaned
            // descriptors, and every retained text value is cleaned of the patient's own identity, which is what the canaries are.
            var leaks = canary.Scan(extracted).Select(h => h.ToString()).ToList();
            Assert.True(leaks.Count == 0, string.Join("\n", leaks));
            Assert.DoesNotContain(canary.Scan(extracted), h => h.InPath);
            // The re-identification record stays at the site: written outside the protected tree, never into the archive.
            string vault = Path.GetFullPath(config.Hamlet.Vault);
            Assert.NotEmpty(Directory.GetFiles(vault, "*.hpv"));
            Assert.Empty(Directory.GetFiles(extracted, "*.hpv", SearchOption.AllDirectories));
            using (ZipArchive zip = ZipFile.OpenRead(archive.ArchivePath))
                Assert.DoesNotContain(zip.Entries, e => e.FullName.EndsWith(".hpv", StringComparison.OrdinalIgnoreCase) || e.FullName.Contains("vault", StringComparison.OrdinalIgnoreCase));
            string logs = config.Hamlet.Logs;
            Assert.Empty(canary.Scan(logs));
            string journal = File.ReadAllText(summary.JournalPath);
            foreach (SyntheticPatient p in SampleData.Patients())
            {
                Assert.DoesNotContain(p.PatientId, journal);
                Assert.DoesNotContain(p.FamilyName, journal);
            }
            Assert.Contains("\"event\":\"run-complete\"", journal);
            Assert.Equal(inputs, journal.Split('\n').Count(l => l.Contains("\"event\":\"protected\"")));
            Assert.False(Directory.Exists(Path.Combine(HamletPipelineOptions.DefaultProtectedRoot(config.DataPath.Sorted), summary.RunId)));
        }

        [Fact]
        public void Run_Again_DoesNoDuplicateWork_AndANewFileGoesIntoANewArchive()
        {
            var (config, _, inputs) = Site();
            PipelineSummary first = Run(config);

            PipelineSummary second = Run(config);

            Assert.Equal(0, second.Sorted);
            Assert.Equal(0, second.Protected);
            Assert.Equal(inputs, second.AlreadyArchived);
            Assert.Empty(second.Archives);
            Assert.NotEqual(first.RunId, second.RunId);

            var patient = new SyntheticPatientGenerator(SampleData.Seed).Create(5);
            RtStudy extra = new RtStudyBuilder(patient, new RtStudyOptions { Seed = 5, Slices = 2, ImageSize = 16, IncludeDose = false, IncludePlan = false, IncludeStructureSet = false })
                .Write(Path.Combine(config.DataPath.Incoming, "late"));
            foreach (var f in extra.Files) File.SetLastWriteTimeUtc(f.Path, DateTime.UtcNow.AddMinutes(-5));

            PipelineSummary third = Run(config);

            Assert.Equal(extra.Files.Count, third.Protected);
            Assert.Equal(extra.Files.Count, Assert.Single(third.Archives).EntryCount);
            Assert.Equal(2, Directory.GetFiles(config.DataPath.Outgoing, "*.zip").Length);
        }

        [Fact]
        public void Run_AfterAnInterruptedRun_ResumesTheSameRunAndReusesItsProtectedFiles()
        {
            var (config, _, inputs) = Site();
            var options = HamletPipelineOptions.FromConfig(config);
            options.SettleTime = TimeSpan.Zero;
            options.MaxDegreeOfParallelism = 1;
            int calls = 0;
            Func<string, string, IProtectionStep> real = options.ProtectionStepFactory;
            options.ProtectionStepFactory = (folder, run) => new FailingAfter(real(folder, run), 5, () => calls++);
            Assert.Throws<InvalidOperationException>(() => new HamletPipeline(options).Run());

            var messages = new List<string>();
            PipelineSummary resumed = Run(config, messages);

            Assert.True(resumed.Resumed);
            Assert.Equal(5, resumed.Reused);
            Assert.Equal(inputs - 5, resumed.Protected);
            Assert.Equal(inputs, ArchiveManifestReader.Read(Assert.Single(resumed.Archives).ArchivePath).FileCount);
            Assert.Single(Directory.GetFiles(config.DataPath.Outgoing));
            Assert.Equal(0, Run(config).Protected);
        }

        [Fact]
        public void Cleaner_DeletesOnlyArchivedFiles_KeepsTheRestUnlessForced_AndNeverTouchesOutgoing()
        {
            var (config, _, _) = Site();
            string note = Path.Combine(config.DataPath.Incoming, "readme.txt");
            File.WriteAllText(note, "not DICOM, never archived");
            PipelineSummary summary = Run(config);
            string unarchived = Path.Combine(config.DataPath.Sorted, "stray", "x.dcm");
            Directory.CreateDirectory(Path.GetDirectoryName(unarchived));
            File.WriteAllBytes(unarchived, new byte[] { 1, 2, 3 });
            var cleaner = new HamletPS.Core.Cleanup.HamletFolderCleaner(config.DataPath.Outgoing, config.Hamlet.Logs);

            var sorted = cleaner.Clear(config.DataPath.Sorted, "Sorted", force: false).ToList();
            var incoming = cleaner.Clear(config.DataPath.Incoming, "Incoming", force: false).ToList();

            Assert.Equal(summary.Protected, sorted.Count(r => r.Status == HamletPS.Core.Cleanup.ClearStatus.Deleted));
            Assert.Equal(unarchived, Assert.Single(sorted, r => r.Status == HamletPS.Core.Cleanup.ClearStatus.Kept).Path);
            Assert.Equal(note, Assert.Single(incoming).Path);
            Assert.True(File.Exists(note));
            Assert.Equal(new[] { unarchived }, Directory.GetFiles(config.DataPath.Sorted, "*", SearchOption.AllDirectories));
            Assert.Throws<ArgumentException>(() => cleaner.Clear(config.DataPath.Outgoing, "Outgoing", force: true).ToList());
            Assert.Throws<ArgumentException>(() => cleaner.Clear(Path.GetDirectoryName(config.DataPath.Outgoing), "Data", force: true).ToList());

            Assert.All(cleaner.Clear(config.DataPath.Incoming, "Incoming", force: true), r => Assert.Equal(HamletPS.Core.Cleanup.ClearStatus.Deleted, r.Status));
            Assert.False(File.Exists(note));
            Assert.Single(Directory.GetFiles(config.DataPath.Outgoing, "*.zip"));
        }

        private static string Sha256(string file)
        {
            using var sha = System.Security.Cryptography.SHA256.Create();
            using var s = File.OpenRead(file);
            return Convert.ToHexString(sha.ComputeHash(s)).ToLowerInvariant();
        }

        internal static string Python(string script, params string[] args)
        {
            var psi = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true };
            psi.ArgumentList.Add("-c");
            psi.ArgumentList.Add(script);
            foreach (string a in args) psi.ArgumentList.Add(a);
            using var p = Process.Start(psi);
            string output = p.StandardOutput.ReadToEnd();
            string error = p.StandardError.ReadToEnd();
            p.WaitForExit();
            Assert.True(p.ExitCode == 0, "python failed: " + error);
            return output;
        }

        /// <summary>Reports synchronously (Progress&lt;T&gt; would post to the thread pool).</summary>
        private sealed class Immediate<T> : IProgress<T>
        {
            private readonly Action<T> _action;
            private readonly object _gate = new object();
            public Immediate(Action<T> action) { _action = action; }
            public void Report(T value) { lock (_gate) _action(value); }
        }

        /// <summary>The real step, throwing (like a crash) after N files.</summary>
        private sealed class FailingAfter : IProtectionStep
        {
            private readonly IProtectionStep _inner;
            private readonly int _limit;
            private readonly Action _onCall;
            private int _count;
            public FailingAfter(IProtectionStep inner, int limit, Action onCall) { _inner = inner; _limit = limit; _onCall = onCall; }
            public IReadOnlyList<string> PatientMessages => _inner.PatientMessages;
            public ProtectionOutcome Protect(string sortedFile, System.Threading.CancellationToken cancellationToken)
            {
                _onCall();
                if (System.Threading.Interlocked.Increment(ref _count) > _limit) throw new InvalidOperationException("simulated crash");
                return _inner.Protect(sortedFile, cancellationToken);
            }
            public void Dispose() => _inner.Dispose();
        }
    }
}
