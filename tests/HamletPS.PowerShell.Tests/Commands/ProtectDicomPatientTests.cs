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
        private readonly TempFolder _temp = new TempFolder("protect");
        private string _root => _temp.Path;

        public void Dispose() => _temp.Dispose();

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
    }
}
