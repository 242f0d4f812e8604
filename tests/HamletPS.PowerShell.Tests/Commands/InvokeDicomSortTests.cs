using System;
using System.IO;
using System.Linq;
using Xunit;

namespace HamletPS.PowerShell.Tests.Commands
{
    public sealed class InvokeDicomSortTests : IDisposable
    {
        private readonly string _root = Path.Combine(Path.GetTempPath(), "hamlet-sort-" + Guid.NewGuid().ToString("N"));
        private string Incoming => Path.Combine(_root, "incoming");
        private string Sorted => Path.Combine(_root, "sorted");

        public void Dispose()
        {
            if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
        }

        private void WriteConfig()
        {
            Directory.CreateDirectory(Incoming);
            Directory.CreateDirectory(Sorted);
            Directory.CreateDirectory(Path.Combine(_root, "outgoing"));
            File.WriteAllText(Path.Combine(_root, "config.yaml"),
                "APP:\n  SITE: TESTSITE\n  USER: t1\nDATAPATH:\n  INCOMING: incoming/\n  SORTED: sorted/\n  OUTGOING: outgoing/\nCIPHER:\n  FOLDERKEY: abcdefghijklmnopqrstuvwxyz0123\n");
        }

        [Fact]
        public void InvokeDicomSort_FromConfig_SortsIncomingAndPipesSortedFilesIntoGetDicomFile()
        {
            WriteConfig();
            TestDicomFiles.Write(Path.Combine(Incoming, "a"), "SYN101", "CT", TestDicomFiles.CtImageStorage);
            TestDicomFiles.Write(Path.Combine(Incoming, "b"), "SYN101", "RTSTRUCT", TestDicomFiles.RtStructureSetStorage);
            using var session = new PowerShellSession();

            var summaries = session.Invoke("Invoke-DicomSort -ConfigPath $args[0] -SettleSeconds 0 | Get-DicomFile", Path.Combine(_root, "config.yaml"));

            Assert.Empty(session.Errors);
            Assert.Equal(2, summaries.Count);
            Assert.All(summaries, s => Assert.StartsWith(Path.Combine(Sorted, "SYN101") + Path.DirectorySeparatorChar, (string)s.Properties["Path"].Value));
            Assert.Empty(Directory.GetFiles(Incoming, "*", SearchOption.AllDirectories));
        }

        [Fact]
        public void InvokeDicomSort_WhatIf_WritesNothing()
        {
            string file = TestDicomFiles.Write(Incoming, "SYN102", "CT", TestDicomFiles.CtImageStorage);
            using var session = new PowerShellSession();

            var output = session.Invoke("Invoke-DicomSort -Path $args[0] -Destination $args[1] -SettleSeconds 0 -WhatIf", Incoming, Sorted);

            Assert.Empty(output);
            Assert.True(File.Exists(file));
            Assert.False(Directory.Exists(Sorted));
        }

        [Fact]
        public void InvokeDicomSort_BadFileAmongGoodOnes_IsANonTerminatingErrorAndTheRestAreSorted()
        {
            string good = TestDicomFiles.Write(Incoming, "SYN103", "CT", TestDicomFiles.CtImageStorage, "1.dcm");
            byte[] bytes = File.ReadAllBytes(good);
            File.WriteAllBytes(Path.Combine(Incoming, "2.dcm"), bytes.Take(bytes.Length - 7).ToArray());
            TestDicomFiles.Write(Incoming, "SYN103", "CT", TestDicomFiles.CtImageStorage, "3.dcm");
            File.WriteAllText(Path.Combine(Incoming, "readme.txt"), "not dicom");
            using var session = new PowerShellSession();

            var output = session.Invoke("Invoke-DicomSort $args[0] -Destination $args[1] -QuarantinePath $args[2] -SettleSeconds 0",
                Incoming, Sorted, Path.Combine(_root, "q"));

            Assert.Equal(2, output.Count);
            var error = Assert.Single(session.Errors);
            Assert.Equal("QuarantinedDicomFile,HamletPS.Commands.InvokeDicomSortCommand", error.FullyQualifiedErrorId);
            Assert.DoesNotContain("SYN103", error.Exception.Message);
            Assert.True(File.Exists(Path.Combine(_root, "q", "2.dcm.reason.txt")));
            Assert.Contains(session.Warnings, w => w.Message.StartsWith("NotDicom:", StringComparison.Ordinal));
            Assert.True(File.Exists(Path.Combine(Incoming, "readme.txt")));
        }

        [Fact]
        public void InvokeDicomSort_BindsPathByPropertyName_AndCopyLeavesTheSource()
        {
            string file = TestDicomFiles.Write(Incoming, "SYN104", "CT", TestDicomFiles.CtImageStorage);
            using var session = new PowerShellSession();

            var output = session.Invoke("[pscustomobject]@{ Path = $args[0] } | Invoke-DicomSort -Destination $args[1] -Copy -SettleSeconds 0", file, Sorted);

            var sorted = Assert.Single(output);
            Assert.Equal("Sorted", sorted.Properties["Status"].Value.ToString());
            Assert.Equal(file, sorted.Properties["Source"].Value);
            Assert.True(File.Exists(file));
        }

        [Fact]
        public void InvokeDicomSort_NoConfigAndNoDestination_IsATerminatingConfigurationError()
        {
            Directory.CreateDirectory(_root);
            using var session = new PowerShellSession();

            var output = session.Invoke("$null = $ExecutionContext.SessionState.Path.SetLocation($args[0]); $env:HAMLET_CONFIG = $null; Invoke-DicomSort -Path $args[0]; 'after'", _root);

            var error = Assert.Single(session.Errors);
            Assert.Equal("ConfigurationMissing,HamletPS.Commands.InvokeDicomSortCommand", error.FullyQualifiedErrorId);
            Assert.Contains("Destination", error.Exception.Message);
            Assert.Equal("after", Assert.Single(output).ToString());
        }
    }
}
