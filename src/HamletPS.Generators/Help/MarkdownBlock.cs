using System.Collections.Generic;

namespace HamletPS.Generators.Help
{
    public enum MarkdownBlockKind
    {
        Blank,
        Text,
        Heading,
        Fence,
    }

    /// <summary>A line-level piece of a help markdown file: a heading, a text line, a blank line or a whole code fence.</summary>
    public sealed class MarkdownBlock
    {
        public MarkdownBlockKind Kind { get; set; }

        /// <summary>1-based line of the heading, text line or opening fence.</summary>
        public int Line { get; set; }

        /// <summary>Heading level (1 for `#`), 0 otherwise.</summary>
        public int Level { get; set; }

        /// <summary>The heading text or text line (without trailing spaces); empty for blanks and fences.</summary>
        public string Text { get; set; } = string.Empty;

        /// <summary>The fence's info string (`powershell`, `yaml`, empty).</summary>
        public string Info { get; set; } = string.Empty;

        /// <summary>The fence's content lines.</summary>
        public List<string> FenceLines { get; } = new List<string>();

        public override string ToString() => Kind + "@" + Line + ":" + Text;
    }
}
