using System.IO;
using System.Linq;
using HamletPS.Synthetic;
using Xunit;

namespace HamletPS.PowerShell.Tests.Commands
{
    public sealed class InvokeHamletPipelineTests : SampleSiteTest
    {
        public InvokeHamletPipelineTests() : base("hamlet-pipeline") { }

        [Fact]
        public void InvokeHamletPipeline_OnTheSample_WritesTheStepsToTheInformationStreamAndReturnsTheArchive()
        {
            using var session = new PowerShellSession();

            var output = session.Invoke("Invoke-HamletPipeline -ConfigPath $args[0] -SettleSeconds 0", ConfigPath);

            AssertNoErrors(session);
            var summary = Assert.Single(output);
            string archive = (string)summary.Properties["Path"].Value;
            Assert.True(File.Exists(archive));
            var info = session.Information.Select(i => i.MessageData.ToString()).ToList();
            Assert.Equal("Step 1 : Sorting incoming files into new folder structure", info[2]);
            Assert.Contains("Step 2 : Running pseudonymisation", info);
            Assert.Contains(archive, info);
            Assert.Equal("Processing complete", info[^1]);
            foreach (SyntheticPatient p in SampleData.Patients()) Assert.DoesNotContain(info, l => l.Contains(p.PatientId));
        }

        [Fact]
        public void InvokeHamletPipeline_TwoRowsForOneMrnWithDifferentStudyIds_IsATerminatingErrorNamingTheLineAndMovesNothing()
        {
            string mrn = SampleData.Patients()[0].PatientId;
            File.WriteAllText(Path.Combine(Root, "mapping.csv"), "MRN,Study_ID\r\n" + mrn + ",180_0001\r\n" + mrn + ",180_0002\r\n");
            string[] before = FilesBelow(Incoming);
            using var session = new PowerShellSession();

            var output = session.Invoke("try { Invoke-HamletPipeline -ConfigPath $args[0] -SettleSeconds 0 -ErrorAction Stop } " +
                "catch { $_.FullyQualifiedErrorId; $_.Exception.Message }", ConfigPath);

            Assert.Equal("InvalidPipelineSettings,HamletPS.Commands.InvokeHamletPipelineCommand", output[0].ToString());
            Assert.Contains("mapping.csv:3", output[1].ToString());
            Assert.DoesNotContain(mrn, output[1].ToString());
            Assert.Equal(before, FilesBelow(Incoming));
        }

        [Fact]
        public void InvokeHamletPipeline_WhatIf_WritesNothing()
        {
            int before = FilesBelow(Root).Length;
            using var session = new PowerShellSession();

            var output = session.Invoke("Invoke-HamletPipeline -ConfigPath $args[0] -WhatIf", ConfigPath);

            Assert.Empty(output);
            Assert.Equal(before, FilesBelow(Root).Length);
        }
    }
}
