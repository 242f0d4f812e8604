using System;
using System.IO;
using System.Linq;
using HamletPS.Synthetic;
using Xunit;

namespace HamletPS.PowerShell.Tests.Commands
{
    public sealed class NewHamletArchiveTests : IDisposable
    {
        private readonly string _root = Path.Combine(Path.GetTempPath(), "hamlet-newarchive-" + Guid.NewGuid().ToString("N"));

        public void Dispose()
        {
            if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
        }

        [Fact]
        public void SortProtectArchive_InOnePipeline_WritesOneArchiveHoldingEveryProtectedFile()
        {
            SampleData.Write(_root);
            string config = Path.Combine(_root, "config.yaml");
            string protectedTree = Path.Combine(_root, "protected");
            int inputs = Directory.GetFiles(Path.Combine(_root, "data", "incoming"), "*", SearchOption.AllDirectories).Length;
            using var session = new PowerShellSession();

            var output = session.Invoke(
                "Invoke-DicomSort -ConfigPath $args[0] -SettleSeconds 0 | Protect-DicomPatient -ConfigPath $args[0] -Destination $args[1] | New-HamletArchive -ConfigPath $args[0] -Verify",
                config, protectedTree);

            Assert.True(session.Errors.Count == 0, string.Join("; ", session.Errors.Select(e => e.ToString())));
            var archive = Assert.Single(output);
            string path = (string)archive.Properties["Path"].Value;
            Assert.StartsWith(Path.Combine(_root, "data", "outgoing"), path);
            Assert.Equal(inputs, (int)archive.Properties["EntryCount"].Value);
            Assert.True((bool)archive.Properties["Verified"].Value);
            string names = string.Join("\n", System.IO.Compression.ZipFile.OpenRead(path).Entries.Select(e => e.FullName));
            Assert.Contains(SampleData.MappedStudyId + "/", names);
            foreach (SyntheticPatient p in SampleData.Patients()) Assert.DoesNotContain(p.PatientId, names);
        }

        [Fact]
        public void NewHamletArchive_WhatIf_WritesNothing_AndPerPatientNamesArchivesByStudyId()
        {
            SampleData.Write(_root);
            string config = Path.Combine(_root, "config.yaml");
            string protectedTree = Path.Combine(_root, "protected");
            string outgoing = Path.Combine(_root, "out");
            using var session = new PowerShellSession();
            session.Invoke("Protect-DicomPatient -Path $args[1] -ConfigPath $args[0] -Destination $args[2] | ForEach-Object { $null }",
                config, Path.Combine(_root, "data", "incoming"), protectedTree);
            Assert.Empty(session.Errors);

            Assert.Empty(session.Invoke("New-HamletArchive $args[0] -Destination $args[1] -Site s1 -WhatIf", protectedTree, outgoing));
            Assert.False(Directory.Exists(outgoing) && Directory.EnumerateFiles(outgoing).Any());

            var perPatient = session.Invoke("New-HamletArchive $args[0] -Destination $args[1] -Site s1 -PerPatient", protectedTree, outgoing);
            Assert.Equal(2, perPatient.Count);
            Assert.Contains(perPatient, a => Path.GetFileName((string)a.Properties["Path"].Value) == SampleData.MappedStudyId + ".zip");
        }
    }
}
