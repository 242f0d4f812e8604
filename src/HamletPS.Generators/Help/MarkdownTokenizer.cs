using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace HamletPS.Generators.Help
{
    /// <summary>
    /// Splits help markdown into headings, text lines, blank lines and code fences (the subset of Markdown the platyPS layout
    /// uses), and reads the optional `---` front matter.
    /// </summary>
    public static class MarkdownTokenizer
    {
        private static readonly Regex Heading = new Regex(@"^(#{1,6})\s+(.*?)\s*#*\s*$", RegexOptions.CultureInvariant);
        private static readonly Regex FenceOpen = new Regex(@"^(\s{0,3})(`{3,}|~{3,})\s*([^`\s]*)", RegexOptions.CultureInvariant);

        /// <summary>Lines of <paramref name="text"/> without line terminators (CRLF, LF or CR).</summary>
        public static string[] SplitLines(string text)
        {
            if (text.Length > 0 && text[0] == '\uFEFF') text = text.Substring(1);
            return text.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n');
        }

        /// <summary>
        /// Reads `key: value` pairs of the front matter when line 1 is `---`; returns the index of the first line after it
        /// (0 when there is none).
        /// </summary>
        public static int ReadFrontMatter(string[] lines, string file, IDictionary<string, string> values)
        {
            if (lines.Length == 0 || lines[0].Trim() != "---") return 0;
            for (int i = 1; i < lines.Length; i++)
            {
                string line = lines[i];
                if (line.Trim() == "---") return i + 1;
                if (line.Trim().Length == 0 || line.TrimStart().StartsWith("#", StringComparison.Ordinal)) continue;
                int colon = line.IndexOf(':');
                if (colon <= 0) throw new HelpFormatException(file, i + 1, "front matter line is not `key: value`");
                values[line.Substring(0, colon).Trim()] = line.Substring(colon + 1).Trim();
            }
            throw new HelpFormatException(file, 1, "front matter opened with `---` is never closed");
        }

        /// <summary>Blocks of lines[start..]; an unclosed fence is an error naming its opening line.</summary>
        public static List<MarkdownBlock> Tokenize(string[] lines, int start, string file)
        {
            var blocks = new List<MarkdownBlock>();
            for (int i = start; i < lines.Length; i++)
            {
                string line = lines[i].TrimEnd();
                Match fence = FenceOpen.Match(line);
                if (fence.Success)
                {
                    string marker = fence.Groups[2].Value;
                    var block = new MarkdownBlock { Kind = MarkdownBlockKind.Fence, Line = i + 1, Info = fence.Groups[3].Value.ToLowerInvariant() };
                    int indent = fence.Groups[1].Value.Length;
                    int j = i + 1;
                    for (; j < lines.Length; j++)
                    {
                        string inner = lines[j].TrimEnd();
                        string trimmed = inner.TrimStart();
                        if (trimmed.StartsWith(marker, StringComparison.Ordinal) && trimmed.Trim(marker[0]).Length == 0) break;
                        block.FenceLines.Add(RemoveIndent(inner, indent));
                    }
                    if (j == lines.Length) throw new HelpFormatException(file, i + 1, "code fence is never closed");
                    blocks.Add(block);
                    i = j;
                    continue;
                }
                if (line.Trim().Length == 0)
                {
                    blocks.Add(new MarkdownBlock { Kind = MarkdownBlockKind.Blank, Line = i + 1 });
                    continue;
                }
                Match heading = Heading.Match(line);
                if (heading.Success)
                {
                    blocks.Add(new MarkdownBlock
                    {
                        Kind = MarkdownBlockKind.Heading, Line = i + 1, Level = heading.Groups[1].Value.Length, Text = heading.Groups[2].Value,
                    });
                    continue;
                }
                blocks.Add(new MarkdownBlock { Kind = MarkdownBlockKind.Text, Line = i + 1, Text = line });
            }
            return blocks;
        }

        private static string RemoveIndent(string line, int indent)
        {
            int n = 0;
            while (n < indent && n < line.Length && line[n] == ' ') n++;
            return line.Substring(n);
        }
    }
}
