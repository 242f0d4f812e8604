using System.Collections.Generic;

namespace HamletPS.Generators.Help
{
    /// <summary>`### -Name`: its description and one metadata block per group of parameter sets it behaves alike in.</summary>
    public sealed class ParameterHelp
    {
        public string Name { get; set; }

        public List<string> Description { get; } = new List<string>();

        /// <summary>The ```yaml blocks in document order; at least one.</summary>
        public List<ParameterMetadataBlock> Blocks { get; } = new List<ParameterMetadataBlock>();

        /// <summary>Line of the `### -Name` heading.</summary>
        public int Line { get; set; }
    }
}
