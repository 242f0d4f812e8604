using System.Collections.Generic;

namespace HamletPS.Generators.Help
{
    /// <summary>An entry of INPUTS or OUTPUTS: `### TypeName` and its description.</summary>
    public sealed class TypeHelp
    {
        public string Name { get; set; }

        public List<string> Description { get; } = new List<string>();
    }
}
