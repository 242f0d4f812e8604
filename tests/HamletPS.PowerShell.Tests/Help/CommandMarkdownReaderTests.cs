using System;
using System.IO;
using System.Linq;
using HamletPS.Generators.Help;
using Xunit;

namespace HamletPS.PowerShell.Tests.Help
{
    public class CommandMarkdownReaderTests
    {
        private static CommandHelp ReadFixture(string markdown = HelpFixture.Markdown) => CommandMarkdownReader.Read(markdown, HelpFixture.FileName);

        /// <summary>Replaces one exact piece of the fixture (which must occur) and returns the error the reader reports.</summary>
        private static HelpFormatException ErrorAfter(string find, string replace)
        {
            Assert.Contains(find, HelpFixture.Markdown);
            string broken = HelpFixture.Markdown.Replace(find, replace);
            return Assert.Throws<HelpFormatException>(() => ReadFixture(broken));
        }

        private static int LineOf(string text, string markdown = HelpFixture.Markdown)
        {
            string[] lines = markdown.Replace("\r\n", "\n").Split('\n');
            return Array.FindIndex(lines, l => l == text) + 1;
        }

        [Fact]
        public void Read_FixtureGivesEverySection()
        {
            CommandHelp help = ReadFixture();
            Assert.Equal("Get-HelpFixture", help.Name);
            Assert.Equal("Get", help.Verb);
            Assert.Equal("HelpFixture", help.Noun);
            Assert.Equal(new[] { "Reads fixture items for the help generator tests." }, help.Synopsis);
            Assert.Equal(new[] { "The first paragraph of the description, written over two lines.", "- a list item", "- another list item", "The last paragraph." }, help.Description);

            Assert.Equal(new[] { "Path", "LiteralPath" }, help.SyntaxSets.Select(s => s.Name));
            Assert.True(help.SyntaxSets[0].IsDefault);
            Assert.False(help.SyntaxSets[1].IsDefault);
            Assert.Equal("Get-HelpFixture -LiteralPath <String[]> [-Mode <String>] [-Recurse] [<CommonParameters>]", help.SyntaxSets[1].SyntaxText);

            Assert.Equal(2, help.Examples.Count);
            Assert.Equal("Example 1: Read one folder", help.Examples[0].Title);
            Assert.Equal("Get-HelpFixture -Path C:\\fixture", help.Examples[0].Code);
            Assert.Equal(new[] { "Reads the folder." }, help.Examples[0].Remarks);
            Assert.Equal("'C:\\a', 'C:\\b' |\n    Get-HelpFixture -Mode Full", help.Examples[1].Code);
            Assert.Equal(new[] { "Text before the code.", "Reads both folders in full." }, help.Examples[1].Remarks);

            Assert.Equal(new[] { "Path", "LiteralPath", "Mode", "Recurse" }, help.Parameters.Select(p => p.Name));
            Assert.True(help.SupportsCommonParameters);
            ParameterMetadataBlock path = help.Parameters[0].Blocks.Single();
            Assert.Equal("String[]", path.Type);
            Assert.Equal(new[] { "Path" }, path.ParameterSets);
            Assert.Equal(new[] { "FullName" }, path.Aliases);
            Assert.True(path.Required);
            Assert.Equal(0, path.Position);
            Assert.True(path.ValueFromPipeline);
            Assert.True(path.ValueFromPipelineByPropertyName);
            Assert.True(path.AcceptsWildcards);
            Assert.Equal(LineOf("```yaml"), path.Line);
            ParameterMetadataBlock mode = help.Parameters[2].Blocks.Single();
            Assert.True(mode.AppliesToAllSets);
            Assert.Null(mode.Position);
            Assert.Equal(new[] { "Fast", "Full" }, mode.AcceptedValues);
            Assert.Equal("Fast", mode.DefaultValue);
            Assert.True(help.Parameters[3].Blocks.Single().IsSwitch);

            Assert.Equal("System.String", help.Inputs.Single().Name);
            Assert.Equal(new[] { "A folder path." }, help.Inputs.Single().Description);
            Assert.Equal("System.IO.FileInfo", help.Outputs.Single().Name);
            Assert.Equal(new[] { "A note for administrators." }, help.Notes);
            Assert.Equal(
                new[] { "Online Version:|https://example.invalid/help/Get-HelpFixture", "about_HamletPS|https://example.invalid/help/about_HamletPS", "Get-Command|" },
                help.RelatedLinks.Select(l => l.Text + "|" + l.Uri));
        }

