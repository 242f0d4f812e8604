using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace HamletPS.Generators.Help
{
    /// <summary>
    /// Turns text blocks into help paragraphs: consecutive lines join with a space; a list item or table row starts its own
    /// paragraph; a code fence is one paragraph with its line breaks kept.
    /// </summary>
    public static class MarkdownParagraphs
    {
        private static readonly Regex ListItem = new Regex(@"^\s*([-*+]|\d+[.)])\s+", RegexOptions.CultureInvariant);

        public static List<string> From(IEnumerable<MarkdownBlock> blocks)
        {
            var paragraphs = new List<string>();
            var current = new StringBuilder();

            void Flush()
            {
                if (current.Length > 0) paragraphs.Add(current.ToString());
                current.Clear();
            }

            foreach (MarkdownBlock block in blocks)
            {
                switch (block.Kind)
                {
                    case MarkdownBlockKind.Blank:
                        Flush();
                        break;
                    case MarkdownBlockKind.Fence:
                        Flush();
                        paragraphs.Add(string.Join("\n", block.FenceLines));
                        break;
                    default:
                        string text = block.Kind == MarkdownBlockKind.Heading ? block.Text : block.Text.Trim();
                        bool startsOwn = block.Kind == MarkdownBlockKind.Heading || ListItem.IsMatch(block.Text) || text.StartsWith('|');
                        if (startsOwn) Flush();
                        if (current.Length > 0) current.Append(' ');
                        current.Append(text);
                        if (text.StartsWith('|') || block.Kind == MarkdownBlockKind.Heading) Flush();
                        break;
                }
            }
            Flush();
            return paragraphs.Where(p => p.Trim().Length > 0).ToList();
        }
    }
}
