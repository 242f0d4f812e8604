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

            Assert.Empty(session.Invoke("New-HamletArchive $args[0] -Destination $args[1] -Site s1 -ConfigPath $args[2] -WhatIf", protectedTree, outgoing, ConfigPath));
            Assert.False(Directory.Exists(outgoing) && Directory.EnumerateFiles(outgoing).Any());

            var perPatient = session.Invoke("New-HamletArchive $args[0] -Destination $args[1] -Site s1 -ConfigPath $args[2] -PerPatient", protectedTree, outgoing, ConfigPath);
            Assert.Equal(2, perPatient.Count);
            Assert.Contains(perPatient, a => Path.GetFileName((string)a.Properties["Path"].Value) == SampleData.MappedStudyId + ".zip");
        }
    

        [Fact]
        public void NewHamletArchive_WithoutTheSiteSecret_StopsWithSiteKeyRequired_AndAPlantedFileIsRefusedAsFileNotSealed()
        {
            string protectedTree = Path.Combine(Root, "protected");
            string outgoing = Path.Combine(Root, "out");
            using var session = new PowerShellSession();
            session.Invoke("Protect-DicomPatient -Path $args[1] -ConfigPath $args[0] -Destination $args[2] | ForEach-Object { $null }",
                ConfigPath, Incoming, protectedTree);
            Assert.Empty(session.Errors);

            var stopped = session.Invoke("try { New-HamletArchive $args[0] -Destination $args[1] -Site s1 } catch { $_.FullyQualifiedErrorId }", protectedTree, outgoing);
            Assert.Equal("SiteKeyRequired,HamletPS.Commands.NewHamletArchiveCommand", Assert.Single(stopped).BaseObject);

            string original = FilesBelow(Incoming).First(f => f.EndsWith(".dcm", System.StringComparison.Ordinal));
            var forged = HamletPS.Dicom.Data.DicomFile.Open(original);
            forged.Dataset.AddOrUpdate(HamletPS.Dicom.Dictionary.DicomTags.PatientIdentityRemoved, "YES");
            forged.Save(Path.Combine(Directory.GetDirectories(protectedTree).First(), "planted.dcm"));
            Assert.Empty(session.Invoke("New-HamletArchive $args[0] -Destination $args[1] -Site s1 -ConfigPath $args[2]", protectedTree, outgoing, ConfigPath));
            Assert.Contains(session.Errors, e => e.FullyQualifiedErrorId == "FileNotSealed,HamletPS.Commands.NewHamletArchiveCommand");
            Assert.Contains(session.Errors, e => e.FullyQualifiedErrorId == "ArchiveRefused,HamletPS.Commands.NewHamletArchiveCommand");
            Assert.False(Directory.Exists(outgoing) && Directory.EnumerateFiles(outgoing).Any());
        }
    }
}
