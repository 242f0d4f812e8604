using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using Xunit;

namespace HamletPS.PowerShell.Tests.Commands
{
    public sealed class HamletConfigCommandTests : IDisposable
    {
        private readonly string _root = Path.Combine(Path.GetTempPath(), "hamlet-config-" + Guid.NewGuid().ToString("N"));

        public HamletConfigCommandTests() => Directory.CreateDirectory(_root);

        public void Dispose() => Directory.Delete(_root, true);

        [Fact]
        public void NewHamletConfig_WhatIf_WritesNothing()
        {
            using var session = new PowerShellSession();
            string path = Path.Combine(_root, "config.yaml");

            session.Invoke("New-HamletConfig -ConfigPath $args[0] -Site testsite -WhatIf", path);

            Assert.False(File.Exists(path));
            Assert.Empty(Directory.EnumerateFileSystemEntries(_root));
        }

        [Fact]
        public void NewHamletConfig_PipesIntoTestHamletConfig_WithoutErrors()
        {
            using var session = new PowerShellSession();
            string path = Path.Combine(_root, "config.yaml");

            var findings = session.Invoke("New-HamletConfig -ConfigPath $args[0] -Site testsite -User ab | Test-HamletConfig", path);

            Assert.Empty(session.Errors);
            Assert.DoesNotContain(findings, f => f.Properties["Severity"].Value.ToString() == "Error");
            Assert.True(Directory.Exists(Path.Combine(_root, "incoming")));
            Assert.True(File.Exists(Path.Combine(_root, "folderkey.txt")));
            Assert.DoesNotContain("FOLDERKEY:", File.ReadAllText(path).Replace("# FOLDERKEY:", ""));
        }

        [Fact]
        public void NewHamletConfig_ExistingFile_IsANonTerminatingConfigExistsError()
        {
            using var session = new PowerShellSession();
            string path = Path.Combine(_root, "config.yaml");
            File.WriteAllText(path, "keep me");

            session.Invoke("New-HamletConfig -ConfigPath $args[0] -Site testsite", path);

            Assert.Equal("ConfigExists,HamletPS.Commands.NewHamletConfigCommand", Assert.Single(session.Errors).FullyQualifiedErrorId);
            Assert.Equal("keep me", File.ReadAllText(path));
        }

        [Fact]
        public void GetHamletConfig_ReadsTheOldToolsFileUnchanged_FromTheCurrentLocation()
        {
            foreach (string folder in new[] { "incoming", "sorted", "outgoing" }) Directory.CreateDirectory(Path.Combine(_root, folder));
            string sep = Path.DirectorySeparatorChar.ToString();
            File.WriteAllText(Path.Combine(_root, "config.yaml"),
                "APP:\n  SITE: addenbrookes\n  USER: rj\nDATAPATH:\n" +
                "  INCOMING: " + Path.Combine(_root, "incoming") + sep + "\n" +
                "  SORTED: " + Path.Combine(_root, "sorted") + sep + "\n" +
                "  OUTGOING: " + Path.Combine(_root, "outgoing") + sep + "\n" +
                "DICOMNODE:\n  AET: HTPSCP\n  PORT: 5000\nCIPHER:\n  FOLDERKEY: Ab12Cd34Ef56Gh78Ij90\n" +
                "AZURE:\n  ACCOUNTNAME: hamletrtsample\n  SHARENAME: sample-incoming\n  SOMETHINGELSE: kept\n");
            using var session = new PowerShellSession();

            PSObject config = session.Invoke("$ExecutionContext.SessionState.Path.SetLocation($args[0]) > $null; Get-HamletConfig", _root).Single();

            dynamic c = config.BaseObject;
            Assert.Equal("addenbrookes", (string)c.App.Site);
            Assert.Equal(Path.Combine(_root, "incoming"), (string)c.DataPath.Incoming);
            Assert.Equal(5000, (int)c.DicomNode.Port);
            Assert.Equal("kept", (string)c.Azure.Values["SOMETHINGELSE"]);
        }

        [Fact]
        public void GetHamletConfig_MalformedYaml_StopsWithFileAndLine()
        {
            string path = Path.Combine(_root, "config.yaml");
            File.WriteAllText(path, "APP:\n  SITE: x\nDATAPATH:\n  INCOMING: [unclosed\n  SORTED: y\n");
            using var session = new PowerShellSession();

            // A terminating error stops the command (a statement-terminating error in a script): no object, one error.
            var output = session.Invoke("Get-HamletConfig -ConfigPath $args[0]", path);

            Assert.Empty(output);
            ErrorRecord error = Assert.Single(session.Errors);
            Assert.Equal("InvalidConfiguration,HamletPS.Commands.GetHamletConfigCommand", error.FullyQualifiedErrorId);
            Assert.Matches(@"config\.yaml:\d+", error.Exception.Message);
        }

        [Fact]
        public void TestHamletConfig_Quiet_IsFalseForAPortOutOfRange()
        {
            string path = Path.Combine(_root, "config.yaml");
            File.WriteAllText(path, "APP:\n  SITE: x\nDICOMNODE:\n  PORT: 70000\n");
            using var session = new PowerShellSession();

            Assert.False((bool)session.Invoke("Test-HamletConfig -ConfigPath $args[0] -Quiet", path).Single().BaseObject);
            var findings = session.Invoke("Test-HamletConfig -ConfigPath $args[0] | Where-Object Key -like '*PORT*'", path);
            Assert.Equal(4, (int)findings.First().Properties["Line"].Value);
        }
    }
}
