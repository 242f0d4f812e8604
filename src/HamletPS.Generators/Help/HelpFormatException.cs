using System;

namespace HamletPS.Generators.Help
{
    /// <summary>A help markdown file that does not follow the layout; the message names the file and the line.</summary>
    public sealed class HelpFormatException : FormatException
    {
        public HelpFormatException(string file, int line, string reason)
            : base(file + ":" + line + ": " + reason)
        {
            File = file;
            Line = line;
            Reason = reason;
        }

        /// <summary>The markdown file (as given to the reader).</summary>
        public string File { get; }

        /// <summary>1-based line number in <see cref="File"/>.</summary>
        public int Line { get; }

        /// <summary>What is wrong, without the location.</summary>
        public string Reason { get; }
    }
}
