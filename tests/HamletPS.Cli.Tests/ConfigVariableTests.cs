using System.Collections.Generic;
using System.IO;
using Xunit;

namespace HamletPS.Cli.Tests
{
    /// <summary>
    /// $HAMLET_CONFIG names a configuration: a named file must exist, for every verb whose configuration is otherwise optional
    /// (the same rule and ErrorId as the cmdlets: ConfigNotFound). Run as a process of its own: the variable is process-wide.
    /// </summary>
    public sealed class ConfigVariableTests : ScratchFolderTest
    {
        public ConfigVariableTests() : base("hamlet-configvar-") { }

        [Theory]
        [InlineData("sort {in} --destination {out} --settle-seconds 0")]
        [InlineData("archive {in} --destination {out} --site s1")]
        [InlineData("protect {in} --destination {out}")]
        [InlineData("receive --path {out} --what-if")]
        [InlineData("retrieve 127.0.0.1 --port 1 --study-instance-uid 1.2.3")]
        public void HamletConfigNamingAMissingFile_FailsWithConfigNotFound_AndWritesNothing(string commandLine)
        {
            Directory.CreateDirectory(Path.Combine(Root, "in"));
            string missing = Path.Combine(Root, "missing.yaml");
            string output = Path.Combine(Root, "out");
            var environment = new Dictionary<string, string> { ["HAMLET_CONFIG"] = missing };
            string[] args = commandLine.Replace("{in}", Path.Combine(Root, "in")).Replace("{out}", output).Split(' ');

            HamletExecutables.Run run = HamletExecutables.Start(false, Root, environment, args);

            Assert.True(run.Code == 2, run.ToString());
            Assert.Contains("error: ConfigNotFound:", run.Err);
            Assert.Contains(missing, run.Err);
            Assert.False(Directory.Exists(output));
        }
    }
}
