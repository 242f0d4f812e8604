using System.IO;
using System.Linq;
using HamletPS.Synthetic;
using Xunit;

namespace HamletPS.PowerShell.Tests.Commands
{
    public sealed class NewHamletArchiveTests : SampleSiteTest
    {
        public NewHamletArchiveTests() : base("hamlet-newarchive") { }

        [Fact]
        public void SortProtectArchive_InOnePipeline_WritesOneArchiveHoldingEveryProtectedFile()
        {
            string protectedTree = Path.Combine(Root, "protected");
            int inputs = FilesBelow(Incoming).Length;
            using var session = new PowerShellSession();

            var output = session.Invoke(
                "Invoke-DicomSort -ConfigPath $args[0] -SettleSeconds 0 | Protect-DicomPatient -ConfigPath $args[0] -Destination $args[1] | New-HamletArchive -ConfigPath $args[0] -Verify",
                ConfigPath, protectedTree);

            AssertNoErrors(session);
            var archive = Assert.Single(output);
            string path = (string)archive.Properties["Path"].Value;
            Assert.StartsWith(Outgoing, path);
            Assert.Equal(inputs, (int)archive.Properties["EntryCount"].Value);
            Assert.True((bool)archive.Properties["Verified"].Value);
            string names = string.Join("\n", System.IO.Compression.ZipFile.OpenRead(path).Entries.Select(e => e.FullName));
            Assert.Contains(SampleData.MappedStudyId + "/", names);
            foreach (SyntheticPatient p in SampleData.Patients()) Assert.DoesNotContain(p.PatientId, names);
        }

        [Fact]
        public void NewHamletArchive_WhatIf_WritesNothing_AndPerPatientNamesArchivesByStudyId()
        {
            string protectedTree = Path.Combine(Root, "protected");
            string outgoing = Path.Combine(Root, "out");
            using var session = new PowerShellSession();
            session.Invoke("Protect-DicomPatient -Path $args[1] -ConfigPath $args[0] -Destination $args[2] | ForEach-Object { $null }",
                ConfigPath, Incoming, protectedTree);
            Assert.Empty(session.Errors);

            Assert.Empty(session.Invoke("New-HamletArchive $args[0] -Destination $args[1] -Site s1 -WhatIf", protectedTree, outgoing));
            Assert.False(Directory.Exists(outgoing) && Directory.EnumerateFiles(outgoing).Any());

            var perPatient = session.Invoke("New-HamletArchive $args[0] -Destination $args[1] -Site s1 -PerPatient", protectedTree, outgoing);
            Assert.Equal(2, perPatient.Count);
            Assert.Contains(perPatient, a => Path.GetFileName((string)a.Properties["Path"].Value) == SampleData.MappedStudyId + ".zip");
        }
    }
}