        [Fact]
        public void Read_AcceptsCrLfAndByteOrderMark()
        {
            CommandHelp help = ReadFixture("\uFEFF" + HelpFixture.Markdown.Replace("\r\n", "\n").Replace("\n", "\r\n"));
            Assert.Equal(4, help.Parameters.Count);
            Assert.Equal("Get-HelpFixture -Path C:\\fixture", help.Examples[0].Code);
        }

        [Fact]
        public void Read_MissingSectionNamesTheLineWhereItBelongs()
        {
            string section = "## DESCRIPTION\nThe first paragraph of the description,\nwritten over two lines.\n\n- a list item\n- another list item\n\nThe last paragraph.\n\n";
            HelpFormatException e = ErrorAfter(section, string.Empty);
            Assert.Equal(HelpFixture.FileName, e.File);
            Assert.Contains("missing section `## DESCRIPTION`", e.Reason);
            Assert.Equal(LineOf("## EXAMPLES", HelpFixture.Markdown.Replace(section, string.Empty)), e.Line);
            Assert.StartsWith(HelpFixture.FileName + ":" + e.Line + ": ", e.Message);
        }

        [Fact]
        public void Read_ExampleWithoutCodeNamesItsHeading()
        {
            HelpFormatException e = ErrorAfter("```powershell\nGet-HelpFixture -Path C:\\fixture\n```\n", string.Empty);
            Assert.Equal(LineOf("### Example 1: Read one folder"), e.Line);
            Assert.Contains("has no code fence", e.Reason);
        }

        [Fact]
        public void Read_ParameterWithoutYamlBlockNamesItsHeading()
        {
            string block = "```yaml\nType: SwitchParameter\nParameter Sets: (All)\nAliases: None\n\nRequired: False\nPosition: Named\nDefault value: False\nAccept pipeline input: False\nAccept wildcard characters: False\n```\n";
            HelpFormatException e = ErrorAfter("Reads subfolders too.\n\n" + block, "Reads subfolders too.\n\n");
            Assert.Equal(LineOf("### -Recurse"), e.Line);
            Assert.Contains("-Recurse has no ```yaml block", e.Reason);
        }

        [Fact]
        public void Read_ParameterWithoutDescriptionIsRefused()
        {
            HelpFormatException e = ErrorAfter("### -Mode\nHow much to read.\n", "### -Mode\n");
            Assert.Equal(LineOf("### -Mode"), e.Line);
            Assert.Contains("-Mode has no description", e.Reason);
        }

        [Theory]
        [InlineData("Position: 0", "Position: first", "`Position:` must be Named or a number")]
        [InlineData("Required: True\nPosition: 0", "Required: yes\nPosition: 0", "`Required:` must be True or False")]
        [InlineData("Accept pipeline input: True (ByPropertyName, ByValue)", "Accept pipeline input: Yes", "`Accept pipeline input:` must be")]
        [InlineData("Aliases: FullName", "Aliases: FullName\nColour: blue", "unknown parameter metadata key `Colour`")]
        public void Read_BadMetadataValueNamesItsLine(string find, string replace, string reason)
        {
            HelpFormatException e = ErrorAfter(find, replace);
            Assert.Contains(reason, e.Reason);
            string badLine = replace.Split('\n').First(l => !HelpFixture.Markdown.Contains(l + "\n"));
            Assert.Equal(LineOf(badLine, HelpFixture.Markdown.Replace(find, replace)), e.Line);
        }

