using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using System.Text;
using Xunit;

namespace HamletPS.PowerShell.Tests
{
    /// <summary>`hamlet` has a verb for every cmdlet, with the same option names (checked from both sides' metadata).</summary>
    public class CliParityTests
    {
        /// <summary>Parameters that only make sense inside PowerShell.</summary>
        private static readonly HashSet<string> PowerShellOnly = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "LiteralPath", "PassThru", "Confirm",
        };

        private static readonly HashSet<string> Common = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "Verbose", "Debug", "ErrorAction", "WarningAction", "InformationAction", "ProgressAction", "ErrorVariable",
            "WarningVariable", "InformationVariable", "OutVariable", "OutBuffer", "PipelineVariable",
        };

        [Fact]
        public void EveryCmdlet_HasAVerb_WithTheSameOptionNames()
        {
            Dictionary<string, (string Verb, HashSet<string> Names)> verbs = ReadCliVerbs();
            using var session = new PowerShellSession();
            var commands = session.Invoke("Get-Command -Module HamletPS -CommandType Cmdlet | ForEach-Object { $_.Name + '|' + (($_.Parameters.Keys) -join ',') }")
                .Select(o => o.ToString()).ToList();
            Assert.NotEmpty(commands);

            var problems = new List<string>();
            foreach (string line in commands)
            {
                string[] parts = line.Split('|');
                string cmdlet = parts[0];
                if (!verbs.TryGetValue(cmdlet, out var verb))
                {
                    problems.Add(cmdlet + ": no hamlet verb");
                    continue;
                }
                foreach (string parameter in parts[1].Split(',').Where(p => p.Length > 0 && !Common.Contains(p) && !PowerShellOnly.Contains(p)))
                {
                    string option = KebabCase(parameter);
                    if (!verb.Names.Contains(option)) problems.Add(cmdlet + " -" + parameter + ": hamlet " + verb.Verb + " has no --" + option);
                }
            }
            Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        }

        internal static string KebabCase(string name)
        {
            var sb = new StringBuilder();
            for (int i = 0; i < name.Length; i++)
            {
                char c = name[i];
                bool boundary = i > 0 && char.IsUpper(c) && (char.IsLower(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1])));
                if (boundary) sb.Append('-');
                sb.Append(char.ToLowerInvariant(c));
            }
            return sb.ToString();
        }

        /// <summary>Loads hamlet.dll in a load context of its own, so the engine it carries never meets the module's.</summary>
        private static Dictionary<string, (string, HashSet<string>)> ReadCliVerbs()
        {
            string cliFolder = Path.Combine(ModuleLayout.RepoRoot, "src", "HamletPS.Cli", "bin", "Release", "net10.0");
            string cliPath = Path.Combine(cliFolder, "hamlet.dll");
            Assert.True(File.Exists(cliPath), "build the CLI first: " + cliPath);
            var context = new AssemblyLoadContext("hamlet-cli-metadata", isCollectible: true);
            context.Resolving += (ctx, name) =>
            {
                string candidate = Path.Combine(cliFolder, name.Name + ".dll");
                return File.Exists(candidate) ? ctx.LoadFromAssemblyPath(candidate) : null;
            };
            try
            {
                Assembly cli = context.LoadFromAssemblyPath(cliPath);
                var lines = (string[])cli.GetType("HamletPS.Cli.Verbs.VerbCatalog", true).GetMethod("Describe").Invoke(null, null);
                var result = new Dictionary<string, (string, HashSet<string>)>(StringComparer.OrdinalIgnoreCase);
                foreach (string line in lines)
                {
                    string[] p = line.Split('|');
                    var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                    foreach (string o in p[2].Split(',', StringSplitOptions.RemoveEmptyEntries)) names.Add(o.TrimStart('-'));
                    foreach (string a in p[3].Split(',', StringSplitOptions.RemoveEmptyEntries)) names.Add(a);
                    result[p[1]] = (p[0], names);
                }
                return result;
            }
            finally
            {
                context.Unload();
            }
        }
    }
}
