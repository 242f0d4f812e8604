using System;
using System.IO;
using System.Linq;
using HamletPS.Cli.Verbs;
using HamletPS.Synthetic;
using Xunit;

namespace HamletPS.Cli.Tests
{
    public sealed class SortVerbTests : IDisposable
    {
        private readonly string _root = Path.Combine(Path.GetTempPath(), "hamlet-sortverb-" + Guid.NewGuid().ToString("N"));

        public void Dispose()
        {
            if (Directory.Exists(_root)) Directory.Delete(_root, true);
        }

        [Fact]
        public void Run_SortsASampleStudyAndPrintsTheCount()
        {
            var patient = new SyntheticPatientGenerator(3).Create(1);
            RtStudy study = new RtStudyBuilder(patient, new RtStudyOptions { Seed = 3, Slices = 2, ImageSize = 16 }).Write(Path.Combine(_root, "in", "x"));
            var stdout = new StringWriter();
            var stderr = new StringWriter();

            int code = SortVerb.Run(new SortVerb.Arguments
            {
                Paths = new[] { Path.Combine(_root, "in") }, Destination = Path.Combine(_root, "sorted"), SettleSeconds = 0,
            }, new CliOutput(stdout, stderr));

            Assert.Equal(0, code);
            Assert.Contains(study.Files.Count + " files sorted", stdout.ToString());
            Assert.Equal(study.Files.Count, Directory.GetFiles(Path.Combine(_root, "sorted", patient.PatientId), "*.dcm", SearchOption.AllDirectories).Length);
        }

        [Fact]
        public void Run_QuarantinedFile_ExitsWithOneAndJsonNamesTheStatus()
        {
            Directory.CreateDirectory(Path.Combine(_root, "in"));
            var bytes = new byte[200];
            "DICM"u8.ToArray().CopyTo(bytes, 128);
            File.WriteAllBytes(Path.Combine(_root, "in", "broken.dcm"), bytes);
            var stdout = new StringWriter();
            var stderr = new StringWriter();

            int code = SortVerb.Run(new SortVerb.Arguments
            {
                Paths = new[] { Path.Combine(_root, "in") }, Destination = Path.Combine(_root, "sorted"), SettleSeconds = 0, Json = true,
            }, new CliOutput(stdout, stderr));

            Assert.Equal(1, code);
            Assert.Contains("\"Status\":\"Quarantined\"", stdout.ToString());
            Assert.Contains("QuarantinedDicomFile", stderr.ToString());
        }

        [Fact]
        public void Run_WithoutDestinationOrConfig_IsAUsageError()
        {
            Directory.CreateDirectory(_root);
            var stderr = new StringWriter();
            int code = SortVerb.Run(new SortVerb.Arguments { Paths = new[] { _root }, ConfigPath = Path.Combine(_root, "missing.yaml") },
                new CliOutput(new StringWriter(), stderr));

            Assert.Equal(2, code);
            Assert.Contains("ConfigurationNotFound", stderr.ToString());
        }
    }
}
