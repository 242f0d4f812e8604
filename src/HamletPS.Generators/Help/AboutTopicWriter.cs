using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace HamletPS.Generators.Help
{
    /// <summary>
    /// Turns an about-topic markdown file (`# about_Name`, `## SHORT DESCRIPTION`, `## LONG DESCRIPTION`, further `##`
    /// sections) into the plain-text `about_Name.help.txt` Get-Help shows: section titles in capitals at the margin, text
    /// indented four spaces and wrapped at 80 columns, code indented eight, inline Markdown marks removed.
    /// </summary>
    public static class AboutTopicWriter
    {
        public const int Width = 80;
        private const string Indent = "    ";

        private static readonly Regex TopicName = new Regex(@"^about_[A-Za-z0-9_.]+$", RegexOptions.CultureInvariant);
        private static readonly Regex ListItem = new Regex(@"^\s*(?<marker>[-*+]|\d+[.)])\s+(?<text>.*)$", RegexOptions.CultureInvariant);
        private static readonly Regex InlineLink = new Regex(@"\[(?<text>[^\]]+)\]\((?<uri>[^)\s]+)\)", RegexOptions.CultureInvariant);
        private static readonly Regex Strong = new Regex(@"\*\*(?<text>[^*]+)\*\*", RegexOptions.CultureInvariant);
        private static readonly Regex Emphasis = new Regex(@"(?<![\w*])\*(?<text>[^*\s][^*]*)\*(?![\w*])", RegexOptions.CultureInvariant);

        /// <summary>The topic name (the `# about_Name` title), which is also the output's base name.</summary>
        public static string ReadTopicName(string markdown, string file) => Parse(markdown, file).Key;

        public static string Convert(string markdown, string file) => Parse(markdown, file).Value;

        private static KeyValuePair<string, string> Parse(string markdown, string file)
        {
            string[] lines = MarkdownTokenizer.SplitLines(markdown);
            int start = MarkdownTokenizer.ReadFrontMatter(lines, file, new Dictionary<string, string>());
            List<MarkdownBlock> blocks = MarkdownTokenizer.Tokenize(lines, start, file);

            int index = 0;
            while (index < blocks.Count && blocks[index].Kind == MarkdownBlockKind.Blank) index++;
            if (index == blocks.Count || blocks[index].Kind != MarkdownBlockKind.Heading || blocks[index].Level != 1)
            {
                throw new HelpFormatException(file, index < blocks.Count ? blocks[index].Line : lines.Length, "expected the `# about_Name` title");
            }
            MarkdownBlock title = blocks[index++];
            if (!TopicName.IsMatch(title.Text)) throw new HelpFormatException(file, title.Line, "title `" + title.Text + "` is not an about_Name topic name");
            string expected = Path.GetFileNameWithoutExtension(file);
            if (!string.Equals(title.Text, expected, StringComparison.Ordinal))
            {
                throw new HelpFormatException(file, title.Line, "title `" + title.Text + "` does not match the file name `" + expected + ".md`");
            }

            var output = new StringBuilder();
            output.Append("TOPIC\n").Append(Indent).Append(title.Text).Append('\n');
            var sections = new List<string>();
            var paragraph = new List<string>();
            bool inSection = false;
            bool lastWasItem = false;
            bool afterHeading = false;

            var table = new List<string>();

            void FlushParagraph()
            {
                if (table.Count > 0)
                {
                    WriteTable(output, table, afterHeading);
                    table.Clear();
                    afterHeading = false;
                }
                FlushText();
            }

            void FlushText()
            {
                if (paragraph.Count == 0) return;
                lastWasItem = ListItemOrText(output, paragraph, lastWasItem, afterHeading);
                afterHeading = false;
                paragraph.Clear();
            }

            for (; index < blocks.Count; index++)
            {
                MarkdownBlock block = blocks[index];
                switch (block.Kind)
                {
                    case MarkdownBlockKind.Heading:
                        FlushParagraph();
                        lastWasItem = false;
                        if (block.Level == 1) throw new HelpFormatException(file, block.Line, "a second `#` title; one topic per file");
                        if (block.Level == 2)
                        {
                            string name = block.Text.Trim().ToUpperInvariant();
                            if (sections.Count == 0 && name != "SHORT DESCRIPTION")
                            {
                                throw new HelpFormatException(file, block.Line, "the first section must be `## SHORT DESCRIPTION`");
                            }
                            if (sections.Count == 1 && name != "LONG DESCRIPTION")
                            {
                                throw new HelpFormatException(file, block.Line, "`## LONG DESCRIPTION` must follow `## SHORT DESCRIPTION`");
                            }
                            sections.Add(name);
                            output.Append('\n').Append(name).Append('\n');
                            afterHeading = true;
                            inSection = true;
                            break;
                        }
                        else
                        {
                            if (!inSection) throw new HelpFormatException(file, block.Line, "heading before `## SHORT DESCRIPTION`");
                            string text = Inline(block.Text.Trim());
                            output.Append('\n').Append(Indent).Append(text).Append('\n');
                            if (block.Level == 3) output.Append(Indent).Append(new string('-', text.Length)).Append('\n');
                            afterHeading = false;
                        }
                        inSection = true;
                        break;
                    case MarkdownBlockKind.Blank:
                        FlushParagraph();
                        break;
                    case MarkdownBlockKind.Fence:
                        FlushParagraph();
                        lastWasItem = false;
                        if (!inSection) throw new HelpFormatException(file, block.Line, "code before `## SHORT DESCRIPTION`");
                        if (!afterHeading) output.Append('\n');
                        afterHeading = false;
                        foreach (string line in block.FenceLines) output.Append(line.Length == 0 ? string.Empty : Indent + Indent + line).Append('\n');
                        break;
                    default:
                        if (!inSection) throw new HelpFormatException(file, block.Line, "text before `## SHORT DESCRIPTION`");
                        if (block.Text.TrimStart().StartsWith("|", StringComparison.Ordinal))
                        {
                            FlushText();
                            lastWasItem = false;
                            table.Add(block.Text.Trim());
                            break;
                        }
                        if (ListItem.IsMatch(block.Text)) FlushParagraph();
                        paragraph.Add(block.Text.Trim());
                        break;
                }
            }
            FlushParagraph();
            if (!sections.Contains("SHORT DESCRIPTION")) throw new HelpFormatException(file, title.Line, "missing section `## SHORT DESCRIPTION`");
            if (!sections.Contains("LONG DESCRIPTION")) throw new HelpFormatException(file, title.Line, "missing section `## LONG DESCRIPTION`");
            return new KeyValuePair<string, string>(title.Text, output.ToString());
        }

        /// <summary>Writes a paragraph or list item (items of one list stay together); returns whether it was an item.</summary>
        private static bool ListItemOrText(StringBuilder output, List<string> lines, bool previousWasItem, bool directlyUnderHeading)
        {
            string text = string.Join(" ", lines);
            Match item = ListItem.Match(text);
            if (!directlyUnderHeading && (!item.Success || !previousWasItem)) output.Append('\n');
            if (item.Success)
            {
                string marker = item.Groups["marker"].Value;
                string bullet = marker == "*" || marker == "+" ? "-" : marker;
                Wrap(output, Inline(item.Groups["text"].Value), Indent + bullet + " ", Indent + new string(' ', bullet.Length + 1));
            }
            else
            {
                Wrap(output, Inline(text), Indent, Indent);
            }
            return item.Success;
        }

        /// <summary>
        /// A Markdown table as aligned columns under a dashed header rule; the last column wraps so lines stay within
        /// <see cref="Width"/>.
        /// </summary>
        private static void WriteTable(StringBuilder output, List<string> rows, bool afterHeading)
        {
            var cells = rows
                .Where(r => !Regex.IsMatch(r, @"^\|?\s*:?-{3,}"))
                .Select(r => r.Trim().Trim('|').Split('|').Select(c => Inline(c.Trim())).ToArray())
                .ToList();
            int columns = cells.Max(r => r.Length);
            var widths = new int[columns];
            foreach (string[] row in cells)
                for (int c = 0; c < row.Length; c++) widths[c] = Math.Max(widths[c], row[c].Length);
            int lead = Indent.Length + widths.Take(columns - 1).Sum(w => w + 2);
            int lastWidth = Math.Max(20, Width - lead);
            if (!afterHeading) output.Append('\n');
            for (int r = 0; r < cells.Count; r++)
            {
                string[] row = cells[r];
                var prefix = new StringBuilder(Indent);
                for (int c = 0; c < columns - 1; c++) prefix.Append((c < row.Length ? row[c] : string.Empty).PadRight(widths[c] + 2));
                string last = columns - 1 < row.Length ? row[columns - 1] : string.Empty;
                var wrapped = new StringBuilder();
                Wrap(wrapped, last, string.Empty, string.Empty, lastWidth);
                string[] lines = wrapped.ToString().TrimEnd('\n').Split('\n');
                for (int l = 0; l < lines.Length; l++)
                {
                    output.Append(l == 0 ? prefix.ToString() : new string(' ', lead)).Append(lines[l]).Append('\n');
                }
                if (r == 0)
                {
                    output.Append(Indent);
                    for (int c = 0; c < columns - 1; c++) output.Append(new string('-', widths[c])).Append("  ");
                    output.Append(new string('-', Math.Min(lastWidth, Math.Max(widths[columns - 1], row[columns - 1].Length)))).Append('\n');
                }
            }
        }

        /// <summary>Removes `code` backticks and bold/italic marks; a link becomes "text (uri)".</summary>
        public static string Inline(string text)
        {
            text = InlineLink.Replace(text, m => m.Groups["text"].Value == m.Groups["uri"].Value ? m.Groups["uri"].Value : m.Groups["text"].Value + " (" + m.Groups["uri"].Value + ")");
            text = Strong.Replace(text, "${text}");
            text = Emphasis.Replace(text, "${text}");
            return text.Replace("`", string.Empty);
        }

        private static void Wrap(StringBuilder output, string text, string firstIndent, string nextIndent, int width = Width)
        {
            string[] words = text.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries);
            var line = new StringBuilder(firstIndent);
            bool empty = true;
            foreach (string word in words)
            {
                if (!empty && line.Length + 1 + word.Length > width)
                {
                    output.Append(line.ToString()).Append('\n');
                    line.Clear().Append(nextIndent);
                    empty = true;
                }
                if (!empty) line.Append(' ');
                line.Append(word);
                empty = false;
            }
            if (!empty) output.Append(line.ToString()).Append('\n');
        }
    }
}
