using System;
using System.IO;
using System.Linq;
using HamletPS.Cli.Verbs;
using HamletPS.Core.Cleanup;
using HamletPS.Synthetic;
using Xunit;

namespace HamletPS.Cli.Tests
{
    /// <summary>`hamlet clear`: the same folder choices as Clear-HamletFolder's ValidateSet, never OUTGOING.</summary>
    public sealed class ClearVerbTests : ScratchFolderTest
    {
        public ClearVerbTests() : base("hamlet-clearverb-")
        {
            SampleData.Write(Root);
            Directory.CreateDirectory(Outgoing);
            File.WriteAllText(Path.Combine(Outgoing, "waiting.zip"), "not yet sent");
        }

        private string Config => Path.Combine(Root, "config.yaml");

        private string Incoming => Path.Combine(Root, "data", "incoming");

        private string Outgoing => Path.Combine(Root, "data", "outgoing");

        [Theory]
        [InlineData("Outgoing")]
        [InlineData("everything")]
        [InlineData("../data")]
        public void Parse_FolderOtherThanIncomingOrSorted_IsRejectedNamingTheChoices(string folder)
        {
            var parse = Program.BuildRootCommand().Parse(new[] { "clear", "--config-path", Config, "--folder", folder, "--force" });

            string error = Assert.Single(parse.Errors).Message;
            Assert.Contains("'" + folder + "'", error);
            Assert.Contains("Incoming or Sorted", error);
            Assert.Contains("OUTGOING is never cleared", error);
        }

        [Theory]
        [InlineData("Incoming")]
        [InlineData("sorted")]
        public void Parse_FolderChoices_AreCaseInsensitiveLikeValidateSet(string folder)
        {
            Assert.Empty(Program.BuildRootCommand().Parse(new[] { "clear", "--folder", folder, "Sorted" }).Errors);
        }

        [Fact]
        public void Parse_FolderOffersTheChoicesForCompletion()
        {
            var completions = Program.BuildRootCommand().Parse(new[] { "clear", "--folder", "" }).GetCompletions().Select(c => c.Label).ToList();
            Assert.Contains(ClearableFolder.Incoming, completions);
            Assert.Contains(ClearableFolder.Sorted, completions);
            Assert.DoesNotContain(completions, c => c.Equals("Outgoing", StringComparison.OrdinalIgnoreCase));
        }

        [Fact]
        public void CommandLine_WithAnInvalidFolder_FailsBeforeDeletingAnything()
        {
            int before = Directory.GetFiles(Root, "*", SearchOption.AllDirectories).Length;
            var stdout = new StringWriter();
            var stderr = new StringWriter();
            var parse = Program.BuildRootCommand().Parse(new[] { "clear", "--config-path", Config, "--folder", "Incoming", "Outgoing", "--force" });
            int code = parse.Invoke(new System.CommandLine.InvocationConfiguration { Output = stdout, Error = stderr });

            Assert.NotEqual(0, code);
            Assert.Contains("'Outgoing' is not a folder that can be cleared", stderr.ToString());
            Assert.Equal(before, Directory.GetFiles(Root, "*", SearchOption.AllDirectories).Length);
        }

        [Fact]
        public void Run_WithAnInvalidFolder_IsAUsageErrorAndDeletesNothing()
        {
            int before = Directory.GetFiles(Root, "*", SearchOption.AllDirectories).Length;
            var stderr = new StringWriter();

            int code = ClearVerb.Run(Config, new[] { "Incoming", "Outgoing" }, force: true, whatIf: false, json: false, new CliOutput(new StringWriter(), stderr));

            Assert.Equal(2, code);
            Assert.Contains("InvalidFolder", stderr.ToString());
            Assert.Equal(before, Directory.GetFiles(Root, "*", SearchOption.AllDirectories).Length);
        }

        [Fact]
        public void Run_ForceIncoming_EmptiesIncomingAndLeavesOutgoing()
        {
            var stdout = new StringWriter();
            int code = ClearVerb.Run(Config, new[] { "incoming" }, force: true, whatIf: false, json: false, new CliOutput(stdout, new StringWriter()));

            Assert.Equal(0, code);
            Assert.Empty(Directory.GetFiles(Incoming, "*", SearchOption.AllDirectories));
            Assert.True(File.Exists(Path.Combine(Outgoing, "waiting.zip")));
            Assert.Matches("^incoming: [1-9][0-9]* files deleted", stdout.ToString());
        }
    }
}
