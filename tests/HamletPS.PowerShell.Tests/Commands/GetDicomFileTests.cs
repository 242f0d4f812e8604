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
        public void GetDicomFile_ErrorRecordOfAFileNamedWithControlCharacters_ShowsThemEscaped()
        {
            Directory.CreateDirectory(_root);
            string hostile = Path.Combine(_root, "x\nWARNING: forged \u001b[31mred.dcm");
            File.WriteAllBytes(hostile, new byte[200]); // not DICOM: an InvalidDicomFile error naming the file
            using var session = new PowerShellSession();

            session.Invoke("Get-DicomFile -LiteralPath $args[0]", hostile);

            var error = Assert.Single(session.Errors);
            string shown = error.ErrorDetails?.Message ?? error.Exception.Message;
            Assert.Contains("x\\x0AWARNING: forged \\x1B[31mred.dcm", shown);
            Assert.DoesNotContain('\n', shown);
            Assert.DoesNotContain('\u001b', shown);
        }

        [Fact]
        public void GetDicomFile_RecursesAndFiltersByModalityInThePipeline()
        {
            TestDicomFiles.Write(Path.Combine(_root, "a"), "SYN001", "CT", TestDicomFiles.CtImageStorage);
            TestDicomFiles.Write(Path.Combine(_root, "a", "deeper"), "SYN001", "CT", TestDicomFiles.CtImageStorage);
            TestDicomFiles.Write(Path.Combine(_root, "b"), "SYN001", "RTSTRUCT", TestDicomFiles.RtStructureSetStorage);
            using var session = new PowerShellSession();

            var cts = session.Invoke("Get-DicomFile -Path $args[0] -Recurse | Where-Object Modality -eq 'CT'", _root);

            Assert.Equal(2, cts.Count);
            Assert.All(cts, o => Assert.Equal("CT Image Storage", o.Properties["SOPClassName"].Value));
            Assert.Empty(session.Errors);
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
        public void GetDicomFile_BindsFullNameByPropertyName()
        {
            string file = TestDicomFiles.Write(_root, "SYN002", "CT", TestDicomFiles.CtImageStorage);
            using var session = new PowerShellSession();

            var fromFileInfo = session.Invoke("[System.IO.FileInfo]::new($args[0]) | Get-DicomFile", file).Single();
            var fromCustom = session.Invoke("[pscustomobject]@{ FullName = $args[0] } | Get-DicomFile", file).Single();

            Assert.Equal(file, fromFileInfo.Properties["Path"].Value);
            Assert.Equal("SYN002", fromCustom.Properties["PatientID"].Value);
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
        public void GetDicomFile_BrokenFileAmongGoodOnes_IsANonTerminatingErrorAndTheRestStreamOut()
        {
            string good1 = TestDicomFiles.Write(_root, "SYN004", "CT", TestDicomFiles.CtImageStorage, "1.dcm");
            string broken = Path.Combine(_root, "2.dcm");
            byte[] bytes = File.ReadAllBytes(good1);
            File.WriteAllBytes(broken, bytes.Take(bytes.Length - 7).ToArray()); // truncated inside the last element
            TestDicomFiles.Write(_root, "SYN004", "CT", TestDicomFiles.CtImageStorage, "3.dcm");
            using var session = new PowerShellSession();

            var output = session.Invoke("Get-DicomFile -Path $args[0]", _root);

            Assert.True(output.Count == 2, string.Join(" | ", session.Errors.Select(e => e.FullyQualifiedErrorId + ": " + e.Exception)));
            var error = Assert.Single(session.Errors);
            Assert.Equal("InvalidDicomFile,HamletPS.Commands.GetDicomFileCommand", error.FullyQualifiedErrorId);
            Assert.Equal(broken, error.TargetObject);
            Assert.Equal(System.Management.Automation.ErrorCategory.InvalidData, error.CategoryInfo.Category);
            Assert.Contains("2.dcm", error.Exception.Message);
            Assert.Contains("byte offset", error.Exception.Message);
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
