namespace HamletPS.Generators.Help
{
    /// <summary>One `### SetName (Default)` entry of the SYNTAX section with its fenced syntax line.</summary>
    public sealed class SyntaxSetHelp
    {
        /// <summary>The name PowerShell gives a command's only parameter set when none is declared.</summary>
        public const string AllParameterSets = "__AllParameterSets";

        public string Name { get; set; }

        public bool IsDefault { get; set; }

        /// <summary>The syntax text as written in the fence (informational: MAML syntax is built from the parameters).</summary>
        public string SyntaxText { get; set; }

        /// <summary>Line of the set heading (or of the fence when there is no heading).</summary>
        public int Line { get; set; }
    }
}
