using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using HamletPS.Cli.Verbs;
using HamletPS.Core.Archive;
using HamletPS.Synthetic;
using Xunit;

namespace HamletPS.Cli.Tests
{
    public sealed class ProcessVerbTests : ScratchFolderTest
    {
        public ProcessVerbTests() : base("hamlet-process-") { }

        private string WriteSite(int slices, int size = 128)
        {
            SampleData.Write(Root);
            var patient = new SyntheticPatientGenerator(11).Create(3);
            new RtStudyBuilder(patient, new RtStudyOptions { Seed = 11, Slices = slices, ImageSize = size }).Write(Path.Combine(Root, "data", "incoming", "big"));
            return Path.Combine(Root, "config.yaml");
        }

        [Fact]
        public void Run_PrintsTheOldToolsStepsAndTheArchivePath()
        {
            string config = WriteSite(4);
            var stdout = new StringWriter();

            int code = ProcessVerb.Run(new ProcessVerb.Arguments { ConfigPath = config, SettleSeconds = 0 }, new CliOutput(stdout, new StringWriter()));

            Assert.Equal(0, code);
            string[] lines = stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();
            Assert.Equal("Step 1 : Sorting incoming files into new folder structure", lines[2]);
            Assert.Matches("^[0-9]+ files sorted$", lines[3]);
            Assert.Contains("Step 4 : Creating archive file for upload", lines);
            string archive = lines[Array.IndexOf(lines, "Step 4 : Creating archive file for upload") + 1];
            Assert.True(File.Exists(archive), archive);
            Assert.Equal("Processing complete", lines[^1]);
        }

        [Fact]
        public void KilledMidRun_TheNextRunCompletesWithConsistentOutput()
        {
            string config = WriteSite(400, 256);
            int inputs = Directory.GetFiles(Path.Combine(Root, "data", "incoming"), "*", SearchOption.AllDirectories).Length;
            string logs = Path.Combine(Root, "logs");
            string cli = Path.Combine(AppContext.BaseDirectory, "hamlet.dll");
            var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Root };
            foreach (string a in new[] { cli, "process", "--config-path", config, "--settle-seconds", "0" }) psi.ArgumentList.Add(a);

            using (Process child = Process.Start(psi))
            {
                var deadline = DateTime.UtcNow.AddSeconds(60);
                while (DateTime.UtcNow < deadline && !child.HasExited && ProtectedLines(logs) < 5) Thread.Sleep(5);
                Assert.False(child.HasExited, "the run finished before it could be killed");
                child.Kill(entireProcessTree: true);
                child.WaitForExit();
            }
            Assert.DoesNotContain("run-complete", File.ReadAllText(Directory.GetFiles(logs).Single()));
            Assert.False(Directory.Exists(Path.Combine(Root, "data", "outgoing")) && Directory.GetFiles(Path.Combine(Root, "data", "outgoing"), "*.zip").Length > 0);

            var stdout = new StringWriter();
            var stderr = new StringWriter();
            int code = ProcessVerb.Run(new ProcessVerb.Arguments { ConfigPath = config, SettleSeconds = 0 }, new CliOutput(stdout, stderr));

            Assert.True(code == 0, stderr.ToString());
            string archive = Assert.Single(Directory.GetFiles(Path.Combine(Root, "data", "outgoing")));
            Assert.EndsWith(".zip", archive);
            ArchiveManifest manifest = ArchiveManifestReader.Read(archive);
            Assert.Equal(inputs, manifest.FileCount);
            Assert.Equal(inputs, manifest.Rows.Select(r => r.SopInstanceUid).Distinct().Count());
            Assert.True(ZipVerifier.Verify(archive).IsValid);
            Assert.Empty(Directory.GetFiles(Path.Combine(Root, "data", "incoming"), "*.dcm", SearchOption.AllDirectories));

            var again = new StringWriter();
            Assert.Equal(0, ProcessVerb.Run(new ProcessVerb.Arguments { ConfigPath = config, SettleSeconds = 0 }, new CliOutput(again, new StringWriter())));
            Assert.Contains("No new files to archive", again.ToString());
            Assert.Single(Directory.GetFiles(Path.Combine(Root, "data", "outgoing")));
        }

        private static int ProtectedLines(string logs)
        {
            if (!Directory.Exists(logs)) return 0;
            try
            {
                return Directory.GetFiles(logs).Sum(f =>
                {
                    using var s = new FileStream(f, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
                    using var r = new StreamReader(s);
                    return r.ReadToEnd().Split('\n').Count(l => l.Contains("\"event\":\"protected\""));
                });
            }
            catch (IOException)
            {
                return 0;
            }
        }
    }
}
