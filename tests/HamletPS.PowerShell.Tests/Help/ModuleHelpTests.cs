using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text.RegularExpressions;
using HamletPS.Generators.Help;
using Xunit;

namespace HamletPS.PowerShell.Tests.Help
{
    /// <summary>
    /// The help of the real module, for every command it has: what Get-Help -Full shows from the laid-out MAML, and the
    /// markdown in docs/cmdlets against each command's metadata, so help can neither be missing nor drift.
    /// </summary>
    public class ModuleHelpTests
    {
        private static string DocsFolder => Path.Combine(ModuleLayout.RepoRoot, "docs", "cmdlets");

        private static string AboutFile => Path.Combine(ModuleLayout.RepoRoot, "docs", "about_HamletPS.md");

        private static List<CommandInfo> ModuleCommands(PowerShellSession session) =>
            session.Invoke("Get-Command -Module HamletPS").Select(o => (CommandInfo)o.BaseObject).OrderBy(c => c.Name, StringComparer.Ordinal).ToList();

        [Fact]
        public void LaidOutModule_CarriesTheHelpGeneratedFromTheCurrentDocs()
        {
            string folder = Path.Combine(ModuleLayout.ModuleFolder, "en-US");
            string maml = Path.Combine(folder, HelpGenerator.MamlFileName);
            Assert.True(File.Exists(maml), maml + " is missing: `dotnet publish src/HamletPS -c Release` generates it");
            Assert.True(File.Exists(Path.Combine(folder, "about_HamletPS.help.txt")));
            string expected = MamlWriter.Write(HelpGenerator.ReadCommands(DocsFolder));
            Assert.True(expected == File.ReadAllText(maml), maml + " is stale: re-run `dotnet publish src/HamletPS -c Release`");
        }

        [Fact]
        public void EveryDocumentedCommand_MatchesTheCommandMetadata()
        {
            using var session = new PowerShellSession();
            var commands = ModuleCommands(session).ToDictionary(c => c.Name, StringComparer.OrdinalIgnoreCase);
            var problems = new List<string>();
            foreach (CommandHelp help in HelpGenerator.ReadCommands(DocsFolder))
            {
                if (!commands.TryGetValue(help.Name, out CommandInfo command))
                {
                    problems.Add(help.SourceFile + ": documents " + help.Name + ", which the module does not export");
                    continue;
                }
                problems.AddRange(HelpMetadataComparer.Compare(help, command));
            }
            foreach (string name in commands.Keys.OrderBy(n => n, StringComparer.Ordinal))
            {
                if (!File.Exists(Path.Combine(DocsFolder, name + ".md"))) problems.Add(name + ": docs/cmdlets/" + name + ".md is missing (copy docs/cmdlets/_template.md)");
            }
            Assert.True(problems.Count == 0, string.Join("\n", problems));
        }

        /// <summary>The command table of about_HamletPS: every command the module has is `available`, and no other is.</summary>
        [Fact]
        public void AboutTopic_CommandStatusMatchesTheModule()
        {
            var rows = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (string line in File.ReadAllLines(AboutFile))
            {
                Match m = Regex.Match(line, @"^\|\s*(?<name>[A-Z][a-z]+-[A-Za-z]+)\s*\|\s*(?<status>available|planned)\s*\|");
                if (m.Success) rows[m.Groups["name"].Value] = m.Groups["status"].Value;
            }
            Assert.NotEmpty(rows);

            using var session = new PowerShellSession();
            var exported = ModuleCommands(session).Select(c => c.Name).ToList();
            var problems = new List<string>();
            foreach (string name in exported)
            {
                if (!rows.TryGetValue(name, out string status)) problems.Add(name + " is not in the command table of docs/about_HamletPS.md");
                else if (status != "available") problems.Add(name + " exists but docs/about_HamletPS.md says " + status);
            }
            foreach (var row in rows.Where(r => r.Value == "available" && !exported.Contains(r.Key, StringComparer.OrdinalIgnoreCase)))
            {
                problems.Add(row.Key + " is marked available in docs/about_HamletPS.md but the module does not have it");
            }
            Assert.True(problems.Count == 0, string.Join("\n", problems));
        }
    }
}
