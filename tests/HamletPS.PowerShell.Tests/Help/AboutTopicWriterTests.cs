using System.Linq;
using HamletPS.Generators.Help;
using Xunit;

namespace HamletPS.PowerShell.Tests.Help
{
    public class AboutTopicWriterTests
    {
        private const string Topic = @"# about_Fixture

## SHORT DESCRIPTION
One line.

## LONG DESCRIPTION
A paragraph with `code`, **bold** and a [link](https://example.invalid/x) that is long enough to be wrapped at eighty columns by the writer.

### A subsection

- first item
- second item that is also long enough to need a second line when it is wrapped at eighty columns
- third

| Name | What |
| --- | --- |
| A | The first row |
| Bb | The second row |

```powershell
Get-Thing | Set-Thing
```
";

        [Fact]
        public void Convert_WritesTheHelpTextLayout()
        {
            string text = AboutTopicWriter.Convert(Topic, "about_Fixture.md");
            string expected = string.Join("\n",
                "TOPIC",
                "    about_Fixture",
                "",
                "SHORT DESCRIPTION",
                "    One line.",
                "",
                "LONG DESCRIPTION",
                "    A paragraph with code, bold and a link (https://example.invalid/x) that is",
                "    long enough to be wrapped at eighty columns by the writer.",
                "",
                "    A subsection",
                "    ------------",
                "",
                "    - first item",
                "    - second item that is also long enough to need a second line when it is",
                "      wrapped at eighty columns",
                "    - third",
                "",
                "    Name  What",
                "    ----  --------------",
                "    A     The first row",
                "    Bb    The second row",
                "",
                "        Get-Thing | Set-Thing",
                "");
            Assert.Equal(expected, text);
            Assert.True(text.Split('\n').All(l => l.Length <= AboutTopicWriter.Width));
        }

        [Fact]
        public void Convert_RequiresShortThenLongDescription()
        {
            var e = Assert.Throws<HelpFormatException>(() => AboutTopicWriter.Convert("# about_Fixture\n\n## LONG DESCRIPTION\nText.\n", "about_Fixture.md"));
            Assert.Equal(3, e.Line);
            Assert.Contains("SHORT DESCRIPTION", e.Reason);

            e = Assert.Throws<HelpFormatException>(() => AboutTopicWriter.Convert("# about_Fixture\n\n## SHORT DESCRIPTION\nText.\n", "about_Fixture.md"));
            Assert.Equal(1, e.Line);
            Assert.Contains("missing section `## LONG DESCRIPTION`", e.Reason);
        }

        [Fact]
        public void Convert_TitleMustBeTheFileName()
        {
            var e = Assert.Throws<HelpFormatException>(() => AboutTopicWriter.Convert(Topic, "about_Other.md"));
            Assert.Equal("about_Other.md", e.File);
            Assert.Equal(1, e.Line);
        }
    }
}
