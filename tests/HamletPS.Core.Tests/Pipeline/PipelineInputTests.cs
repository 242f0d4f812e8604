using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using HamletPS.Core.Configuration;
using HamletPS.Core.Pipeline;
using HamletPS.Synthetic;
using Xunit;

namespace HamletPS.Core.Tests.Pipeline
{
    /// <summary>Issue 14, findings 8, 10 and 13: inputs are checked before anything moves, and every file not processed is
    /// counted with its reason.</summary>
    public sealed class PipelineInputTests : IDisposable
    {
        private readonly TempFolder _temp = new TempFolder();

        public void Dispose() => _temp.Dispose();

        private string Incoming => Path.Combine(_temp.Path, "data", "incoming");

        private HamletConfig Site(string hamletSection = null, bool age = true)
        {
            SampleData.Write(_temp.Path);
            if (hamletSection != null) File.AppendAllText(_temp.File("config.yaml"), "HAMLET:\n" + hamletSection);
            if (age)
                foreach (string file in Directory.EnumerateFiles(Incoming, "*", SearchOption.AllDirectories))
                    File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddMinutes(-5));
            return HamletConfigLoader.Load(_temp.File("config.yaml"));
        }

        private static PipelineSummary Run(HamletConfig config, List<string> messages, List<FileFailure> failures = null, int settleSeconds = 0)
        {
            var options = HamletPipelineOptions.FromConfig(config);
            options.SettleTime = TimeSpan.FromSeconds(settleSeconds);
            return new HamletPipeline(options).Run(new Sync<string>(messages.Add), new Sync<FileFailure>(f => failures?.Add(f)));
        }

        private string[] IncomingFiles() => Directory.GetFiles(Incoming, "*", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal).ToArray();

        [Fact]
        public void Run_AConfiguredMappingFileThatDoesNotExistStopsTheRunBeforeAnyFileMoves()
        {
            HamletConfig config = Site("  MAPPINGFILE: lists/trial-mapping.csv\n");
            string[] before = IncomingFiles();

            var ex = Assert.Throws<PipelineSetupException>(() => Run(config, new List<string>()));

            Assert.Contains("does not exist", ex.Message);
            Assert.Equal(before, IncomingFiles());
            Assert.False(Directory.Exists(config.DataPath.Sorted), "nothing was sorted");
            Assert.False(Directory.Exists(config.DataPath.Outgoing) && Directory.EnumerateFiles(config.DataPath.Outgoing).Any());
        }

        [Fact]
        public void Run_TwoRowsForOneMrnWithDifferentStudyIdsNameTheLineAndMoveNothing()
        {
            HamletConfig config = Site();
            SyntheticPatient listed = SampleData.Patients()[0];
            File.WriteAllText(config.Hamlet.MappingFile, "MRN,Study_ID\r\n" + listed.PatientId + ",180_0001\r\n" + listed.PatientId + ",180_0002\r\n");
            string[] before = IncomingFiles();

            var ex = Assert.Throws<PipelineSetupException>(() => Run(config, new List<string>()));

            Assert.Contains("mapping.csv:3", ex.Message);
            Assert.DoesNotContain(listed.PatientId, ex.Message);
            Assert.Equal(before, IncomingFiles());
        }

        [Fact]
        public void Run_FilesYoungerThanTheSettleTimeAndNonDicomFilesAreCountedWithTheirReason()
        {
            HamletConfig config = Site(age: false);
            int inputs = IncomingFiles().Length;
            File.WriteAllText(Path.Combine(Incoming, "notes.txt"), "not DICOM");
            File.SetLastWriteTimeUtc(Path.Combine(Incoming, "notes.txt"), DateTime.UtcNow.AddMinutes(-5));
            var messages = new List<string>();

            PipelineSummary summary = Run(config, messages, settleSeconds: 60);

            Assert.Equal(0, summary.Sorted);
            Assert.Contains("0 files sorted, " + inputs + " too recent (settle time 60 s; left for the next run), 1 not DICOM (left in the incoming folder)", messages);
        }

        [Fact]
        public void Run_ALinkInIncomingIsCountedAsALinkLeftInPlace_NotAsAFileStillBeingWritten()
        {
            HamletConfig config = Site();
            string outside = Path.Combine(Path.GetDirectoryName(config.DataPath.Incoming), "..", "outside-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(outside);
            try
            {
                string target = Path.Combine(outside, "elsewhere.txt");
                File.WriteAllText(target, "outside the site");
                File.CreateSymbolicLink(Path.Combine(Incoming, "linked.dcm"), target);
                var messages = new List<string>();

                Run(config, messages);

                Assert.Contains(messages, m => m.Contains("1 symbolic links (never followed; left in place)") && !m.Contains("still being written"));
                Assert.True(File.Exists(target));
            }
            finally { Directory.Delete(outside, true); }
        }

        [Fact]
        public void Run_ASortedFileThatFailsTheFullReadIsQuarantinedWithAReasonInsteadOfFailingEveryRun()
        {
            HamletConfig config = Site();
            string broken = Path.Combine(config.DataPath.Sorted, "SOMEPATIENT", "2.25.1", "CT_1_2.25.2", "2.25.3.dcm");
            Directory.CreateDirectory(Path.GetDirectoryName(broken));
            var bytes = new byte[400];
            "DICM"u8.ToArray().CopyTo(bytes, 128);
            bytes[132] = 0x02; bytes[134] = 0x10; bytes[136] = (byte)'U'; bytes[137] = (byte)'I'; bytes[138] = 0xFF; bytes[139] = 0x7F; // (0002,0010) UI, length 32767
            File.WriteAllBytes(broken, bytes);
            var messages = new List<string>();
            var failures = new List<FileFailure>();

            PipelineSummary summary = Run(config, messages, failures);

            Assert.False(File.Exists(broken));
            Assert.Equal(1, summary.QuarantinedAfterSorting);
            Assert.Contains(messages, m => m.EndsWith("1 unreadable (quarantined with a reason file)", StringComparison.Ordinal));
            string quarantine = config.Hamlet.Quarantine;
            string reason = File.ReadAllText(Assert.Single(Directory.GetFiles(quarantine, "*.reason.txt")));
            Assert.Contains("not a readable DICOM file", reason);
            Assert.DoesNotContain("SOMEPATIENT", reason);
            Assert.DoesNotContain(failures, f => f.Message.Contains("SOMEPATIENT"));
            Assert.Single(summary.Archives);

            var again = new List<string>();
            Assert.True(Run(config, again).Succeeded, string.Join("\n", again));
        }

        private sealed class Sync<T> : IProgress<T>
        {
            private readonly Action<T> _action;
            private readonly object _gate = new object();
            public Sync(Action<T> action) { _action = action; }
            public void Report(T value) { lock (_gate) _action(value); }
        }
    }
}
