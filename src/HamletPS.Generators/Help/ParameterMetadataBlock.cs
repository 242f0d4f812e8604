using System;
using System.Collections.Generic;
using System.Linq;

namespace HamletPS.Generators.Help
{
    /// <summary>
    /// One ```yaml block under a parameter: Type, Parameter Sets, Aliases, Accepted values, Required, Position, Default value,
    /// Accept pipeline input, Accept wildcard characters.
    /// </summary>
    public sealed class ParameterMetadataBlock
    {
        /// <summary>Type as written, e.g. `String[]`, `SwitchParameter`.</summary>
        public string Type { get; set; }

        /// <summary>Empty when the block says `(All)`.</summary>
        public List<string> ParameterSets { get; } = new List<string>();

        public bool AppliesToAllSets => ParameterSets.Count == 0;

        public List<string> Aliases { get; } = new List<string>();

        public List<string> AcceptedValues { get; } = new List<string>();

        public bool Required { get; set; }

        /// <summary>Null for `Named`.</summary>
        public int? Position { get; set; }

        public string DefaultValue { get; set; }

        public bool ValueFromPipeline { get; set; }

        public bool ValueFromPipelineByPropertyName { get; set; }

        public bool AcceptsWildcards { get; set; }

        /// <summary>Line of the opening ```yaml fence.</summary>
        public int Line { get; set; }

        public bool IsSwitch => string.Equals(Type, "SwitchParameter", StringComparison.OrdinalIgnoreCase)
            || string.Equals(Type, "System.Management.Automation.SwitchParameter", StringComparison.OrdinalIgnoreCase);

        public bool IsArray => Type.EndsWith("[]", StringComparison.Ordinal);

        /// <summary>The `Accept pipeline input` text the layout uses: `False`, `True (ByValue)`, `True (ByPropertyName, ByValue)`.</summary>
        public string PipelineInputText
        {
            get
            {
                var kinds = new List<string>();
                if (ValueFromPipelineByPropertyName) kinds.Add("ByPropertyName");
                if (ValueFromPipeline) kinds.Add("ByValue");
                return kinds.Count == 0 ? "False" : "True (" + string.Join(", ", kinds) + ")";
            }
        }

        public bool AppliesTo(string setName) =>
            AppliesToAllSets || ParameterSets.Any(s => string.Equals(s, setName, StringComparison.OrdinalIgnoreCase));
    }
}
