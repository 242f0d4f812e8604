using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using HamletPS.Dicom.Data;
using YamlDotNet.RepresentationModel;

namespace HamletPS.Core.Deidentification.Pixels
{
    /// <summary>
    /// A profile's <c>pixels:</c> section: the site's rules, first match wins. Parsed from YAML:
    /// <code>
    /// pixels:
    ///   rules:
    ///     - name: acme-us-banner
    ///       when: { modality: US, manufacturer: "ACME*", rows: 480, columns: 640 }
    ///       mask: [[0, 0, 640, 40]]          # x, y, width, height (pixels, from the top left)
    ///     - name: tps-screenshots
    ///       when: { sopClass: "1.2.840.10008.5.1.4.1.1.7" }
    ///       action: drop
    /// </code>
    /// </summary>
    public sealed class PixelRules
    {
        public static readonly PixelRules None = new PixelRules(Array.Empty<PixelRule>());

        public PixelRules(IReadOnlyList<PixelRule> rules) { Rules = rules ?? Array.Empty<PixelRule>(); }

        public IReadOnlyList<PixelRule> Rules { get; }

        /// <summary>The first matching rule and the header's pixel risk.</summary>
        public PixelDecision Decide(DicomDataset ds)
        {
            PixelRule rule = Rules.FirstOrDefault(r => r.When.Matches(ds));
            return new PixelDecision(rule, PixelRisk.Assess(ds));
        }

        /// <summary>
        /// The rule that would release a withheld instance, written as the YAML to add (header values that identify the device and
        /// image geometry only; <paramref name="isSafe"/> filters out any value that might be a patient identifier).
        /// </summary>
        public static string SuggestRule(DicomDataset ds, Func<string, bool> isSafe)
        {
            var parts = new List<string>();
            foreach (string field in new[] { "sopClass", "modality", "manufacturer", "model", "rows", "columns" })
            {
                string v = PixelRuleCondition.Value(ds, field);
                if (string.IsNullOrEmpty(v) || v.Length > 64 || v.IndexOfAny(new[] { '"', '\\', '\n', '\r' }) >= 0 || isSafe != null && !isSafe(v)) continue;
                parts.Add(field + ": \"" + v + "\"");
            }
            return "pixels: rules: - { name: <name>, when: { " + string.Join(", ", parts) + " }, mask: [[x, y, width, height]] } (or action: drop)";
        }

        /// <summary>Parses the <c>pixels:</c> node; errors name the line.</summary>
        public static PixelRules Parse(YamlNode node, string source)
        {
            if (node is YamlScalarNode empty && string.IsNullOrEmpty(empty.Value)) return None;
            if (!(node is YamlMappingNode m)) throw new ProfileFormatException(source, Line(node), "pixels must be a mapping with rules");
            var rules = new List<PixelRule>();
            foreach (var kv in m.Children)
            {
                string key = Scalar(kv.Key, source);
                if (!string.Equals(key, "rules", StringComparison.OrdinalIgnoreCase))
                    throw new ProfileFormatException(source, Line(kv.Key), "unknown pixels key '" + key + "' (rules)");
                if (kv.Value is YamlScalarNode sc && string.IsNullOrEmpty(sc.Value)) continue;
                if (!(kv.Value is YamlSequenceNode seq)) throw new ProfileFormatException(source, Line(kv.Value), "pixels.rules must be a list");
                foreach (var item in seq.Children)
                {
                    var rule = ParseRule(item, source);
                    if (rules.Any(r => string.Equals(r.Name, rule.Name, StringComparison.OrdinalIgnoreCase)))
                        throw new ProfileFormatException(source, Line(item), "two pixel rules are named '" + rule.Name + "'");
                    rules.Add(rule);
                }
            }
            return new PixelRules(rules.AsReadOnly());
        }

