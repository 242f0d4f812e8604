using System;
using System.IO;
using System.Linq;
using HamletPS.Dicom.Data;
using HamletPS.Dicom.Dictionary;
using HamletPS.Synthetic;
using Xunit;

namespace HamletPS.PowerShell.Tests.Commands
{
    public sealed class ProtectDicomPatientTests : IDisposable
    {
        private const string KeyScript = "$k = [System.Security.SecureString]::new(); 'Synthetic0Test1Site2Key3ABCDEFGH'.ToCharArray() | ForEach-Object { $k.AppendChar($_) }; ";
        private readonly string _root = Path.Combine(Path.GetTempPath(), "hamlet-protect-" + Guid.NewGuid().ToString("N"));

        public void Dispose() => Directory.Delete(_root, true);

        [Fact]
        public void ProtectDicomPatient_CanaryStudy_LeavesNoCanaryInTheOutput_AndUnprotectRestoresThePatient()
        {
            var canary = new CanaryStudy(new RtStudyOptions { Slices = 3, ImageSize = 32 });
            string input = Path.Combine(_root, "in");
            canary.Write(input);
            string output = Path.Combine(_root, "out");
            string vault = Path.Combine(_root, "vault");
            using var session = new PowerShellSession();

            var results = session.Invoke(KeyScript + "Protect-DicomPatient -Path $args[0] -Destination $args[1] -VaultPath $args[2] -Key $k",
                input, output, vault);

            Assert.Empty(session.Errors);
            Assert.NotEmpty(results);
            Assert.All(results, r => Assert.Equal("Protected", r.Properties["Status"].Value.ToString()));
            Assert.Empty(canary.Scan(output));
            Assert.Contains(session.Information, i => i.MessageData.ToString().Contains("pseudonymised"));
            Assert.DoesNotContain(session.Information, i => i.MessageData.ToString().Contains(CanaryStudy.PatientId));

            string record = Directory.GetFiles(vault, "*.hpv").Single();
            string restored = Path.Combine(_root, "restored");
            var back = session.Invoke(KeyScript + "Get-DicomFile -Path $args[0] -Recurse | Unprotect-DicomPatient -Destination $args[1] -VaultPath $args[2] -Key $k",
                output, restored, record);

            Assert.Empty(session.Errors);
            Assert.Equal(results.Count, back.Count);
            string anyRestored = back.First().Properties["DestinationPath"].Value.ToString();
            Assert.Equal(CanaryStudy.PatientId, DicomFile.Open(anyRestored).Dataset.GetString(DicomTags.PatientID));
        }

        [Fact]
        public void ProtectDicomPatient_WhatIf_WritesNothing()
        {
            new CanaryStudy(new RtStudyOptions { Slices = 2, ImageSize = 16 }).Write(Path.Combine(_root, "in"));
            using var session = new PowerShellSession();

            session.Invoke(KeyScript + "Protect-DicomPatient -Path $args[0] -Destination $args[1] -VaultPath $args[2] -Key $k -WhatIf",
                Path.Combine(_root, "in"), Path.Combine(_root, "out"), Path.Combine(_root, "vault"));

            Assert.False(Directory.Exists(Path.Combine(_root, "out")));
            Assert.False(Directory.Exists(Path.Combine(_root, "vault")));
        }

