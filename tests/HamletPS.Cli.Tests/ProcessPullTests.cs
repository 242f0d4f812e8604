using System;
using System.IO;
using System.Linq;
using HamletPS.Cli.Verbs;
using HamletPS.Synthetic;
using HamletPS.TestPeers;
using Xunit;

namespace HamletPS.Cli.Tests
{
    /// <summary>`hamlet process` with the optional PACS section: the lookup table's patient is pulled from dcmqrscp, then processed.</summary>
    public sealed class ProcessPullTests : ScratchFolderTest
    {
        public ProcessPullTests() : base("hamlet-pull-") { }

        [Fact]
        public void Process_WithPacsSection_PullsTheMappedPatientsStudyIntoIncomingThenProcessesIt()
        {
            SampleData.Write(Root);
            Directory.Delete(Path.Combine(Root, "data", "incoming"), true);        // the PACS is the only source this time
            SyntheticPatient mapped = SampleData.Patients()[0], other = SampleData.Patients()[1];
            RtStudy inPacs = new RtStudyBuilder(mapped, new RtStudyOptions { Seed = 77, Slices = 3, ImageSize = 16 }).Write(Path.Combine(Root, "pacs", "a"));
            RtStudy notMapped = new RtStudyBuilder(other, new RtStudyOptions { Seed = 78, Slices = 3, ImageSize = 16 }).Write(Path.Combine(Root, "pacs", "b"));
            using var pacs = new QueryRetrievePeers.Dcmqrscp(inPacs.Files.Concat(notMapped.Files).Select(f => f.Path));
            string config = Path.Combine(Root, "config.yaml");
            File.AppendAllText(config, "\nPACS:\n  AET: " + QueryRetrievePeers.PacsAeTitle + "\n  HOST: 127.0.0.1\n  PORT: " + pacs.Port + "\n  SINCE: 36500\n  MODALITIES: CT, RTSTRUCT, RTPLAN, RTDOSE\n");
            var stdout = new StringWriter();
            var stderr = new StringWriter();

            int code = ProcessVerb.Run(new ProcessVerb.Arguments { ConfigPath = config, SettleSeconds = 0 }, new CliOutput(stdout, stderr));

            Assert.True(code == 0, stderr.ToString() + stdout);
            string text = stdout.ToString();
            Assert.Contains("Pull: 1 studies, " + inPacs.Files.Count + " instances retrieved, 0 already present, 0 failed", text);
            Assert.DoesNotContain(mapped.PatientId, text);                          // counts and UIDs only
            Assert.Contains("Processing complete", text);
        }
    }
}