        private static PixelRule ParseRule(YamlNode node, string source)
        {
            if (!(node is YamlMappingNode m)) throw new ProfileFormatException(source, Line(node), "a pixel rule is a mapping: { name: ..., when: {...}, mask: [[x, y, w, h]] | action: drop | action: keep }");
            string name = null, action = null;
            PixelRuleCondition when = null;
            var rects = new List<PixelRectangle>();
            bool hasMask = false;
            foreach (var kv in m.Children)
            {
                string k = Scalar(kv.Key, source).ToLowerInvariant();
                switch (k)
                {
                    case "name": name = Scalar(kv.Value, source).Trim(); break;
                    case "action": action = Scalar(kv.Value, source).Trim().ToLowerInvariant(); break;
                    case "when": when = ParseCondition(kv.Value, source); break;
                    case "mask":
                        hasMask = true;
                        if (!(kv.Value is YamlSequenceNode list)) throw new ProfileFormatException(source, Line(kv.Value), "mask is a list of rectangles [x, y, width, height]");
                        foreach (var r in list.Children) rects.Add(ParseRectangle(r, source));
                        break;
                    default: throw new ProfileFormatException(source, Line(kv.Key), "unknown pixel rule key '" + k + "' (name, when, mask, action)");
                }
            }
            if (string.IsNullOrEmpty(name)) throw new ProfileFormatException(source, Line(node), "a pixel rule needs a name");
            if (when == null || when.IsEmpty) throw new ProfileFormatException(source, Line(node), "pixel rule '" + name + "' needs a condition (when: { " + string.Join(", ", PixelRuleCondition.FieldNames) + " })");
            PixelRuleAction a;
            switch (action ?? (hasMask ? "mask" : null))
            {
                case "mask": a = PixelRuleAction.Mask; break;
                case "drop": a = PixelRuleAction.Drop; break;
                case "keep": a = PixelRuleAction.Keep; break;
                case null: throw new ProfileFormatException(source, Line(node), "pixel rule '" + name + "' needs mask rectangles or an action (drop, keep)");
                default: throw new ProfileFormatException(source, Line(node), "pixel rule '" + name + "': unknown action '" + action + "' (mask, drop, keep)");
            }
            if (a == PixelRuleAction.Mask && rects.Count == 0) throw new ProfileFormatException(source, Line(node), "pixel rule '" + name + "' masks but lists no rectangle");
            if (a != PixelRuleAction.Mask && hasMask) throw new ProfileFormatException(source, Line(node), "pixel rule '" + name + "': only action mask takes rectangles");
            return new PixelRule(name, when, a, rects.AsReadOnly());
        }

        private static PixelRuleCondition ParseCondition(YamlNode node, string source)
        {
            if (!(node is YamlMappingNode m)) throw new ProfileFormatException(source, Line(node), "when is a mapping of header fields (" + string.Join(", ", PixelRuleCondition.FieldNames) + ")");
            var c = new PixelRuleCondition();
            foreach (var kv in m.Children)
            {
                string field = Scalar(kv.Key, source);
                IEnumerable<string> values = kv.Value is YamlSequenceNode s ? s.Children.Select(x => Scalar(x, source)) : new[] { Scalar(kv.Value, source) };
                try { c.Add(field, values.ToList()); }
                catch (ArgumentException ex) { throw new ProfileFormatException(source, Line(kv.Key), ex.Message); }
            }
            return c;
        }

        private static PixelRectangle ParseRectangle(YamlNode node, string source)
        {
            var values = node is YamlSequenceNode s ? s.Children.Select(x => Scalar(x, source)).ToArray() : null;
            if (values == null || values.Length != 4) throw new ProfileFormatException(source, Line(node), "a mask rectangle is [x, y, width, height]");
            var n = new int[4];
            for (int i = 0; i < 4; i++)
                if (!int.TryParse(values[i], NumberStyles.Integer, CultureInfo.InvariantCulture, out n[i]) || n[i] < 0 || i >= 2 && n[i] == 0)
                    throw new ProfileFormatException(source, Line(node), "a mask rectangle is [x, y, width, height] in whole pixels (x, y from 0; width, height at least 1)");
            return new PixelRectangle(n[0], n[1], n[2], n[3]);
        }

        private static string Scalar(YamlNode node, string source)
        {
            if (node is YamlScalarNode s) return s.Value ?? string.Empty;
            throw new ProfileFormatException(source, Line(node), "expected a single value");
        }

        private static int Line(YamlNode node) => (int)node.Start.Line;
    }
}
