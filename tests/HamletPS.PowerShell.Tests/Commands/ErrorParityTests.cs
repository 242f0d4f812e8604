using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Management.Automation;
using Xunit;

namespace HamletPS.PowerShell.Tests.Commands
{
    /// <summary>
    /// Issue 17, findings 2 and 4, across both faces: the cmdlet and `hamlet` report one condition with one ErrorId, and each
    /// names its own parameters (-ConnectionString / --connection-string). `hamlet` runs as the managed build next to the module.
    /// </summary>
    public sealed class ErrorParityTests : IDisposable
    {
        private readonly string _root = Path.Combine(Path.GetTempPath(), "hamlet-error-parity-" + Guid.NewGuid().ToString("N"));

        public ErrorParityTests() => Directory.CreateDirectory(_root);

        public void Dispose() => Directory.Delete(_root, true);

        /// <summary>hamlet.dll of the managed build (as CliParityTests reads it), run with dotnet in an empty folder.</summary>
        private (int Code, string Err) Hamlet(params string[] args)
        {
            string cli = Path.Combine(ModuleLayout.RepoRoot, "src", "HamletPS.Cli", "bin", "Release", "net10.0", "hamlet.dll");
            Assert.True(File.Exists(cli), "build the CLI first: " + cli);
            var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = _root };
            psi.ArgumentList.Add(cli);
            foreach (string a in args) psi.ArgumentList.Add(a);
            foreach (string v in new[] { "HAMLET_CONFIG", "HAMLET_STORAGE_CONNECTION_STRING", "HAMLET_STORAGE_SAS", "HAMLET_STORAGE_KEY", "HAMLET_AZURE_ACCESS_TOKEN" })
                psi.Environment.Remove(v);
            psi.Environment["HAMLET_TEST_SITE_KEY"] = "Synthetic0Test1Site2Key3ABCDEFGH";
            using Process p = Process.Start(psi);
            p.StandardOutput.ReadToEndAsync();
            string err = p.StandardError.ReadToEnd();
            Assert.True(p.WaitForExit(60_000), "hamlet did not end");
            return (p.ExitCode, err);
        }

        private static string ErrorIdOf(string hamletError) => hamletError.StartsWith("error: ", StringComparison.Ordinal) ? hamletError.Substring(7).Split(':')[0] : hamletError;

        [Fact]
        public void AMalformedProfile_IsInvalidProfile_FromProtectDicomPatientAndFromHamletProtect()
        {
            string profile = Path.Combine(_root, "bad-profile.yaml");
            File.WriteAllText(profile, "name: x\noptions: [RetainLongitudinalFullDates, RetainLongitudinalModifiedDates]\n");
            string input = Path.Combine(_root, "in");
            new HamletPS.Synthetic.CanaryStudy(new HamletPS.Synthetic.RtStudyOptions { Slices = 1, ImageSize = 16 }).Write(input);
            string destination = Path.Combine(_root, "out");

            using var session = new PowerShellSession();
            var caught = session.Invoke(
                "[void]$ExecutionContext.SessionState.Path.SetLocation($args[3]); " +
                "$key = [System.Security.SecureString]::new(); foreach ($c in 'Synthetic0Test1Site2Key3ABCDEFGH'.ToCharArray()) { $key.AppendChar($c) }; " +
                "try { Protect-DicomPatient -LiteralPath $args[0] -Destination $args[1] -Profile $args[2] -Key $key -ErrorAction Stop } catch { $_.FullyQualifiedErrorId }",
                input, destination, profile, _root);
            string cmdletId = Assert.Single(caught).BaseObject.ToString().Split(',')[0];

            var (code, err) = Hamlet("protect", input, "--destination", destination, "--profile", profile, "--key", "HAMLET_TEST_SITE_KEY");

            Assert.Equal("InvalidProfile", cmdletId);
            Assert.Equal(2, code);
            Assert.Equal(cmdletId, ErrorIdOf(err));
            Assert.False(Directory.Exists(destination));
        }

        [Fact]
        public void NoStorageCredentials_EachFaceNamesItsOwnParameters()
        {
            string file = Path.Combine(_root, "a.zip");
            File.WriteAllBytes(file, new byte[16]);

            using var session = new PowerShellSession();
            var caught = session.Invoke(
                "[void]$ExecutionContext.SessionState.Path.SetLocation($args[1]); " +
                "foreach ($v in 'HAMLET_CONFIG', 'HAMLET_STORAGE_CONNECTION_STRING', 'HAMLET_STORAGE_SAS', 'HAMLET_STORAGE_KEY', 'HAMLET_AZURE_ACCESS_TOKEN') { [Environment]::SetEnvironmentVariable($v, $null) }; " +
                "try { Send-AzureShare -LiteralPath $args[0] -Share incoming -ErrorAction Stop } catch { $_ }",
                file, _root);
            var record = (ErrorRecord)Assert.Single(caught).BaseObject;
            var (code, err) = Hamlet("send-azure", file, "--share", "incoming");

            Assert.Equal("NoStorageCredentials,HamletPS.Commands.SendAzureShareCommand", record.FullyQualifiedErrorId);
            Assert.Contains("-ConnectionString", record.Exception.Message);
            Assert.Contains("-AccountKey", record.Exception.Message);
            Assert.DoesNotContain("--", record.Exception.Message);
            Assert.Equal(2, code);
            Assert.Equal("NoStorageCredentials", ErrorIdOf(err));
            Assert.Contains("--connection-string", err);
            Assert.Contains("--account-key", err);
            Assert.DoesNotContain("-ConnectionString", err);
        }
    }
}
