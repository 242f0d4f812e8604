using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace HamletPS.Generators
{
    /// <summary>
    /// `hamlet-gen iod-types`: turns the PS3.3 module tables (GDCM's Part3.xml, reduced copy in Data/) and the SOP Class ->
    /// IOD map (Data/sop-class-iods.tsv) into HamletPS.Core's per-IOD attribute types: for every IOD a tree whose nodes are
    /// the attributes allowed at one place (top level, or the items of one sequence at one path) with their type (1, 2, 3;
    /// 1C counts as 1, 2C as 2) and, for a sequence, the node of its items. Modules and macros are expanded (includes at their
    /// nesting level; an include already being expanded is skipped, so recursive macros end), the modules of an IOD are
    /// merged (an attribute in two modules takes the more required type; sequences merge their items), equal nodes are
    /// shared. One extra root merges every IOD (for SOP Classes without a known IOD). Deterministic output.
    /// </summary>
    public static class IodTypesGenerator
    {
        public const string DefaultPart3 = "src/HamletPS.Generators/Data/Part3.modules.xml";
        public const string DefaultMap = "src/HamletPS.Generators/Data/sop-class-iods.tsv";
        public const string DefaultUpdates = "src/HamletPS.Generators/Data/part3-updates.tsv";
        public const string DefaultOutputFolder = "src/HamletPS.Core/Deidentification/Generated";
        public const string OutputFileName = "IodAttributeTypes.g.cs";

        private static readonly Regex TableRef = new Regex(@"Table\s+([A-Z]?[0-9][0-9A-Za-z.]*-[0-9A-Za-z.]+|[A-Z]?[0-9][0-9.]*-[0-9]+[a-z]?)", RegexOptions.CultureInvariant);

        /// <summary>hamlet-gen iod-types [--part3 FILE] [--map FILE] [--updates FILE] [--out DIR]; paths relative to the repository root.</summary>
        public static int Run(string[] args)
        {
            var options = GeneratorCommandLine.Parse(args, new Dictionary<string, string> { ["part3"] = DefaultPart3, ["map"] = DefaultMap, ["updates"] = DefaultUpdates, ["out"] = DefaultOutputFolder },
                "hamlet-gen iod-types [--part3 <Part3.xml>] [--map <sop-class-iods.tsv>] [--updates <part3-updates.tsv>] [--out <folder>]");
            if (options == null) return 2;
            try
            {
                string code = Generate(File.ReadAllText(options.FullPath("part3"), Encoding.UTF8), File.ReadAllText(options.FullPath("map"), Encoding.UTF8),
                    File.ReadAllText(options.FullPath("updates"), Encoding.UTF8));
                Console.WriteLine("wrote " + GeneratedSourceFile.Write(options.FullPath("out"), OutputFileName, code));
                return 0;
            }
            catch (Exception e) when (e is IOException || e is FormatException || e is UnauthorizedAccessException || e is System.Xml.XmlException)
            {
                Console.Error.WriteLine("hamlet-gen iod-types: " + e.Message);
                return 1;
            }
        }

        /// <summary>One place in an IOD: attribute tag -> (type, node of its items or null).</summary>
        private sealed class Node
        {
            public readonly SortedDictionary<uint, (int Type, Node Items)> Entries = new SortedDictionary<uint, (int, Node)>();

            public void Add(uint tag, int type, Node items)
            {
                if (Entries.TryGetValue(tag, out var old))
                {
                    Node merged = old.Items;
                    if (items != null)
                    {
                        if (merged == null) merged = new Node();
                        merged.MergeFrom(items);
                    }
                    Entries[tag] = (Math.Min(old.Type, type), merged);
                }
                else Entries[tag] = (type, items == null ? null : Copy(items));
            }

            public void MergeFrom(Node other)
            {
                foreach (var e in other.Entries) Add(e.Key, e.Value.Type, e.Value.Items);
            }

            private static Node Copy(Node n)
            {
                var c = new Node();
                c.MergeFrom(n);
                return c;
            }
        }

        /// <summary>The generated C# source.</summary>
        public static string Generate(string part3Xml, string mapTsv, string updatesTsv)
        {
            var doc = XDocument.Parse(part3Xml);
            var tables = new Dictionary<string, XElement>(StringComparer.Ordinal);
            var modulesBySection = new Dictionary<string, XElement>(StringComparer.Ordinal);
            var iods = new Dictionary<string, XElement>(StringComparer.Ordinal);
            foreach (var el in doc.Root.Elements())
            {
                string table = (string)el.Attribute("table");
                if (table == null) continue;
                if (el.Name.LocalName == "iod") { if (!iods.ContainsKey(table)) iods[table] = el; continue; }
                if (el.Name.LocalName != "module" && el.Name.LocalName != "macro") continue;
                if (!tables.ContainsKey(table)) tables[table] = el;
                string section = (string)el.Attribute("ref");
                if (el.Name.LocalName == "module" && section != null && !modulesBySection.ContainsKey(section)) modulesBySection[section] = el;
            }
            // The functional group macros (the per-IOD tables of which macros an IOD uses are not in the file): every macro
            // whose top-level attributes are all sequences and that C.7.6.16 or a modality section defines.
            var functionalGroups = tables.Values.Where(IsFunctionalGroupMacro).Select(t => (string)t.Attribute("table")).OrderBy(t => t, StringComparer.Ordinal).ToList();

            var expander = new Expander(tables, functionalGroups, ReadUpdates(updatesTsv, tables));
            var roots = new SortedDictionary<string, Node>(StringComparer.Ordinal);
            foreach (var iod in iods)
            {
                var root = new Node();
                foreach (var m in iod.Value.Elements("entry"))
                {
                    string section = (string)m.Attribute("ref");
                    if (section == null || !modulesBySection.TryGetValue(section, out var module))
                        throw new FormatException("Part3: IOD " + iod.Key + " names module " + section + ", which is not in the file");
                    expander.ExpandInto(root, module);
                }
                roots[iod.Key] = root;
            }

            var map = ReadMap(mapTsv, iods);
            var any = new Node();
            foreach (var table in map.Select(r => r.Table).Distinct()) any.MergeFrom(roots[table]);

            // Number the distinct nodes, children before parents.
            var ids = new Dictionary<string, int>(StringComparer.Ordinal);
            var rows = new List<string>();
            var memo = new Dictionary<Node, int>(ReferenceEqualityComparer.Instance);
            int Number(Node n)
            {
                if (memo.TryGetValue(n, out int known)) return known;
                var sb = new StringBuilder();
                foreach (var e in n.Entries)
                {
                    if (sb.Length > 0) sb.Append(' ');
                    sb.Append(e.Key.ToString("X8", CultureInfo.InvariantCulture)).Append((char)('0' + e.Value.Type));
                    if (e.Value.Items != null) sb.Append('>').Append(Number(e.Value.Items).ToString(CultureInfo.InvariantCulture));
                }
                string row = sb.ToString();
                if (!ids.TryGetValue(row, out int id))
                {
                    id = rows.Count;
                    rows.Add(row);
                    ids[row] = id;
                }
                memo[n] = id;
                return id;
            }
            var iodRoot = new SortedDictionary<string, int>(StringComparer.Ordinal);
            foreach (var table in map.Select(r => r.Table).Distinct().OrderBy(t => t, StringComparer.Ordinal)) iodRoot[table] = Number(roots[table]);
            int anyRoot = Number(any);

            var code = new StringBuilder();
            code.Append("// <auto-generated>\n");
            code.Append("// Generated by `hamlet-gen iod-types` from Part3.modules.xml (GDCM's machine-readable PS3.3), part3-updates.tsv and\n");
            code.Append("// sop-class-iods.tsv (src/HamletPS.Generators/Data). Do not edit: change the generator (IodTypesGenerator.cs)\n");
            code.Append("// or the data and regenerate.\n");
            code.Append("// </auto-generated>\n");
            code.Append("using System;\n\n");
            code.Append("namespace HamletPS.Core.Deidentification\n{\n");
            code.Append("    public static partial class IodAttributeTypes\n    {\n");
            code.Append("        /// <summary>The root node of the SOP Classes of no known IOD: every IOD merged.</summary>\n");
            code.Append("        private const int AnyIodRoot = ").Append(anyRoot.ToString(CultureInfo.InvariantCulture)).Append(";\n\n");
            code.Append("        /// <summary>\n");
            code.Append("        /// One row per node (row n = node n): the attributes allowed there, ascending, separated by a space: tag (8 hex\n");
            code.Append("        /// digits), type (1: 1 or 1C, 2: 2 or 2C, 3), and for a sequence '>' and the node of its items. ASCII bytes in the\n");
            code.Append("        /// assembly's data, parsed once.\n");
            code.Append("        /// </summary>\n");
            code.Append("        private static ReadOnlySpan<byte> NodeRows => @\"\n");
            foreach (var r in rows) code.Append(r).Append('\n');
            code.Append("\"u8;\n\n");
            code.Append("        /// <summary>One row per Storage SOP Class with a known IOD: SOP Class UID|root node|PS3.3 IOD table|IOD name.</summary>\n");
            code.Append("        private static ReadOnlySpan<byte> SopClassRows => @\"\n");
            foreach (var r in map.OrderBy(r => r.Uid, StringComparer.Ordinal))
                code.Append(r.Uid).Append('|').Append(iodRoot[r.Table].ToString(CultureInfo.InvariantCulture)).Append('|').Append(r.Table).Append('|').Append(r.IodName).Append('\n');
            code.Append("\"u8;\n");
            code.Append("    }\n}\n");
            return code.ToString();
        }

        private static bool IsFunctionalGroupMacro(XElement table)
        {
            if (table.Name.LocalName != "macro") return false;
            string id = (string)table.Attribute("table");
            bool section = id.StartsWith("C.7.6.16-", StringComparison.Ordinal) || id.StartsWith("C.7.16-", StringComparison.Ordinal) ||
                id.StartsWith("C.8", StringComparison.Ordinal);
            if (!section) return false;
            var top = table.Elements("entry").Where(e => !((string)e.Attribute("name") ?? "").StartsWith(">", StringComparison.Ordinal)).ToList();
            return top.Count > 0 && top.All(e => ((string)e.Attribute("name") ?? "").TrimEnd().EndsWith("Sequence", StringComparison.Ordinal)) &&
                !table.Elements("include").Any(i => !((string)i.Attribute("ref") ?? "").StartsWith(">", StringComparison.Ordinal));
        }

        /// <summary>Expands modules and macros (includes at their depth) into a node tree.</summary>
        private sealed class Expander
        {
            private readonly Dictionary<string, XElement> _tables;
            private readonly List<string> _functionalGroups;
            private readonly ILookup<string, (uint[] Path, int Type)> _updates;

            public Expander(Dictionary<string, XElement> tables, List<string> functionalGroups, ILookup<string, (uint[] Path, int Type)> updates)
            {
                _tables = tables;
                _functionalGroups = functionalGroups;
                _updates = updates;
            }

            public void ExpandInto(Node root, XElement module)
            {
                var flat = new List<(int Depth, uint Tag, int Type)>();
                Flatten(module, 0, new Stack<string>(), flat);
                var temp = Build(flat);
                root.MergeFrom(temp);
            }

            private static Node Build(List<(int Depth, uint Tag, int Type)> flat)
            {
                var root = new Node();
                var nodes = new List<Node> { root }; // nodes[d]: the place where depth-d attributes go
                var last = new List<uint> { 0 };     // last[d]: the attribute last added at depth d
                foreach (var (wanted, tag, type) in flat)
                {
                    int depth = Math.Min(wanted, nodes.Count);
                    if (depth < nodes.Count - 1)
                    {
                        nodes.RemoveRange(depth + 1, nodes.Count - depth - 1);
                        last.RemoveRange(depth + 1, last.Count - depth - 1);
                    }
                    if (depth == nodes.Count)
                    {
                        // The first attribute in the items of the sequence just added one level up.
                        var holder = nodes[depth - 1];
                        var sequence = holder.Entries[last[depth - 1]];
                        var items = sequence.Items ?? new Node();
                        holder.Entries[last[depth - 1]] = (sequence.Type, items);
                        nodes.Add(items);
                        last.Add(0);
                    }
                    var node = nodes[depth];
                    node.Entries[tag] = node.Entries.TryGetValue(tag, out var existing) ? (Math.Min(existing.Type, type), existing.Items) : (type, null);
                    last[depth] = tag;
                }
                return root;
            }

            private void Flatten(XElement table, int baseDepth, Stack<string> including, List<(int, uint, int)> flat)
            {
                string id = (string)table.Attribute("table");
                including.Push(id);
                int skipDeeperThan = int.MaxValue;
                foreach (var el in table.Elements())
                {
                    if (el.Name.LocalName == "entry")
                    {
                        string name = (string)el.Attribute("name") ?? "";
                        int depth = baseDepth + Depth(name);
                        if (depth > skipDeeperThan) continue;
                        skipDeeperThan = int.MaxValue;
                        string group = (string)el.Attribute("group"), element = (string)el.Attribute("element");
                        if (!TryTag(group, element, out uint tag))
                        {
                            skipDeeperThan = depth; // a repeating group (60xx) or no tag: it and its items are left out
                            continue;
                        }
                        flat.Add((depth, tag, TypeOf((string)el.Attribute("type"))));
                    }
                    else if (el.Name.LocalName == "include")
                    {
                        string reference = (string)el.Attribute("ref") ?? "";
                        int depth = baseDepth + Depth(reference);
                        if (depth > skipDeeperThan) continue;
                        if (reference.IndexOf("Functional Group Macros", StringComparison.Ordinal) >= 0)
                        {
                            foreach (var fg in _functionalGroups)
                                if (!including.Contains(fg)) Flatten(_tables[fg], depth, including, flat);
                            continue;
                        }
                        var m = TableRef.Match(reference);
                        if (!m.Success) continue; // "Any other Attribute of ..." and similar prose: nothing to include
                        string target = m.Groups[1].Value.TrimEnd('.');
                        if (!_tables.TryGetValue(target, out var included) || including.Contains(target)) continue;
                        Flatten(included, depth, including, flat);
                    }
                }
                // Later editions of PS3.3: each attribute of the path again, at its depth (the more required type wins; a
                // sequence listed again takes the new attribute into the items it already has).
                foreach (var (updatePath, updateType) in _updates[id])
                    for (int i = 0; i < updatePath.Length; i++)
                        flat.Add((baseDepth + i, updatePath[i], i == updatePath.Length - 1 ? updateType : 3));
                including.Pop();
            }
        }

        private static int Depth(string name)
        {
            int d = 0;
            foreach (char c in name.TrimStart())
            {
                if (c == '>') d++;
                else break;
            }
            return d;
        }

        private static bool TryTag(string group, string element, out uint tag)
        {
            tag = 0;
            if (group == null || element == null || group.Length != 4 || element.Length != 4) return false;
            if (!uint.TryParse(group, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out uint g)) return false;
            if (!uint.TryParse(element, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out uint e)) return false;
            tag = (g << 16) | e;
            return true;
        }

        /// <summary>1 and 1C -> 1; 2 and 2C -> 2; anything else (3, prose) -> 3.</summary>
        private static int TypeOf(string type)
        {
            if (string.IsNullOrEmpty(type)) return 3;
            if (type[0] == '1') return 1;
            if (type[0] == '2') return 2;
            return 3;
        }

        private sealed class MapRow
        {
            public string Uid;
            public string Table;
            public string IodName;
        }

        private static ILookup<string, (uint[] Path, int Type)> ReadUpdates(string tsv, Dictionary<string, XElement> tables)
        {
            var lines = tsv.Replace("\r\n", "\n").Split('\n');
            if (lines[0] != "table\tpath\ttype\treference")
                throw new FormatException("part3-updates.tsv:1: expected the header table, path, type, reference");
            var rows = new List<(string Table, uint[] Path, int Type)>();
            for (int i = 1; i < lines.Length; i++)
            {
                if (lines[i].Length == 0) continue;
                var cells = lines[i].Split('\t');
                string where = "part3-updates.tsv:" + (i + 1).ToString(CultureInfo.InvariantCulture) + ": ";
                if (cells.Length != 4 || cells[3].Length == 0) throw new FormatException(where + "expected 4 cells, the last naming the source");
                if (!tables.ContainsKey(cells[0])) throw new FormatException(where + "table " + cells[0] + " is not in Part3");
                var path = cells[1].Split('/').Select(t => TryTag(t.Length == 8 ? t.Substring(0, 4) : null, t.Length == 8 ? t.Substring(4) : null, out uint tag)
                    ? tag : throw new FormatException(where + "'" + t + "' is not a tag (8 hex digits)")).ToArray();
                if (cells[2] != "1" && cells[2] != "2" && cells[2] != "3") throw new FormatException(where + "type must be 1, 2 or 3");
                rows.Add((cells[0], path, cells[2][0] - '0'));
            }
            return rows.ToLookup(r => r.Table, r => (r.Path, r.Type), StringComparer.Ordinal);
        }

        private static List<MapRow> ReadMap(string tsv, Dictionary<string, XElement> iods)
        {
            var lines = tsv.Replace("\r\n", "\n").Split('\n');
            if (lines[0] != "sop_class_uid\tiod_table\tsop_class_name\tiod_name")
                throw new FormatException("sop-class-iods.tsv:1: expected the header sop_class_uid, iod_table, sop_class_name, iod_name");
            var rows = new List<MapRow>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (int i = 1; i < lines.Length; i++)
            {
                if (lines[i].Length == 0) continue;
                var cells = lines[i].Split('\t');
                string where = "sop-class-iods.tsv:" + (i + 1).ToString(CultureInfo.InvariantCulture) + ": ";
                if (cells.Length != 4) throw new FormatException(where + "expected 4 cells");
                if (!iods.ContainsKey(cells[1])) throw new FormatException(where + "IOD table " + cells[1] + " is not in Part3");
                if (!seen.Add(cells[0])) throw new FormatException(where + "SOP Class " + cells[0] + " listed twice");
                if (cells.Any(c => c.IndexOf('|') >= 0 || c.IndexOf('"') >= 0 || c.Any(ch => ch < 0x20 || ch > 0x7E)))
                    throw new FormatException(where + "'|', '\"' or a character outside printable ASCII");
                rows.Add(new MapRow { Uid = cells[0], Table = cells[1], IodName = cells[3] });
            }
            return rows;
        }
    }
}
