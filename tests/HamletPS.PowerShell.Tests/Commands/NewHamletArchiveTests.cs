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
