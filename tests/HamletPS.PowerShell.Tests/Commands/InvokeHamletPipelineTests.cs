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
