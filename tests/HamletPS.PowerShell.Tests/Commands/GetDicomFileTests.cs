using System;
using System.IO;
using System.Linq;
using Xunit;

namespace HamletPS.PowerShell.Tests.Commands
{
    public sealed class GetDicomFileTests : IDisposable
    {
        private readonly string _root = Path.Combine(Path.GetTempPath(), "hamlet-getdicom-" + Guid.NewGuid().ToString("N"));

        public void Dispose()
        {
            if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
        }

        [Fact]
        public void GetDicomFile_WithoutRecurse_ReadsOnlyTheTopFolder()
        {
            TestDicomFiles.Write(_root, "SYN001", "CT", TestDicomFiles.CtImageStorage);
            TestDicomFiles.Write(Path.Combine(_root, "sub"), "SYN001", "CT", TestDicomFiles.CtImageStorage);
            using var session = new PowerShellSession();

            Assert.Single(session.Invoke("Get-DicomFile $args[0]", _root));
        }

        [Fact]
        public void GetDicomFile_OutputPipesIntoItselfByPathProperty()
        {
            string file = TestDicomFiles.Write(_root, "SYN003", "CT", TestDicomFiles.CtImageStorage);
            using var session = new PowerShellSession();

            var rows = session.Invoke("Get-DicomFile $args[0] | Get-DicomFile -Elements | Where-Object Keyword -eq 'PatientID'", file);

            Assert.Equal("SYN003", rows.Single().Properties["Value"].Value);
        }

        [Fact]
        public void GetDicomFile_MissingPath_IsPathNotFound()
        {
            using var session = new PowerShellSession();

            session.Invoke("Get-DicomFile -Path $args[0]", Path.Combine(_root, "nothing-here"));

            Assert.Equal("PathNotFound,HamletPS.Commands.GetDicomFileCommand", Assert.Single(session.Errors).FullyQualifiedErrorId);
        }

        [Fact]
        public void GetDicomFile_FileItemWithPSPathAndFullName_BindsLiterally_EvenWithBrackets()
        {
            // What Get-ChildItem emits: FullName and PSPath. "[1]" would be a wildcard for -Path.
            string file = TestDicomFiles.Write(_root, "SYN006", "CT", TestDicomFiles.CtImageStorage, "scan[1].dcm");
            using var session = new PowerShellSession();

            var output = session.Invoke(
                "[pscustomobject]@{ FullName = $args[0]; PSPath = 'Microsoft.PowerShell.Core\\FileSystem::' + $args[0] } | Get-DicomFile", file);

            Assert.Empty(session.Errors);
            Assert.Equal("SYN006", output.Single().Properties["PatientID"].Value);
        }

        [Fact]
        public void GetDicomFile_LiteralPath_TakesBracketsLiterally()
        {
            string file = TestDicomFiles.Write(_root, "SYN005", "CT", TestDicomFiles.CtImageStorage, "scan[1].dcm");
            using var session = new PowerShellSession();

            var output = session.Invoke("Get-DicomFile -LiteralPath $args[0]", file);

            Assert.Equal("SYN005", output.Single().Properties["PatientID"].Value);
        }
    }
}
