using System;
using System.IO;
using System.Linq;
using HamletPS.Cli.Verbs;
using HamletPS.Synthetic;
using Xunit;

namespace HamletPS.Cli.Tests
{
    public sealed class SortVerbTests : ScratchFolderTest
    {
        public SortVerbTests() : base("hamlet-sortverb-") { }

        [Fact]
        public void Run_SortsASampleStudyAndPrintsTheCount()
        {
            var patient = new SyntheticPatientGenerator(3).Create(1);
            RtStudy study = new RtStudyBuilder(patient, new RtStudyOptions { Seed = 3, Slices = 2, ImageSize = 16 }).Write(Path.Combine(Root, "in", "x"));
            var stdout = new StringWriter();
            var stderr = new StringWriter();

            int code = SortVerb.Run(new SortVerb.Arguments
            {
                Paths = new[] { Path.Combine(Root, "in") }, Destination = Path.Combine(Root, "sorted"), SettleSeconds = 0,
            }, new CliOutput(stdout, stderr));

            Assert.Equal(0, code);
            Assert.Contains(study.Files.Count + " files sorted", stdout.ToString());
            Assert.Equal(study.Files.Count, Directory.GetFiles(Path.Combine(Root, "sorted", patient.PatientId), "*.dcm", SearchOption.AllDirectories).Length);
        }

        [Fact]
        public void Run_QuarantinedFile_ExitsWithOneAndJsonNamesTheStatus()
        {
            Directory.CreateDirectory(Path.Combine(Root, "in"));
            var bytes = new byte[200];
            "DICM"u8.ToArray().CopyTo(bytes, 128);
            File.WriteAllBytes(Path.Combine(Root, "in", "broken.dcm"), bytes);
            var stdout = new StringWriter();
            var stderr = new StringWriter();

            int code = SortVerb.Run(new SortVerb.Arguments
            {
                Paths = new[] { Path.Combine(Root, "in") }, Destination = Path.Combine(Root, "sorted"), SettleSeconds = 0, Json = true,
            }, new CliOutput(stdout, stderr));

            Assert.Equal(1, code);
            Assert.Contains("\"Status\":\"Quarantined\"", stdout.ToString());
            Assert.Contains("QuarantinedDicomFile", stderr.ToString());
        }

        [Fact]
        public void Run_WithoutDestinationOrConfig_IsAUsageError()
        {
            Directory.CreateDirectory(Root);
            var stderr = new StringWriter();
            int code = SortVerb.Run(new SortVerb.Arguments { Paths = new[] { Root }, ConfigPath = Path.Combine(Root, "missing.yaml") },
                new CliOutput(new StringWriter(), stderr));

            Assert.Equal(2, code);
            Assert.Contains("ConfigNotFound", stderr.ToString());
        }
    }
}