        [Fact]
        public void Read_MetadataBlockLackingAKeyNamesTheFence()
        {
            HelpFormatException e = ErrorAfter("Default value: Fast\n", string.Empty);
            Assert.Contains("lacks `Default value:`", e.Reason);
            Assert.Equal(LineOf("How much to read.") + 2, e.Line);
        }

        [Fact]
        public void Read_ParameterSetNotInSyntaxIsRefused()
        {
            HelpFormatException e = ErrorAfter("Parameter Sets: LiteralPath", "Parameter Sets: Literal");
            Assert.Contains("names parameter set `Literal`, which `## SYNTAX` does not list", e.Reason);
        }

        [Fact]
        public void Read_SyntaxNamingAnUndocumentedParameterIsRefused()
        {
            HelpFormatException e = ErrorAfter("[-Mode <String>] [-Recurse] [<CommonParameters>]", "[-Mode <String>] [-Recurse] [-Force] [<CommonParameters>]");
            Assert.Contains("names -Force, which has no `### -Force` entry", e.Reason);
            Assert.Equal(LineOf("### Path (Default)") + 1, e.Line);
        }

        [Fact]
        public void Read_SyntaxLackingADocumentedParameterIsRefused()
        {
            HelpFormatException e = ErrorAfter("Get-HelpFixture [-Path] <String[]> [-Mode <String>]", "Get-HelpFixture [-Path] <String[]>");
            Assert.Contains("lacks -Mode", e.Reason);
        }

        [Fact]
        public void Read_SectionsOutOfOrderAreRefused()
        {
            string notes = "## NOTES\nA note for administrators.\n\n";
            string moved = HelpFixture.Markdown.Replace(notes, string.Empty).Replace("## SYNOPSIS", notes + "## SYNOPSIS");
            HelpFormatException e = Assert.Throws<HelpFormatException>(() => ReadFixture(moved));
            Assert.Contains("must come before `## NOTES`", e.Reason);
            Assert.Equal(LineOf("## SYNOPSIS", moved), e.Line);
        }

        [Fact]
        public void Read_UnknownSectionIsRefused()
        {
            HelpFormatException e = ErrorAfter("## NOTES", "## REMARKS");
            Assert.Contains("unknown section `## REMARKS`", e.Reason);
        }

        [Fact]
        public void Read_TitleMustMatchTheFileName()
        {
            var e = Assert.Throws<HelpFormatException>(() => CommandMarkdownReader.Read(HelpFixture.Markdown, "Get-Other.md"));
            Assert.Equal(LineOf("# Get-HelpFixture"), e.Line);
            Assert.Contains("does not match the file name", e.Reason);
        }

        [Fact]
        public void Read_UnclosedFenceNamesItsOpeningLine()
        {
            string broken = HelpFixture.Markdown.Substring(0, HelpFixture.Markdown.IndexOf("## INPUTS", StringComparison.Ordinal)) + "```yaml\nType: String\n";
            var e = Assert.Throws<HelpFormatException>(() => ReadFixture(broken));
            Assert.Contains("never closed", e.Reason);
        }

        [Fact]
        public void Read_MissingCommonParametersEntryIsRefused()
        {
            HelpFormatException e = ErrorAfter("### CommonParameters\nThis cmdlet supports the common parameters.\n", string.Empty);
            Assert.Contains("lacks the `### CommonParameters` entry", e.Reason);
            Assert.Equal(LineOf("## PARAMETERS"), e.Line);
        }

        [Fact]
        public void Template_IsReadByTheReader()
        {
            string path = Path.Combine(ModuleLayout.RepoRoot, "docs", "cmdlets", "_template.md");
            CommandHelp help = CommandMarkdownReader.Read(File.ReadAllText(path), "Verb-Noun.md");
            Assert.Equal("Verb-Noun", help.Name);
            Assert.Equal(new[] { "Path", "LiteralPath", "Destination", "PassThru", "WhatIf", "Confirm" }, help.Parameters.Select(p => p.Name));
            Assert.True(help.Examples.Count >= 2);
        }
    }
}
