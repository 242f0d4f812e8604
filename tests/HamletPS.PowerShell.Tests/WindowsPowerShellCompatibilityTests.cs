using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Text;
using System.Xml.Linq;
using Xunit;

namespace HamletPS.PowerShell.Tests
{
    /// <summary>
    /// Windows PowerShell 5.1 is what most sites run, and it cannot run here: every script the project ships or runs on a
    /// site (module, examples, tests/Pester, build.ps1) and every script block of the format files is parsed with the
    /// PowerShell parser and checked for the syntax 5.1 does not have (PSScriptAnalyzer's compatibility rules are not
    /// available to the build): ternary operators, pipeline chains (&amp;&amp;, ||), null-coalescing (??, ??=), null-conditional
    /// member access (?., ?[]), ForEach-Object -Parallel, clean {} blocks. A file with non-ASCII characters must start with a
    /// byte-order mark, since 5.1 reads a file without one in the ANSI code page.
    /// </summary>
    public class WindowsPowerShellCompatibilityTests
    {
        private static IEnumerable<string> ShippedScripts()
        {
            string root = ModuleLayout.RepoRoot;
            foreach (string file in Directory.EnumerateFiles(root, "*.*", SearchOption.AllDirectories))
            {
                string relative = Path.GetRelativePath(root, file).Replace('\\', '/');
                if (relative.StartsWith("out/", StringComparison.Ordinal) || relative.StartsWith(".git/", StringComparison.Ordinal) ||
                    relative.StartsWith(".tools/", StringComparison.Ordinal) ||   // pwsh and Pester the test command installs: not ours
                    relative.Contains("/bin/", StringComparison.Ordinal) || relative.Contains("/obj/", StringComparison.Ordinal) ||
                    relative.StartsWith("TestResults/", StringComparison.Ordinal))
                    continue;
                string ext = Path.GetExtension(file).ToLowerInvariant();
                if (ext == ".ps1" || ext == ".psm1" || ext == ".psd1" || ext == ".ps1xml") yield return file;
            }
        }

        /// <summary>The 5.1 problems of one script's text (empty when none).</summary>
        internal static List<string> Problems(string script, string where)
        {
            var problems = new List<string>();
            ScriptBlockAst ast = Parser.ParseInput(script, out _, out ParseError[] errors);
            foreach (ParseError e in errors) problems.Add(where + ":" + e.Extent.StartLineNumber + ": parse error: " + e.Message);
            foreach (Ast node in ast.FindAll(_ => true, searchNestedScriptBlocks: true))
            {
                string what = node switch
                {
                    TernaryExpressionAst _ => "ternary operator ?: (PowerShell 7)",
                    PipelineChainAst _ => "pipeline chain && or || (PowerShell 7)",
                    BinaryExpressionAst b when b.Operator == TokenKind.QuestionQuestion => "null-coalescing ?? (PowerShell 7)",
                    AssignmentStatementAst a when a.Operator == TokenKind.QuestionQuestionEquals => "null-coalescing assignment ??= (PowerShell 7)",
                    MemberExpressionAst m when m.NullConditional => "null-conditional ?. (PowerShell 7)",
                    IndexExpressionAst i when i.NullConditional => "null-conditional ?[] (PowerShell 7)",
                    CommandAst c when IsForEachObject(c) && c.CommandElements.OfType<CommandParameterAst>().Any(p => "Parallel".StartsWith(p.ParameterName, StringComparison.OrdinalIgnoreCase) && p.ParameterName.Length >= 2)
                        => "ForEach-Object -Parallel (PowerShell 7)",
                    ScriptBlockAst s when s.CleanBlock != null => "clean {} block (PowerShell 7.3)",
                    _ => null,
                };
                if (what != null) problems.Add(where + ":" + node.Extent.StartLineNumber + ": " + what);
            }
            return problems;
        }

        private static bool IsForEachObject(CommandAst command)
        {
            string name = command.GetCommandName();
            return name != null && (name.Equals("ForEach-Object", StringComparison.OrdinalIgnoreCase) || name == "%" || name.Equals("foreach", StringComparison.OrdinalIgnoreCase));
        }

        private static bool HasByteOrderMark(byte[] bytes) =>
            (bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF) ||
            (bytes.Length >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)));

        [Fact]
        public void EveryScriptAndFormatScriptBlock_UsesOnlyWindowsPowerShell51Syntax()
        {
            var problems = new List<string>();
            int checkedFiles = 0;
            foreach (string file in ShippedScripts())
            {
                string relative = Path.GetRelativePath(ModuleLayout.RepoRoot, file);
                byte[] bytes = File.ReadAllBytes(file);
                if (!HasByteOrderMark(bytes) && bytes.Any(b => b >= 0x80))
                    problems.Add(relative + ": non-ASCII characters without a byte-order mark (Windows PowerShell 5.1 reads it as ANSI)");
                string text = File.ReadAllText(file);
                if (file.EndsWith(".ps1xml", StringComparison.OrdinalIgnoreCase))
                {
                    foreach (XElement block in XDocument.Parse(text).Descendants().Where(e => e.Name.LocalName == "ScriptBlock"))
                        problems.AddRange(Problems(block.Value, relative + " (ScriptBlock at line " + ((System.Xml.IXmlLineInfo)block).LineNumber + ")"));
                }
                else
                {
                    problems.AddRange(Problems(text, relative));
                }
                checkedFiles++;
            }
            Assert.True(checkedFiles >= 10, "only " + checkedFiles + " scripts found");
            Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        }

        [Theory]
        [InlineData("$a = $b ? 1 : 2", "ternary")]
        [InlineData("git status && git log", "pipeline chain")]
        [InlineData("$a = $b ?? 'x'", "??")]
        [InlineData("$a ??= 1", "??=")]
        [InlineData("${a}?.Length", "?.")]
        [InlineData("1..3 | ForEach-Object -Parallel { $_ }", "-Parallel")]
        [InlineData("1..3 | % -Parallel { $_ }", "-Parallel")]
        [InlineData("function f { process { } clean { } }", "clean")]
        public void TheCheck_FindsEachPowerShell7Construct(string script, string expected)
        {
            List<string> problems = Problems(script, "sample.ps1");
            Assert.Contains(problems, p => p.Contains(expected, StringComparison.Ordinal));
        }

        [Fact]
        public void TheCheck_AcceptsWindowsPowerShell51Syntax()
        {
            Assert.Empty(Problems("$a = if ($b) { 1 } else { 2 }; $c = @($d | ForEach-Object { $_ }); if ($null -eq $e) { 'x' }", "sample.ps1"));
        }

        [Fact]
        public void Manifest_DeclaresDotNetFramework472_ForWindowsPowerShell()
        {
            using var session = new PowerShellSession(importModule: false);
            PSObject info = session.Invoke("Test-ModuleManifest -Path $args[0]", ModuleLayout.ManifestPath).Single();
            Assert.Equal(new Version(4, 7, 2), (Version)info.Properties["DotNetFrameworkVersion"].Value);
        }
    }
}
