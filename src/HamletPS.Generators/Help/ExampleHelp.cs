using System.Collections.Generic;

namespace HamletPS.Generators.Help
{
    /// <summary>`### Example N: title`, its code fence(s) and the remarks around them.</summary>
    public sealed class ExampleHelp
    {
        /// <summary>The whole heading text, e.g. "Example 1: Sort the incoming folder".</summary>
        public string Title { get; set; }

        public string Code { get; set; }

        public List<string> Remarks { get; } = new List<string>();
    }
}
