using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;

namespace HamletPS.Generators.Help
{
    /// <summary>
    /// Reads a parameter's ```yaml block: flat `Key: value` lines with the keys of the platyPS layout. Every key but
    /// `Accepted values` is required; values are checked (True/False, Named or a number, the pipeline-input forms).
    /// </summary>
    public static class ParameterYamlReader
    {
        public const string TypeKey = "Type";
        public const string ParameterSetsKey = "Parameter Sets";
        public const string AliasesKey = "Aliases";
        public const string AcceptedValuesKey = "Accepted values";
        public const string RequiredKey = "Required";
        public const string PositionKey = "Position";
        public const string DefaultValueKey = "Default value";
        public const string PipelineInputKey = "Accept pipeline input";
        public const string WildcardKey = "Accept wildcard characters";

        private static readonly string[] RequiredKeys =
        {
            TypeKey, ParameterSetsKey, AliasesKey, RequiredKey, PositionKey, DefaultValueKey, PipelineInputKey, WildcardKey,
        };

        private static readonly Regex PipelineInput = new Regex(
            @"^True\s*\((?<kinds>\s*(ByValue|ByPropertyName)\s*(,\s*(ByValue|ByPropertyName)\s*)?)\)$",
            RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

        public static ParameterMetadataBlock Read(MarkdownBlock fence, string file)
        {
            var values = new Dictionary<string, KeyValuePair<int, string>>(StringComparer.OrdinalIgnoreCase);
            for (int i = 0; i < fence.FenceLines.Count; i++)
            {
                string line = fence.FenceLines[i];
                int number = fence.Line + 1 + i;
                if (line.Trim().Length == 0) continue;
                int colon = line.IndexOf(':');
                if (colon <= 0) throw new HelpFormatException(file, number, "parameter metadata line is not `Key: value`");
                string key = line.Substring(0, colon).Trim();
                string known = RequiredKeys.Concat(new[] { AcceptedValuesKey }).FirstOrDefault(k => string.Equals(k, key, StringComparison.OrdinalIgnoreCase));
                if (known == null) throw new HelpFormatException(file, number, "unknown parameter metadata key `" + key + "`");
                if (values.ContainsKey(known)) throw new HelpFormatException(file, number, "parameter metadata key `" + known + "` appears twice");
                values[known] = new KeyValuePair<int, string>(number, line.Substring(colon + 1).Trim());
            }
            foreach (string key in RequiredKeys)
            {
                if (!values.ContainsKey(key)) throw new HelpFormatException(file, fence.Line, "parameter metadata lacks `" + key + ":`");
            }

            var block = new ParameterMetadataBlock { Line = fence.Line };
            block.Type = NonEmpty(values[TypeKey], file, TypeKey);
            string sets = NonEmpty(values[ParameterSetsKey], file, ParameterSetsKey);
            if (!string.Equals(sets, "(All)", StringComparison.OrdinalIgnoreCase)) block.ParameterSets.AddRange(SplitList(sets));
            string aliases = NonEmpty(values[AliasesKey], file, AliasesKey);
            if (!string.Equals(aliases, "None", StringComparison.OrdinalIgnoreCase)) block.Aliases.AddRange(SplitList(aliases));
            if (values.TryGetValue(AcceptedValuesKey, out var accepted) && accepted.Value.Length > 0) block.AcceptedValues.AddRange(SplitList(accepted.Value));
            block.Required = Boolean(values[RequiredKey], file, RequiredKey);
            block.Position = Position(values[PositionKey], file);
            block.DefaultValue = NonEmpty(values[DefaultValueKey], file, DefaultValueKey);
            ReadPipelineInput(block, values[PipelineInputKey], file);
            block.AcceptsWildcards = Boolean(values[WildcardKey], file, WildcardKey);
            return block;
        }

        private static IEnumerable<string> SplitList(string value) =>
            value.Split(',').Select(v => v.Trim()).Where(v => v.Length > 0);

        private static string NonEmpty(KeyValuePair<int, string> value, string file, string key)
        {
            if (value.Value.Length == 0) throw new HelpFormatException(file, value.Key, "`" + key + ":` has no value");
            return value.Value;
        }

        private static bool Boolean(KeyValuePair<int, string> value, string file, string key)
        {
            if (string.Equals(value.Value, "True", StringComparison.OrdinalIgnoreCase)) return true;
            if (string.Equals(value.Value, "False", StringComparison.OrdinalIgnoreCase)) return false;
            throw new HelpFormatException(file, value.Key, "`" + key + ":` must be True or False");
        }

        private static int? Position(KeyValuePair<int, string> value, string file)
        {
            if (string.Equals(value.Value, "Named", StringComparison.OrdinalIgnoreCase)) return null;
            if (int.TryParse(value.Value, NumberStyles.None, CultureInfo.InvariantCulture, out int position)) return position;
            throw new HelpFormatException(file, value.Key, "`Position:` must be Named or a number from 0");
        }

        private static void ReadPipelineInput(ParameterMetadataBlock block, KeyValuePair<int, string> value, string file)
        {
            if (string.Equals(value.Value, "False", StringComparison.OrdinalIgnoreCase)) return;
            Match m = PipelineInput.Match(value.Value);
            if (!m.Success)
            {
                throw new HelpFormatException(file, value.Key, "`Accept pipeline input:` must be False, True (ByValue), True (ByPropertyName) or True (ByPropertyName, ByValue)");
            }
            string kinds = m.Groups["kinds"].Value;
            block.ValueFromPipeline = kinds.IndexOf("ByValue", StringComparison.OrdinalIgnoreCase) >= 0;
            block.ValueFromPipelineByPropertyName = kinds.IndexOf("ByPropertyName", StringComparison.OrdinalIgnoreCase) >= 0;
        }
    }
}
