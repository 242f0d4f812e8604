using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using HamletPS.Generators.Help;

namespace HamletPS.PowerShell.Tests.Help
{
    /// <summary>
    /// Compares a command's markdown help with the command's real metadata (Get-Command), both ways: every documented
    /// parameter exists with the same type, aliases, wildcard support and, per parameter set, the same required flag,
    /// position and pipeline input; every real parameter (common parameters aside) is documented; the documented
    /// parameter sets and default set are the command's. Returns one message per difference.
    /// </summary>
    public static class HelpMetadataComparer
    {
        private const string AllSets = "__AllParameterSets";

        /// <summary>The parameters every command has (-Verbose, -ErrorAction, ...); -WhatIf and -Confirm are documented.</summary>
        public static bool IsCommonParameter(string name) => Cmdlet.CommonParameters.Contains(name);

        public static List<string> Compare(CommandHelp help, CommandInfo command)
        {
            var problems = new List<string>();
            string where = help.SourceFile;
            var actual = command.Parameters.Values.Where(p => !IsCommonParameter(p.Name)).ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);

            var commandSets = command.ParameterSets.Select(s => s.Name).ToList();
            var documentedSets = help.SyntaxSets.Select(s => s.Name).ToList();
            if (!SameSet(commandSets, documentedSets))
            {
                problems.Add(where + ": parameter sets are " + Join(documentedSets) + ", the command has " + Join(commandSets));
            }
            CommandParameterSetInfo defaultSet = command.ParameterSets.FirstOrDefault(s => s.IsDefault);
            SyntaxSetHelp documentedDefault = help.SyntaxSets.FirstOrDefault(s => s.IsDefault);
            if (defaultSet != null && commandSets.Count > 1 && (documentedDefault == null || !Same(documentedDefault.Name, defaultSet.Name)))
            {
                problems.Add(where + ": the default parameter set is " + defaultSet.Name + ", documented as " + (documentedDefault?.Name ?? "none"));
            }

            foreach (ParameterHelp documented in help.Parameters)
            {
                if (!actual.TryGetValue(documented.Name, out ParameterMetadata metadata))
                {
                    problems.Add(where + ":" + documented.Line + ": documents -" + documented.Name + ", which " + command.Name + " does not have");
                    continue;
                }
                CompareParameter(where, documented, metadata, problems);
            }
            foreach (ParameterMetadata metadata in actual.Values.OrderBy(p => p.Name, StringComparer.Ordinal))
            {
                if (!help.Parameters.Any(p => Same(p.Name, metadata.Name)))
                {
                    problems.Add(where + ": -" + metadata.Name + " of " + command.Name + " is not documented");
                }
            }
            return problems;
        }

        private static void CompareParameter(string file, ParameterHelp documented, ParameterMetadata metadata, List<string> problems)
        {
            var coveredSets = new List<string>();
            foreach (ParameterMetadataBlock block in documented.Blocks)
            {
                string at = file + ":" + block.Line + ": -" + documented.Name + ": ";
                if (!TypeMatches(block.Type, metadata.ParameterType))
                {
                    problems.Add(at + "Type is " + block.Type + ", the parameter is " + metadata.ParameterType.Name);
                }
                if (!SameSet(block.Aliases, metadata.Aliases))
                {
                    problems.Add(at + "Aliases are " + Join(block.Aliases) + ", the parameter has " + Join(metadata.Aliases));
                }
                bool wildcards = metadata.Attributes.OfType<SupportsWildcardsAttribute>().Any();
                if (block.AcceptsWildcards != wildcards)
                {
                    problems.Add(at + "Accept wildcard characters is " + block.AcceptsWildcards + ", the parameter says " + wildcards);
                }

                List<string> sets = block.AppliesToAllSets ? new List<string> { AllSets } : block.ParameterSets;
                foreach (string set in sets)
                {
                    coveredSets.Add(set);
                    string key = metadata.ParameterSets.Keys.FirstOrDefault(k => Same(k, set));
                    if (key == null)
                    {
                        problems.Add(at + "documented for set " + (set == AllSets ? "(All)" : set) + ", the parameter is in " + Join(metadata.ParameterSets.Keys.Select(Display)));
                        continue;
                    }
                    ParameterSetMetadata real = metadata.ParameterSets[key];
                    string inSet = " in set " + Display(key);
                    if (block.Required != real.IsMandatory) problems.Add(at + "Required is " + block.Required + inSet + ", the parameter says " + real.IsMandatory);
                    int? position = real.Position == int.MinValue ? (int?)null : real.Position;
                    if (block.Position != position)
                    {
                        problems.Add(at + "Position is " + (block.Position?.ToString() ?? "Named") + inSet + ", the parameter says " + (position?.ToString() ?? "Named"));
                    }
                    if (block.ValueFromPipeline != real.ValueFromPipeline || block.ValueFromPipelineByPropertyName != real.ValueFromPipelineByPropertyName)
                    {
                        var expected = new ParameterMetadataBlock { ValueFromPipeline = real.ValueFromPipeline, ValueFromPipelineByPropertyName = real.ValueFromPipelineByPropertyName };
                        problems.Add(at + "Accept pipeline input is " + block.PipelineInputText + inSet + ", the parameter says " + expected.PipelineInputText);
                    }
                }
            }
            var missing = metadata.ParameterSets.Keys.Where(k => !coveredSets.Any(c => Same(c, k))).Select(Display).ToList();
            if (missing.Count > 0) problems.Add(file + ":" + documented.Line + ": -" + documented.Name + " is not documented for set " + Join(missing));
        }

        /// <summary>`String[]` matches System.String[]; the short name or the full name may be written.</summary>
        public static bool TypeMatches(string documented, Type type) =>
            Same(documented, type.Name) || Same(documented, type.FullName);

        private static string Display(string set) => set == AllSets ? "(All)" : set;

        private static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

        private static bool SameSet(IEnumerable<string> a, IEnumerable<string> b) =>
            new HashSet<string>(a, StringComparer.OrdinalIgnoreCase).SetEquals(b);

        private static string Join(IEnumerable<string> items)
        {
            var list = items.ToList();
            return list.Count == 0 ? "None" : string.Join(", ", list);
        }
    }
}
