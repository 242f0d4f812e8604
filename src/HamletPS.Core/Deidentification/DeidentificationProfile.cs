using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace HamletPS.Core.Deidentification
{
    /// <summary>
    /// A de-identification profile: the PS3.15 Basic Profile plus any of its ten options, per-tag overrides, the safe-private
    /// list, the UID root, the date-shift range and the test-patient patterns. Loaded from YAML (see docs/deidentification.md);
    /// built-in profiles (hamlet-rt) are embedded resources. Immutable after loading.
    /// </summary>
    public sealed class DeidentificationProfile
    {
        /// <summary>The trial's default profile.</summary>
        public const string DefaultName = "hamlet-rt";

        private const string ResourcePrefix = "HamletPS.Core.Deidentification.Profiles.";
        private static readonly string[] DefaultTestPatterns = { "phy", "test", "qa", "phantom" };

        private DeidentificationProfile() { }

        public string Name { get; private set; }

        public string Description { get; private set; }

        /// <summary>Where the profile came from (file path or "built-in hamlet-rt").</summary>
        public string Source { get; private set; }

        /// <summary>The Annex E options applied on top of the Basic Profile.</summary>
        public IReadOnlyCollection<ConfidentialityOption> Options { get; private set; }

        /// <summary>Per-tag overrides, exact tags first, then keywords/masks in file order (first match wins).</summary>
        public IReadOnlyList<TagOverride> Overrides { get; private set; }

        public IReadOnlyList<SafePrivateElement> SafePrivate { get; private set; }

        /// <summary>The profile's root of remapped UIDs ("2.25" when it states none: see <see cref="SetsUidRoot"/>).</summary>
        public string UidRoot { get; private set; }

        /// <summary>
        /// Whether the profile states <c>uidRoot</c>. Only a stated root beats the configuration's UIDROOT
        /// (<see cref="RemappingSettings"/>); the built-in profiles state none.
        /// </summary>
        public bool SetsUidRoot { get; private set; }

        public int DateShiftMinimumDays { get; private set; }

        public int DateShiftMaximumDays { get; private set; }

        /// <summary>
        /// Whether the profile states <c>dateShift</c> (a key it leaves out keeps its default). Only a stated range beats the
        /// configuration's DATEOFFSETMIN/DATEOFFSETMAX (<see cref="RemappingSettings"/>); the built-in profiles state none.
        /// </summary>
        public bool SetsDateShift { get; private set; }

        /// <summary>Words that mark a test/QA patient in the name or ID (see <see cref="TestPatientDetector"/>).</summary>
        public IReadOnlyList<string> TestPatientPatterns { get; private set; }

        /// <summary>The site's pixel rules (<c>pixels: rules:</c>): what to do with instances whose pixels may carry text.</summary>
        public Pixels.PixelRules Pixels { get; private set; } = Deidentification.Pixels.PixelRules.None;

        public bool HasOption(ConfidentialityOption option) => Options.Contains(option);

        /// <summary>Names of the built-in profiles (for argument completion).</summary>
        public static IReadOnlyList<string> BuiltInNames
        {
            get
            {
                return typeof(DeidentificationProfile).GetTypeInfo().Assembly.GetManifestResourceNames()
                    .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".yaml", StringComparison.Ordinal))
                    .Select(n => n.Substring(ResourcePrefix.Length, n.Length - ResourcePrefix.Length - 5))
                    .OrderBy(n => n, StringComparer.Ordinal).ToArray();
            }
        }

        /// <summary>The built-in <c>hamlet-rt</c> profile.</summary>
        public static DeidentificationProfile Default => BuiltIn(DefaultName);

        /// <summary>A built-in profile by name (case-insensitive).</summary>
        public static DeidentificationProfile BuiltIn(string name)
        {
            string match = BuiltInNames.FirstOrDefault(n => string.Equals(n, name?.Trim(), StringComparison.OrdinalIgnoreCase));
            if (match == null) throw new ArgumentException("There is no built-in de-identification profile named '" + name + "' (built-in: " + string.Join(", ", BuiltInNames) + ").", nameof(name));
            using (var s = typeof(DeidentificationProfile).GetTypeInfo().Assembly.GetManifestResourceStream(ResourcePrefix + match + ".yaml"))
            using (var r = new StreamReader(s))
                return Parse(r.ReadToEnd(), "built-in " + match);
        }

        /// <summary>A built-in name, or else a path to a YAML file; null or empty gives the default profile.</summary>
        public static DeidentificationProfile Resolve(string nameOrPath)
        {
            if (string.IsNullOrWhiteSpace(nameOrPath)) return Default;
            if (BuiltInNames.Any(n => string.Equals(n, nameOrPath.Trim(), StringComparison.OrdinalIgnoreCase))) return BuiltIn(nameOrPath);
            return Load(nameOrPath);
        }

        public static DeidentificationProfile Load(string path)
        {
            if (string.IsNullOrEmpty(path)) throw new ArgumentNullException(nameof(path));
            if (!File.Exists(path)) throw new FileNotFoundException("The de-identification profile does not exist.", path);
            return Parse(File.ReadAllText(path), path);
        }

        /// <summary>Parses profile YAML; errors are <see cref="ProfileFormatException"/> naming the source and line.</summary>
        public static DeidentificationProfile Parse(string yaml, string sourceName = "profile")
        {
            var stream = new YamlStream();
            try { stream.Load(new StringReader(yaml ?? string.Empty)); }
            catch (YamlException ex) { throw new ProfileFormatException(sourceName, (int)ex.Start.Line, "invalid YAML: " + ex.Message); }
            if (stream.Documents.Count == 0 || !(stream.Documents[0].RootNode is YamlMappingNode root))
                throw new ProfileFormatException(sourceName, 1, "the profile must be a YAML mapping (name, options, overrides...)");

            var p = new DeidentificationProfile
            {
                Source = sourceName,
                UidRoot = "2.25",
                DateShiftMinimumDays = Security.DateShifter.DefaultMinimumOffsetDays,
                DateShiftMaximumDays = Security.DateShifter.DefaultMaximumOffsetDays,
            };
            var options = new List<ConfidentialityOption>();
            var exact = new List<TagOverride>();
            var masked = new List<TagOverride>();
            var safe = new List<SafePrivateElement>();
            var tests = new List<string>(DefaultTestPatterns);

            foreach (var kv in root.Children)
            {
                string key = Scalar(kv.Key, sourceName);
                switch (Normalize(key))
                {
                    case "name": p.Name = Scalar(kv.Value, sourceName); break;
                    case "description": p.Description = Scalar(kv.Value, sourceName); break;
                    case "uidroot": p.UidRoot = Scalar(kv.Value, sourceName); p.SetsUidRoot = true; break;
                    case "options":
                        foreach (var item in Sequence(kv.Value, sourceName, key))
                        {
                            string text = Scalar(item, sourceName);
                            if (Normalize(text) == "basic" || Normalize(text) == "basicprofile") continue;
                            if (!TryParseOption(text, out var option))
                                throw new ProfileFormatException(sourceName, Line(item), "unknown option '" + text + "' (expected one of: " + string.Join(", ", Enum.GetNames(typeof(ConfidentialityOption))) + ")");
                            if (!options.Contains(option)) options.Add(option);
                        }
                        break;
                    case "dateshift":
                        if (!(kv.Value is YamlMappingNode ds)) throw new ProfileFormatException(sourceName, Line(kv.Value), "dateShift must be a mapping with minDays and maxDays");
                        p.SetsDateShift = true;
                        foreach (var d in ds.Children)
                        {
                            string k = Normalize(Scalar(d.Key, sourceName));
                            if (!int.TryParse(Scalar(d.Value, sourceName), NumberStyles.Integer, CultureInfo.InvariantCulture, out int days))
                                throw new ProfileFormatException(sourceName, Line(d.Value), "dateShift." + k + " must be a whole number of days");
                            if (k == "mindays") p.DateShiftMinimumDays = days;
                            else if (k == "maxdays") p.DateShiftMaximumDays = days;
                            else throw new ProfileFormatException(sourceName, Line(d.Key), "unknown dateShift key '" + k + "' (minDays, maxDays)");
                        }
                        break;
                    case "overrides":
                        foreach (var item in Sequence(kv.Value, sourceName, key))
                        {
                            var o = ParseOverride(item, sourceName);
                            (o.Pattern.IsExact && !IsKeyword(o.Pattern.Text) ? exact : masked).Add(o);
                        }
                        break;
                    case "safeprivate":
                        foreach (var item in Sequence(kv.Value, sourceName, key)) safe.Add(ParseSafePrivate(item, sourceName));
                        break;
                    case "testpatients":
                        tests.Clear();
                        foreach (var item in Sequence(kv.Value, sourceName, key))
                        {
                            string w = Scalar(item, sourceName).Trim();
                            if (w.Length == 0) throw new ProfileFormatException(sourceName, Line(item), "an empty test-patient pattern");
                            tests.Add(w.ToLowerInvariant());
                        }
                        break;
                    case "pixels": p.Pixels = Deidentification.Pixels.PixelRules.Parse(kv.Value, sourceName); break;
                    default:
                        throw new ProfileFormatException(sourceName, Line(kv.Key), "unknown key '" + key + "' (name, description, options, overrides, safePrivate, uidRoot, dateShift, testPatients, pixels)");
                }
            }
            if (string.IsNullOrWhiteSpace(p.Name)) throw new ProfileFormatException(sourceName, 1, "the profile has no name");
            if (options.Contains(ConfidentialityOption.RetainLongitudinalFullDates) && options.Contains(ConfidentialityOption.RetainLongitudinalModifiedDates))
                throw new ProfileFormatException(sourceName, 1, "RetainLongitudinalFullDates and RetainLongitudinalModifiedDates exclude each other");
            if (!Security.UidRemapper.IsValidUid(p.UidRoot.Trim().TrimEnd('.')) || p.UidRoot.Trim().TrimEnd('.').Length > Security.UidRemapper.MaxUidLength - Security.UidRemapper.MinimumSuffixDigits - 1)
                throw new ProfileFormatException(sourceName, 1, "uidRoot is not a valid UID root leaving " + Security.UidRemapper.MinimumSuffixDigits + " digits for the suffix");
            if (p.DateShiftMinimumDays > p.DateShiftMaximumDays) throw new ProfileFormatException(sourceName, 1, "dateShift.minDays is greater than maxDays");
            if (p.DateShiftMinimumDays < -36500 || p.DateShiftMaximumDays > 36500) throw new ProfileFormatException(sourceName, 1, "dateShift is limited to 100 years either way");
            if (safe.Count > 0 && !options.Contains(ConfidentialityOption.RetainSafePrivate)) options.Add(ConfidentialityOption.RetainSafePrivate);
            options.Sort();
            p.Options = options.AsReadOnly();
            exact.AddRange(masked);
            p.Overrides = exact.AsReadOnly();
            p.SafePrivate = safe.AsReadOnly();
            p.TestPatientPatterns = tests.AsReadOnly();
            return p;
        }

        /// <summary>Parses an option name: the enum name or the standard's wording, case, spaces and dashes ignored.</summary>
        public static bool TryParseOption(string text, out ConfidentialityOption option)
        {
            string n = Normalize(text).Replace("option", "").Replace("temporalinformation", "").Replace("with", "");
            foreach (ConfidentialityOption o in Enum.GetValues(typeof(ConfidentialityOption)))
            {
                if (Normalize(o.ToString()) == n) { option = o; return true; }
            }
            option = default;
            return false;
        }

        private static TagOverride ParseOverride(YamlNode node, string source)
        {
            if (!(node is YamlMappingNode m)) throw new ProfileFormatException(source, Line(node), "an override is a mapping: { tag: ..., action: ..., value: ... }");
            string tag = null, action = null, value = null;
            foreach (var kv in m.Children)
            {
                string k = Normalize(Scalar(kv.Key, source));
                string v = Scalar(kv.Value, source);
                if (k == "tag" || k == "keyword") tag = v;
                else if (k == "action") action = v;
                else if (k == "value") value = v;
                else throw new ProfileFormatException(source, Line(kv.Key), "unknown override key '" + k + "' (tag, action, value)");
            }
            if (tag == null) throw new ProfileFormatException(source, Line(node), "an override needs a tag");
            if (!TagPattern.TryParse(tag, out var pattern)) throw new ProfileFormatException(source, Line(node), "'" + tag + "' is not a tag, group mask or keyword");
            if (action == null) throw new ProfileFormatException(source, Line(node), "an override needs an action");
            AttributeAction a;
            switch (Normalize(action))
            {
                case "keep": a = AttributeAction.Keep; break;
                case "remove": case "delete": a = AttributeAction.Remove; break;
                case "empty": case "zero": a = AttributeAction.Empty; break;
                case "dummy": a = AttributeAction.Dummy; break;
                case "clean": a = AttributeAction.Clean; break;
                case "replace": a = AttributeAction.Replace; break;
                case "hash": a = AttributeAction.Hash; break;
                case "shiftdate": case "shift": a = AttributeAction.ShiftDate; break;
                case "remapuid": case "uid": a = AttributeAction.RemapUid; break;
                default: throw new ProfileFormatException(source, Line(node), "unknown action '" + action + "' (keep, remove, empty, dummy, clean, replace, hash, shiftDate, remapUid)");
            }
            if (a == AttributeAction.Replace && value == null) throw new ProfileFormatException(source, Line(node), "action replace needs a value");
            if (a != AttributeAction.Replace && value != null) throw new ProfileFormatException(source, Line(node), "only action replace takes a value");
            return new TagOverride(pattern, a, value);
        }

        private static SafePrivateElement ParseSafePrivate(YamlNode node, string source)
        {
            if (!(node is YamlMappingNode m)) throw new ProfileFormatException(source, Line(node), "a safe-private entry is a mapping: { creator: ..., group: \"0019\", elements: [\"10\", \"1A\"] }");
            string creator = null;
            ushort? group = null;
            var offsets = new List<byte>();
            foreach (var kv in m.Children)
            {
                string k = Normalize(Scalar(kv.Key, source));
                if (k == "creator") creator = Scalar(kv.Value, source);
                else if (k == "group")
                {
                    string g = Scalar(kv.Value, source).Trim();
                    if (g.StartsWith("0x", StringComparison.OrdinalIgnoreCase)) g = g.Substring(2);
                    if (!ushort.TryParse(g, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var gv) || (gv & 1) == 0)
                        throw new ProfileFormatException(source, Line(kv.Value), "safePrivate group '" + g + "' is not an odd hex group");
                    group = gv;
                }
                else if (k == "elements")
                {
                    foreach (var e in Sequence(kv.Value, source, "elements"))
                    {
                        string t = Scalar(e, source).Trim();
                        if (t.StartsWith("0x", StringComparison.OrdinalIgnoreCase)) t = t.Substring(2);
                        if (!byte.TryParse(t, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var b))
                            throw new ProfileFormatException(source, Line(e), "safePrivate element offset '" + t + "' is not a hex byte (00-FF)");
                        offsets.Add(b);
                    }
                }
                else throw new ProfileFormatException(source, Line(kv.Key), "unknown safePrivate key '" + k + "' (creator, group, elements)");
            }
            if (string.IsNullOrWhiteSpace(creator)) throw new ProfileFormatException(source, Line(node), "a safe-private entry needs a creator");
            return new SafePrivateElement(creator, group, offsets);
        }

        private static bool IsKeyword(string text) => !text.TrimStart().StartsWith("(", StringComparison.Ordinal) && !(text.Length == 8 || text.Length == 9);

        private static IEnumerable<YamlNode> Sequence(YamlNode node, string source, string key)
        {
            if (node is YamlSequenceNode s) return s.Children;
            if (node is YamlScalarNode sc && string.IsNullOrEmpty(sc.Value)) return Array.Empty<YamlNode>();
            throw new ProfileFormatException(source, Line(node), key + " must be a list");
        }

        private static string Scalar(YamlNode node, string source)
        {
            if (node is YamlScalarNode s) return s.Value ?? string.Empty;
            throw new ProfileFormatException(source, Line(node), "expected a single value");
        }

        private static int Line(YamlNode node) => (int)node.Start.Line;

        private static string Normalize(string s) => (s ?? string.Empty).Replace(" ", "").Replace("-", "").Replace("_", "").ToLowerInvariant();

        public override string ToString() => "Profile " + Name + " (" + Source + ")";
    }
}