        [Fact]
        public void UnprotectDicomPatient_RecordFolderOfTwoRuns_RestoresEveryFileElementForElement()
        {
            var canary = new CanaryStudy(new RtStudyOptions { Slices = 2, ImageSize = 16 });
            RtStudy study = canary.Write(Path.Combine(_root, "in"));
            string ctFolder = Path.GetDirectoryName(study.Files.First(f => f.Kind == RtObjectKind.CtImage).Path);
            string[] rest = study.Files.Where(f => Path.GetDirectoryName(f.Path) != ctFolder).Select(f => f.Path).ToArray();
            string output = Path.Combine(_root, "out"), vault = Path.Combine(_root, "vault"), restored = Path.Combine(_root, "restored");
            using var session = new PowerShellSession();
            session.Invoke(KeyScript + "Protect-DicomPatient -LiteralPath $args[0] -Destination $args[1] -VaultPath $args[2] -Key $k | Out-Null; " +
                                       "Protect-DicomPatient -LiteralPath $args[3] -Destination $args[1] -VaultPath $args[2] -Key $k | Out-Null",
                ctFolder, output, vault, rest);
            Assert.Empty(session.Errors);
            Assert.Equal(2, Directory.GetFiles(vault, "*.hpv").Length);

            var back = session.Invoke(KeyScript + "Unprotect-DicomPatient -Path $args[0] -Destination $args[1] -VaultPath $args[2] -Key $k", output, restored, vault);

            Assert.Empty(session.Errors);
            Assert.Empty(session.Warnings);
            Assert.Equal(study.Files.Count, back.Count);
            Assert.All(back, r => Assert.Equal("Restored", r.Properties["Status"].Value.ToString()));
            foreach (var r in back)
            {
                DicomDataset restoredSet = DicomFile.Open(r.Properties["DestinationPath"].Value.ToString()).Dataset;
                RtStudyFile original = study.Files.Single(f => f.SopInstanceUid == restoredSet.GetUid(DicomTags.SOPInstanceUID));
                DicomDataset originalSet = DicomFile.Open(original.Path).Dataset;
                foreach (DicomTag tag in new[] { DicomTags.PatientID, DicomTags.PatientName, DicomTags.PatientBirthDate, DicomTags.StationName,
                                                  DicomTags.StudyInstanceUID, DicomTags.StudyDate, DicomTags.InstitutionName })
                    Assert.Equal(originalSet.GetString(tag), restoredSet.GetString(tag));
            }
        }

        [Fact]
        public void UnprotectDicomPatient_WrongKey_StopsBeforeWritingAnything()
        {
            var canary = new CanaryStudy(new RtStudyOptions { Slices = 2, ImageSize = 16 });
            canary.Write(Path.Combine(_root, "in"));
            using var session = new PowerShellSession();
            session.Invoke(KeyScript + "Protect-DicomPatient -Path $args[0] -Destination $args[1] -VaultPath $args[2] -Key $k",
                Path.Combine(_root, "in"), Path.Combine(_root, "out"), Path.Combine(_root, "vault"));
            string record = Directory.GetFiles(Path.Combine(_root, "vault"), "*.hpv").Single();

            // The record folder and the single record file are both refused with the wrong key.
            session.Invoke("$w = [System.Security.SecureString]::new(); 'WrongWrongWrongWrongWrong'.ToCharArray() | ForEach-Object { $w.AppendChar($_) }; " +
                           "Unprotect-DicomPatient -Path $args[0] -Destination $args[1] -VaultPath $args[2] -Key $w",
                Path.Combine(_root, "out"), Path.Combine(_root, "restored"), Path.Combine(_root, "vault"));
            Assert.Equal("VaultKeyMismatch,HamletPS.Commands.UnprotectDicomPatientCommand", Assert.Single(session.Errors).FullyQualifiedErrorId);
            Assert.Contains("different site key", session.Errors[0].Exception.Message);
            Assert.False(Directory.Exists(Path.Combine(_root, "restored")));

            session.Invoke("$w = [System.Security.SecureString]::new(); 'WrongWrongWrongWrongWrong'.ToCharArray() | ForEach-Object { $w.AppendChar($_) }; " +
                           "Unprotect-DicomPatient -Path $args[0] -Destination $args[1] -VaultPath $args[2] -Key $w",
                Path.Combine(_root, "out"), Path.Combine(_root, "restored"), record);

            Assert.Equal("VaultKeyMismatch,HamletPS.Commands.UnprotectDicomPatientCommand", Assert.Single(session.Errors).FullyQualifiedErrorId);
            Assert.False(Directory.Exists(Path.Combine(_root, "restored")));
        }
    }
}
