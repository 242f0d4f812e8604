using System;
using System.IO;
using System.Linq;
using HamletPS.Synthetic;
using Xunit;

namespace HamletPS.PowerShell.Tests.Commands
{
    public sealed class InvokeHamletPipelineTests : IDisposable
    {
        private readonly string _root = Path.Combine(Path.GetTempPath(), "hamlet-pipeline-" + Guid.NewGuid().ToString("N"));

        public void Dispose()
        {
            if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
        }

        [Fact]
        public void InvokeHamletPipeline_OnTheSample_WritesTheStepsToTheInformationStreamAndReturnsTheArchive()
        {
            SampleData.Write(_root);
            using var session = new PowerShellSession();

            var output = session.Invoke("Invoke-HamletPipeline -ConfigPath $args[0] -SettleSeconds 0", Path.Combine(_root, "config.yaml"));

            Assert.True(session.Errors.Count == 0, string.Join("; ", session.Errors.Select(e => e.ToString())));
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
            SampleData.Write(_root);
            int before = Directory.GetFiles(_root, "*", SearchOption.AllDirectories).Length;
            using var session = new PowerShellSession();

            var output = session.Invoke("Invoke-HamletPipeline -ConfigPath $args[0] -WhatIf", Path.Combine(_root, "config.yaml"));

            Assert.Empty(output);
            Assert.Equal(before, Directory.GetFiles(_root, "*", SearchOption.AllDirectories).Length);
        }
    }
}
