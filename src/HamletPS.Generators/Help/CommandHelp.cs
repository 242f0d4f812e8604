using System.Collections.Generic;

namespace HamletPS.Generators.Help
{
    /// <summary>The help of one command as read from its docs/cmdlets/Verb-Noun.md file.</summary>
    public sealed class CommandHelp
    {
        public string Name { get; set; }

        public string Verb => Name.Substring(0, Name.IndexOf('-'));

        public string Noun => Name.Substring(Name.IndexOf('-') + 1);

        /// <summary>The markdown file the help was read from.</summary>
        public string SourceFile { get; set; }

        /// <summary>The front matter's `online version`, empty when none.</summary>
        public string OnlineVersion { get; set; } = string.Empty;

        /// <summary>Paragraphs of the SYNOPSIS section.</summary>
        public List<string> Synopsis { get; } = new List<string>();

        /// <summary>Parameter sets in SYNTAX order; one set named `__AllParameterSets` when SYNTAX has no set headings.</summary>
        public List<SyntaxSetHelp> SyntaxSets { get; } = new List<SyntaxSetHelp>();

        public List<string> Description { get; } = new List<string>();

        public List<ExampleHelp> Examples { get; } = new List<ExampleHelp>();

        /// <summary>Parameters in document order (without the common parameters).</summary>
        public List<ParameterHelp> Parameters { get; } = new List<ParameterHelp>();

        /// <summary>Whether the PARAMETERS section has the `### CommonParameters` entry.</summary>
        public bool SupportsCommonParameters { get; set; }

        public List<TypeHelp> Inputs { get; } = new List<TypeHelp>();

        public List<TypeHelp> Outputs { get; } = new List<TypeHelp>();

        public List<string> Notes { get; } = new List<string>();

        public List<RelatedLink> RelatedLinks { get; } = new List<RelatedLink>();
    }
}
