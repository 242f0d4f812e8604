using System.CommandLine;
using System.Linq;
using HamletPS.Cli.Verbs;
using Xunit;

namespace HamletPS.Cli.Tests
{
    /// <summary>
    /// hamlet builds only the verb a run names; the whole tree for anything else. The partial tree must parse a verb's command
    /// line exactly as the whole tree does.
    /// </summary>
    public sealed class CommandTreeTests
    {
        [Fact]
        public void EveryCataloguedName_IsTheNameOfTheCommandItsFactoryBuilds()
        {
            var names = VerbCatalog.Names().ToList();
            Assert.Equal(26, names.Count);   // one more with each new verb: a catalogue that lost an entry fails here
            foreach (var (catalogued, built) in names) Assert.Equal(catalogued, built);
        }

        [Theory]
        [InlineData("inspect")]
        [InlineData("protect")]
        [InlineData("send-azure")]
        [InlineData("receive")]
        public void AVerbAsFirstArgument_BuildsThatVerbAlone(string verb)
        {
            RootCommand root = Program.BuildRootCommandFor(verb);
            Assert.Equal(new[] { verb }, root.Subcommands.Select(c => c.Name));
            Command whole = Program.BuildRootCommand().Subcommands.Single(c => c.Name == verb);
            Assert.Equal(whole.Options.Select(o => o.Name), root.Subcommands[0].Options.Select(o => o.Name));
            Assert.Equal(whole.Arguments.Select(a => a.Name), root.Subcommands[0].Arguments.Select(a => a.Name));
        }

        [Fact]
        public void ConfigAsFirstArgument_BuildsTheConfigGroupWithItsThreeVerbs()
        {
            RootCommand root = Program.BuildRootCommandFor("config");
            Command config = Assert.Single(root.Subcommands);
            Assert.Equal(new[] { "show", "new", "test" }, config.Subcommands.Select(c => c.Name));
        }

        [Theory]
        [InlineData("--help")]
        [InlineData("--version")]
        [InlineData("inspekt")]   // a typo: the whole tree, so the parser can suggest "inspect"
        [InlineData("show")]      // a verb under a parent is not a top-level verb
        [InlineData("")]
        public void AnythingElseAsFirstArgument_BuildsTheWholeTree(string first)
        {
            Assert.Equal(Program.BuildRootCommand().Subcommands.Select(c => c.Name), Program.BuildRootCommandFor(first).Subcommands.Select(c => c.Name));
        }

        [Fact]
        public void AVerbsCommandLine_ParsesTheSameWithThePartialTree()
        {
            string[] args = { "inspect", "a.dcm", "b", "--recurse", "--filter", "*.dcm", "--json" };
            ParseResult partial = Program.BuildRootCommandFor("inspect").Parse(args), whole = Program.BuildRootCommand().Parse(args);
            Assert.Empty(partial.Errors);
            Assert.Equal(whole.CommandResult.Command.Name, partial.CommandResult.Command.Name);
            Assert.Equal(whole.Tokens.Select(t => t.Value + ":" + t.Type), partial.Tokens.Select(t => t.Value + ":" + t.Type));
            Assert.NotEmpty(Program.BuildRootCommandFor("inspect").Parse(new[] { "inspect", "--json" }).Errors); // no path: an error, as with the whole tree
            Assert.NotEmpty(Program.BuildRootCommand().Parse(new[] { "inspect", "--json" }).Errors);
        }
    }
}
