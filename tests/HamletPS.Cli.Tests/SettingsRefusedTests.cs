using System;
using System.IO;
using System.Linq;
using HamletPS.Cli.Verbs;
using HamletPS.Core.Deidentification;
using HamletPS.Synthetic;
using Xunit;

namespace HamletPS.Cli.Tests
{
    /// <summary>Issue 14, findings 8 and 10: unusable settings are refused with exit 2 before anything moves, and --key's text
    /// is never echoed.</summary>
    public sealed class SettingsRefusedTests : ScratchFolderTest
    {
        public SettingsRefusedTests() : base("hamlet-settings-") { }

        private string[] Incoming() => Directory.GetFiles(Path.Combine(Root, "data", "incoming"), "*", SearchOption.AllDirectories).OrderBy(f => f).ToArray();

        [Fact]
        public void Process_TwoRowsForOneMrnWithDifferentStudyIds_ExitsTwoNamingTheLineAndMovesNothing()
        {
            SampleData.Write(Root);
            string mrn = SampleData.Patients()[0].PatientId;
            File.WriteAllText(Path.Combine(Root, "mapping.csv"), "MRN,Study_ID\r\n" + mrn + ",180_0001\r\n" + mrn + ",180_0002\r\n");
            string[] before = Incoming();
            var stdout = new StringWriter();
            var stderr = new StringWriter();

            int code = ProcessVerb.Run(new ProcessVerb.Arguments { ConfigPath = Path.Combine(Root, "config.yaml"), SettleSeconds = 0 }, new CliOutput(stdout, stderr));

            Assert.Equal(2, code);
            Assert.Contains("mapping.csv:3", stderr.ToString());
            Assert.Contains("nothing was moved", stderr.ToString());
            Assert.DoesNotContain(mrn, stdout.ToString() + stderr.ToString());
            Assert.Equal(before, Incoming());
            Assert.False(Directory.Exists(Path.Combine(Root, "data", "sorted")));
        }

        [Fact]
        public void Process_AConfiguredMappingFileThatIsMissing_ExitsTwoAndMovesNothing()
        {
            SampleData.Write(Root);
            File.AppendAllText(Path.Combine(Root, "config.yaml"), "HAMLET:\n  MAPPINGFILE: site-lists/mapping.csv\n");
            string[] before = Incoming();
            var stderr = new StringWriter();

            int code = ProcessVerb.Run(new ProcessVerb.Arguments { ConfigPath = Path.Combine(Root, "config.yaml"), SettleSeconds = 0 }, new CliOutput(new StringWriter(), stderr));

            Assert.Equal(2, code);
            Assert.Contains("does not exist", stderr.ToString());
            Assert.Equal(before, Incoming());
        }

        [Fact]
        public void Protect_AConfiguredMappingFileThatIsMissing_ExitsTwoAndWritesNothing()
        {
            SampleData.Write(Root);
            File.AppendAllText(Path.Combine(Root, "config.yaml"), "HAMLET:\n  MAPPINGFILE: site-lists/mapping.csv\n");
            string destination = Path.Combine(Root, "protected-out");
            var stderr = new StringWriter();

            int code = ProtectVerbs.RunProtect(new[] { Path.Combine(Root, "data", "incoming") }, Path.Combine(Root, "config.yaml"),
                new ProtectionRequest { Destination = destination }, false, new CliOutput(new StringWriter(), stderr));

            Assert.Equal(2, code);
            Assert.Contains("does not exist", stderr.ToString());
            Assert.False(Directory.Exists(destination) && Directory.EnumerateFiles(destination, "*", SearchOption.AllDirectories).Any());
        }

        [Theory]
        [InlineData("NOT_A_SET_VARIABLE_4711")]
        [InlineData("my actual secret: hunter2!")]
        public void Protect_KeyNamingNoSetVariable_ExitsTwoWithoutEchoingIt(string keyText)
        {
            var stdout = new StringWriter();
            var stderr = new StringWriter();

            int code = ProtectVerbs.RunProtect(new[] { Root }, null, new ProtectionRequest { Destination = Path.Combine(Root, "out") }, false,
                new CliOutput(stdout, stderr), keyVariable: keyText);

            Assert.Equal(2, code);
            Assert.Contains("--key names an environment variable that is not set", stderr.ToString());
            Assert.DoesNotContain(keyText, stdout.ToString() + stderr.ToString());
            Assert.DoesNotContain("4711", stderr.ToString());
            Assert.DoesNotContain("hunter2", stderr.ToString());
        }
    }
}
