using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace HamletPS.Generators.Help
{
    /// <summary>
    /// Reads one command's help markdown in the platyPS layout (front matter; `# Verb-Noun`; `## SYNOPSIS`, `## SYNTAX`,
    /// `## DESCRIPTION`, `## EXAMPLES`, `## PARAMETERS`, `## INPUTS`, `## OUTPUTS`, `## NOTES`, `## RELATED LINKS` in that
    /// order) into a <see cref="CommandHelp"/>. Anything off the layout is a <see cref="HelpFormatException"/> naming file:line.
    /// </summary>
    public static class CommandMarkdownReader
    {
        public const string Synopsis = "SYNOPSIS";
        public const string Syntax = "SYNTAX";
        public const string Aliases = "ALIASES";
        public const string Description = "DESCRIPTION";
        public const string Examples = "EXAMPLES";
        public const string Parameters = "PARAMETERS";
        public const string Inputs = "INPUTS";
        public const string Outputs = "OUTPUTS";
        public const string Notes = "NOTES";
        public const string RelatedLinks = "RELATED LINKS";

        /// <summary>The sections in their required order; ALIASES is the only optional one.</summary>
        public static readonly string[] SectionOrder =
        {
            Synopsis, Syntax, Aliases, Description, Examples, Parameters, Inputs, Outputs, Notes, RelatedLinks,
        };

        private static readonly Regex CommandName = new Regex(@"^[A-Za-z]+-[A-Za-z0-9]+$", RegexOptions.CultureInvariant);
        private static readonly Regex SetHeading = new Regex(@"^(?<name>\S+?)\s*(?<default>\(Default\))?$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);
        private static readonly Regex ExampleHeading = new Regex(@"^Example\s+\d+\s*(:.*)?$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);
        private static readonly Regex ParameterHeading = new Regex(@"^-(?<name>[A-Za-z_][A-Za-z0-9_]*)$", RegexOptions.CultureInvariant);
        private static readonly Regex SyntaxParameter = new Regex(@"(?<![\w-])-(?<name>[A-Za-z_][A-Za-z0-9_]*)", RegexOptions.CultureInvariant);
        private static readonly Regex Link = new Regex(@"^\s*(?:[-*+]\s+)?\[(?<text>[^\]]*)\]\((?<uri>[^)\s]*)\)\s*$", RegexOptions.CultureInvariant);

        public static CommandHelp ReadFile(string path) => Read(File.ReadAllText(path, Encoding.UTF8), path);

        /// <summary>Parses <paramref name="markdown"/>; <paramref name="file"/> names it in errors (and must be Verb-Noun.md).</summary>
        public static CommandHelp Read(string markdown, string file)
        {
            string[] lines = MarkdownTokenizer.SplitLines(markdown);
            var frontMatter = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            int start = MarkdownTokenizer.ReadFrontMatter(lines, file, frontMatter);
            List<MarkdownBlock> blocks = MarkdownTokenizer.Tokenize(lines, start, file);

            var help = new CommandHelp { SourceFile = file };
            if (frontMatter.TryGetValue("online version", out string online)) help.OnlineVersion = online;

            int index = 0;
            while (index < blocks.Count && blocks[index].Kind == MarkdownBlockKind.Blank) index++;
            if (index == blocks.Count || blocks[index].Kind != MarkdownBlockKind.Heading || blocks[index].Level != 1)
            {
                throw new HelpFormatException(file, index < blocks.Count ? blocks[index].Line : lines.Length, "expected the `# Verb-Noun` title");
            }
            MarkdownBlock title = blocks[index++];
            if (!CommandName.IsMatch(title.Text)) throw new HelpFormatException(file, title.Line, "title `" + title.Text + "` is not a Verb-Noun command name");
            string expected = Path.GetFileNameWithoutExtension(file);
            if (!string.Equals(title.Text, expected, StringComparison.Ordinal))
            {
                throw new HelpFormatException(file, title.Line, "title `" + title.Text + "` does not match the file name `" + expected + ".md`");
            }
            help.Name = title.Text;

            Dictionary<string, Section> sections = SplitSections(blocks, index, file, lines.Length);

            help.Synopsis.AddRange(RequireText(sections[Synopsis], file, "SYNOPSIS"));
            ReadSyntax(help, sections[Syntax], file);
            help.Description.AddRange(RequireText(sections[Description], file, "DESCRIPTION"));
            ReadExamples(help, sections[Examples], file);
            ReadParameters(help, sections[Parameters], file);
            ReadTypes(help.Inputs, sections[Inputs], file);
            ReadTypes(help.Outputs, sections[Outputs], file);
            help.Notes.AddRange(MarkdownParagraphs.From(sections[Notes].Blocks));
            ReadRelatedLinks(help, sections[RelatedLinks], file);
            CheckSyntaxAgainstParameters(help, file);
            return help;
        }

        private sealed class Section
        {
            public string Name;
            public int Line;
            public readonly List<MarkdownBlock> Blocks = new List<MarkdownBlock>();
        }

        private static Dictionary<string, Section> SplitSections(List<MarkdownBlock> blocks, int index, string file, int lineCount)
        {
            var found = new List<Section>();
            Section current = null;
            for (; index < blocks.Count; index++)
            {
                MarkdownBlock block = blocks[index];
                if (block.Kind == MarkdownBlockKind.Heading && block.Level == 1)
                {
                    throw new HelpFormatException(file, block.Line, "a second `#` title; one command per file");
                }
                if (block.Kind == MarkdownBlockKind.Heading && block.Level == 2)
                {
                    string name = block.Text.Trim();
                    int order = Array.IndexOf(SectionOrder, name);
                    if (order < 0)
                    {
                        throw new HelpFormatException(file, block.Line, "unknown section `## " + name + "` (sections are " + string.Join(", ", SectionOrder) + ", in upper case)");
                    }
                    Section previous = found.FirstOrDefault(s => s.Name == name);
                    if (previous != null) throw new HelpFormatException(file, block.Line, "section `## " + name + "` appears twice (first at line " + previous.Line + ")");
                    if (found.Count > 0 && Array.IndexOf(SectionOrder, found[found.Count - 1].Name) > order)
                    {
                        throw new HelpFormatException(file, block.Line, "section `## " + name + "` must come before `## " + found[found.Count - 1].Name + "`");
                    }
                    current = new Section { Name = name, Line = block.Line };
                    found.Add(current);
                    continue;
                }
                if (current == null)
                {
                    if (block.Kind == MarkdownBlockKind.Blank) continue;
                    throw new HelpFormatException(file, block.Line, "text between the title and `## SYNOPSIS`");
                }
                current.Blocks.Add(block);
            }

            var result = found.ToDictionary(s => s.Name);
            for (int i = 0; i < SectionOrder.Length; i++)
            {
                string name = SectionOrder[i];
                if (result.ContainsKey(name) || name == Aliases) continue;
                Section next = found.FirstOrDefault(s => Array.IndexOf(SectionOrder, s.Name) > i);
                int line = next != null ? next.Line : lineCount;
                throw new HelpFormatException(file, line, "missing section `## " + name + "`");
            }
            return result;
        }

        private static List<string> RequireText(Section section, string file, string what)
        {
            RejectSubheadings(section, file);
            List<string> paragraphs = MarkdownParagraphs.From(section.Blocks);
            if (paragraphs.Count == 0) throw new HelpFormatException(file, section.Line, "section `## " + what + "` is empty");
            return paragraphs;
        }

        private static void RejectSubheadings(Section section, string file)
        {
            MarkdownBlock heading = section.Blocks.FirstOrDefault(b => b.Kind == MarkdownBlockKind.Heading);
            if (heading != null) throw new HelpFormatException(file, heading.Line, "no `###` headings belong in `## " + section.Name + "`");
        }

        /// <summary>Splits a section at its `###` headings; text before the first one must be blank.</summary>
        private static List<KeyValuePair<MarkdownBlock, List<MarkdownBlock>>> SplitEntries(Section section, string file)
        {
            var entries = new List<KeyValuePair<MarkdownBlock, List<MarkdownBlock>>>();
            List<MarkdownBlock> current = null;
            foreach (MarkdownBlock block in section.Blocks)
            {
                if (block.Kind == MarkdownBlockKind.Heading && block.Level == 3)
                {
                    current = new List<MarkdownBlock>();
                    entries.Add(new KeyValuePair<MarkdownBlock, List<MarkdownBlock>>(block, current));
                    continue;
                }
                if (block.Kind == MarkdownBlockKind.Heading && block.Level > 3 && current == null || block.Kind == MarkdownBlockKind.Heading && block.Level < 3)
                {
                    throw new HelpFormatException(file, block.Line, "unexpected heading `" + block.Text + "` in `## " + section.Name + "`");
                }
                if (current == null)
                {
                    if (block.Kind == MarkdownBlockKind.Blank) continue;
                    throw new HelpFormatException(file, block.Line, "text before the first `###` entry of `## " + section.Name + "`");
                }
                current.Add(block);
            }
            return entries;
        }

        private static void ReadSyntax(CommandHelp help, Section section, string file)
        {
            if (!section.Blocks.Any(b => b.Kind == MarkdownBlockKind.Heading))
            {
                List<MarkdownBlock> fences = section.Blocks.Where(b => b.Kind == MarkdownBlockKind.Fence).ToList();
                MarkdownBlock stray = section.Blocks.FirstOrDefault(b => b.Kind == MarkdownBlockKind.Text);
                if (stray != null) throw new HelpFormatException(file, stray.Line, "text outside the syntax fence in `## SYNTAX`");
                if (fences.Count != 1) throw new HelpFormatException(file, section.Line, "`## SYNTAX` needs one fenced syntax line, or `### SetName` entries each with one");
                help.SyntaxSets.Add(new SyntaxSetHelp
                {
                    Name = SyntaxSetHelp.AllParameterSets, IsDefault = true, SyntaxText = JoinSyntax(fences[0]), Line = fences[0].Line,
                });
                return;
            }
            foreach (var entry in SplitEntries(section, file))
            {
                Match m = SetHeading.Match(entry.Key.Text.Trim());
                if (!m.Success) throw new HelpFormatException(file, entry.Key.Line, "parameter set heading `" + entry.Key.Text + "` is not `SetName` or `SetName (Default)`");
                string name = m.Groups["name"].Value;
                if (help.SyntaxSets.Any(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase)))
                {
                    throw new HelpFormatException(file, entry.Key.Line, "parameter set `" + name + "` is listed twice");
                }
                List<MarkdownBlock> fences = entry.Value.Where(b => b.Kind == MarkdownBlockKind.Fence).ToList();
                MarkdownBlock stray = entry.Value.FirstOrDefault(b => b.Kind != MarkdownBlockKind.Fence && b.Kind != MarkdownBlockKind.Blank);
                if (stray != null) throw new HelpFormatException(file, stray.Line, "only the fenced syntax line belongs under `### " + entry.Key.Text + "`");
                if (fences.Count != 1) throw new HelpFormatException(file, entry.Key.Line, "parameter set `" + name + "` needs exactly one fenced syntax line");
                help.SyntaxSets.Add(new SyntaxSetHelp
                {
                    Name = name, IsDefault = m.Groups["default"].Success, SyntaxText = JoinSyntax(fences[0]), Line = fences[0].Line,
                });
            }
            if (help.SyntaxSets.Count(s => s.IsDefault) > 1)
            {
                throw new HelpFormatException(file, help.SyntaxSets.Where(s => s.IsDefault).ElementAt(1).Line, "more than one parameter set is marked (Default)");
            }
        }

        private static string JoinSyntax(MarkdownBlock fence) =>
            string.Join(" ", fence.FenceLines.Select(l => l.Trim()).Where(l => l.Length > 0));

        private static void ReadExamples(CommandHelp help, Section section, string file)
        {
            var entries = SplitEntries(section, file);
            if (entries.Count == 0) throw new HelpFormatException(file, section.Line, "`## EXAMPLES` has no `### Example 1: title` entry");
            foreach (var entry in entries)
            {
                if (!ExampleHeading.IsMatch(entry.Key.Text.Trim()))
                {
                    throw new HelpFormatException(file, entry.Key.Line, "example heading `" + entry.Key.Text + "` is not `Example N: title`");
                }
                List<MarkdownBlock> fences = entry.Value.Where(b => b.Kind == MarkdownBlockKind.Fence).ToList();
                if (fences.Count == 0) throw new HelpFormatException(file, entry.Key.Line, "example `" + entry.Key.Text.Trim() + "` has no code fence");
                MarkdownBlock empty = fences.FirstOrDefault(f => f.FenceLines.All(l => l.Trim().Length == 0));
                if (empty != null) throw new HelpFormatException(file, empty.Line, "example code fence is empty");
                var example = new ExampleHelp
                {
                    Title = entry.Key.Text.Trim(),
                    Code = string.Join("\n\n", fences.Select(f => string.Join("\n", TrimBlankEdges(f.FenceLines)))),
                };
                example.Remarks.AddRange(MarkdownParagraphs.From(entry.Value.Where(b => b.Kind != MarkdownBlockKind.Fence)));
                help.Examples.Add(example);
            }
        }

        private static IEnumerable<string> TrimBlankEdges(List<string> lines)
        {
            int first = 0, last = lines.Count - 1;
            while (first <= last && lines[first].Trim().Length == 0) first++;
            while (last >= first && lines[last].Trim().Length == 0) last--;
            return lines.Skip(first).Take(last - first + 1);
        }

        private static void ReadParameters(CommandHelp help, Section section, string file)
        {
            foreach (var entry in SplitEntries(section, file))
            {
                string heading = entry.Key.Text.Trim();
                if (string.Equals(heading, "CommonParameters", StringComparison.OrdinalIgnoreCase))
                {
                    help.SupportsCommonParameters = true;
                    continue;
                }
                Match m = ParameterHeading.Match(heading);
                if (!m.Success) throw new HelpFormatException(file, entry.Key.Line, "parameter heading `" + heading + "` is not `-Name` or `CommonParameters`");
                var parameter = new ParameterHelp { Name = m.Groups["name"].Value, Line = entry.Key.Line };
                ParameterHelp earlier = help.Parameters.FirstOrDefault(p => string.Equals(p.Name, parameter.Name, StringComparison.OrdinalIgnoreCase));
                if (earlier != null) throw new HelpFormatException(file, entry.Key.Line, "parameter -" + parameter.Name + " is documented twice (first at line " + earlier.Line + ")");

                var text = new List<MarkdownBlock>();
                foreach (MarkdownBlock block in entry.Value)
                {
                    if (block.Kind == MarkdownBlockKind.Fence && block.Info == "yaml") parameter.Blocks.Add(ParameterYamlReader.Read(block, file));
                    else if (block.Kind == MarkdownBlockKind.Heading) throw new HelpFormatException(file, block.Line, "unexpected heading `" + block.Text + "` under parameter -" + parameter.Name);
                    else text.Add(block);
                }
                if (parameter.Blocks.Count == 0) throw new HelpFormatException(file, entry.Key.Line, "parameter -" + parameter.Name + " has no ```yaml block");
                parameter.Description.AddRange(MarkdownParagraphs.From(text));
                if (parameter.Description.Count == 0) throw new HelpFormatException(file, entry.Key.Line, "parameter -" + parameter.Name + " has no description");
                CheckParameterSets(help, parameter, file);
                help.Parameters.Add(parameter);
            }
            if (!help.SupportsCommonParameters)
            {
                throw new HelpFormatException(file, section.Line, "`## PARAMETERS` lacks the `### CommonParameters` entry");
            }
        }

        private static void CheckParameterSets(CommandHelp help, ParameterHelp parameter, string file)
        {
            var covered = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            foreach (ParameterMetadataBlock block in parameter.Blocks)
            {
                IEnumerable<string> sets = block.AppliesToAllSets ? help.SyntaxSets.Select(s => s.Name) : block.ParameterSets;
                foreach (string set in sets)
                {
                    if (!block.AppliesToAllSets && !help.SyntaxSets.Any(s => string.Equals(s.Name, set, StringComparison.OrdinalIgnoreCase)))
                    {
                        throw new HelpFormatException(file, block.Line, "parameter -" + parameter.Name + " names parameter set `" + set + "`, which `## SYNTAX` does not list");
                    }
                    if (covered.TryGetValue(set, out int line))
                    {
                        throw new HelpFormatException(file, block.Line, "parameter -" + parameter.Name + " is described twice for set `" + set + "` (also at line " + line + ")");
                    }
                    covered[set] = block.Line;
                }
            }
        }

        private static void ReadTypes(List<TypeHelp> types, Section section, string file)
        {
            foreach (var entry in SplitEntries(section, file))
            {
                var type = new TypeHelp { Name = entry.Key.Text.Trim() };
                type.Description.AddRange(MarkdownParagraphs.From(entry.Value));
                types.Add(type);
            }
        }

        private static void ReadRelatedLinks(CommandHelp help, Section section, string file)
        {
            RejectSubheadings(section, file);
            if (help.OnlineVersion.Length > 0) help.RelatedLinks.Add(new RelatedLink { Text = "Online Version:", Uri = help.OnlineVersion });
            foreach (MarkdownBlock block in section.Blocks)
            {
                if (block.Kind == MarkdownBlockKind.Blank) continue;
                if (block.Kind == MarkdownBlockKind.Fence) throw new HelpFormatException(file, block.Line, "no code belongs in `## RELATED LINKS`");
                Match m = Link.Match(block.Text);
                if (m.Success) help.RelatedLinks.Add(new RelatedLink { Text = m.Groups["text"].Value.Trim(), Uri = m.Groups["uri"].Value });
                else help.RelatedLinks.Add(new RelatedLink { Text = Regex.Replace(block.Text.Trim(), @"^[-*+]\s+", string.Empty) });
            }
        }

        /// <summary>The fenced syntax line of each set names exactly the parameters documented for that set.</summary>
        private static void CheckSyntaxAgainstParameters(CommandHelp help, string file)
        {
            foreach (SyntaxSetHelp set in help.SyntaxSets)
            {
                if (!set.SyntaxText.StartsWith(help.Name + " ", StringComparison.OrdinalIgnoreCase) && !string.Equals(set.SyntaxText, help.Name, StringComparison.OrdinalIgnoreCase))
                {
                    throw new HelpFormatException(file, set.Line, "syntax line does not start with `" + help.Name + "`");
                }
                var named = new HashSet<string>(
                    SyntaxParameter.Matches(set.SyntaxText.Substring(help.Name.Length)).Cast<Match>().Select(m => m.Groups["name"].Value),
                    StringComparer.OrdinalIgnoreCase);
                var documented = help.Parameters.Where(p => p.Blocks.Any(b => b.AppliesTo(set.Name) || set.Name == SyntaxSetHelp.AllParameterSets)).ToList();
                foreach (ParameterHelp parameter in documented)
                {
                    if (!named.Contains(parameter.Name))
                    {
                        throw new HelpFormatException(file, set.Line, "syntax of set `" + set.Name + "` lacks -" + parameter.Name + " (documented for it at line " + parameter.Line + ")");
                    }
                }
                foreach (string name in named.OrderBy(n => n, StringComparer.Ordinal))
                {
                    if (!documented.Any(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)))
                    {
                        throw new HelpFormatException(file, set.Line, "syntax of set `" + set.Name + "` names -" + name + ", which has no `### -" + name + "` entry for that set");
                    }
                }
                if (help.SupportsCommonParameters && set.SyntaxText.IndexOf("<CommonParameters>", StringComparison.OrdinalIgnoreCase) < 0)
                {
                    throw new HelpFormatException(file, set.Line, "syntax of set `" + set.Name + "` lacks [<CommonParameters>]");
                }
            }
        }
    }
}
