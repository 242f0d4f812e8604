using System;
using System.IO;
using System.Linq;
using Xunit;

namespace HamletPS.PowerShell.Tests.Commands
{
    /// <summary>Test-HamletConfig names the file and line of each error issue #5 lists (bad YAML, unknown section, missing folder,
    /// port out of range, key not longer than the longest MRN in mapping.csv).</summary>
    public sealed class TestHamletConfigFindingsTests : IDisposable
    {
        private readonly string _root = Path.Combine(Path.GetTempPath(), "hamlet-testconfig-" + Guid.NewGuid().ToString("N"));

        public void Dispose()
        {
            if (Directory.Exists(_root)) Directory.Delete(_root, true);
        }

        /// <summary>A complete site (folders relative to the file) plus <paramref name="extra"/> from line 13 on.</summary>
        private string Site(string extra = "", string port = "104")
        {
            foreach (string f in new[] { "in", "sorted", "out" }) Directory.CreateDirectory(Path.Combine(_root, f));
            string path = Path.Combine(_root, "config.yaml");
            File.WriteAllText(path, "APP:\n  SITE: testsite\n  USER: ab\nDATAPATH:\n  INCOMING: in/\n  SORTED: sorted/\n  OUTGOING: out/\n" +
                                    "DICOMNODE:\n  AET: HAMLET\n  PORT: " + port + "\nCIPHER:\n  FOLDERKEY: Abcdef123456XYZ\n" + extra);
            return path;
        }

        [Theory]
        [InlineData("unknown section", 13, null)]
        [InlineData("port out of range", 10, "DICOMNODE.PORT")]
        [InlineData("missing folder", 6, "DATAPATH.SORTED")]
        [InlineData("key not longer than the longest MRN", 12, "CIPHER.FOLDERKEY")]
        [InlineData("malformed YAML", 3, null)]
        public void TestHamletConfig_ReportsTheErrorWithFileAndLine(string problem, int line, string key)
        {
            string path = problem switch
            {
                "unknown section" => Site("DATAPTH:\n  INCOMING: x\n"),
                "port out of range" => Site(port: "70000"),
                "key not longer than the longest MRN" => Site("HAMLET:\n  PSEUDONYM: VIGENERE\n"),
                _ => Site(),
            };
            if (problem == "missing folder") Directory.Delete(Path.Combine(_root, "sorted"));
            if (problem == "key not longer than the longest MRN") File.WriteAllText(Path.Combine(_root, "mapping.csv"), "MRN,Study_ID\n123456789012345,180_1001\n");
            if (problem == "malformed YAML") File.WriteAllText(path, "APP:\n  SITE: s\n   USER: x\n  bad\n");
            using var session = new PowerShellSession();

            Assert.False((bool)session.Invoke("Test-HamletConfig -ConfigPath $args[0] -Quiet", path).Single().BaseObject);
            var errors = session.Invoke("Test-HamletConfig -ConfigPath $args[0] | Where-Object { $_.Severity.ToString() -eq 'Error' }", path);

            var error = Assert.Single(errors);
            Assert.Equal(path, error.Properties["File"].Value);
            Assert.Equal(line, (int)error.Properties["Line"].Value);
            if (key != null) Assert.Equal(key, error.Properties["Key"].Value);
        }
    }
}
