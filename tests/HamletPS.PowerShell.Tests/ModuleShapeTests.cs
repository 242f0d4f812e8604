using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using HamletPS.PowerShell.Tests.Help;
using Xunit;

namespace HamletPS.PowerShell.Tests
{
    /// <summary>
    /// The module's shape as PowerShell users meet it, from the imported module's own metadata: what it exports, its
    /// verbs, pipeline input in every parameter set, and the documented examples binding to one parameter set.
    /// </summary>
    public class ModuleShapeTests
    {
        private static List<CommandInfo> ModuleCommands(PowerShellSession session) =>
            session.Invoke("Get-Command -Module HamletPS").Select(o => (CommandInfo)o.BaseObject).ToList();

        [Fact]
        public void EveryDocumentedExample_BindsItsCommandToOneParameterSet()
        {
            using var session = new PowerShellSession();
            var problems = new List<string>();
            int checkedCalls = 0;
            foreach (CommandInfo command in ModuleCommands(session))
            {
                foreach (HelpView.ExampleView example in HelpView.Get(session, command.Name).Examples)
                {
                    if (Parser.ParseInput(example.Code, out _, out ParseError[] errors) != null && errors.Length > 0)
                    {
                        problems.Add(command.Name + " '" + example.Title + "': does not parse: " + errors[0].Message);
                        continue;
                    }
                    List<string> result = BindingFaults(session, example.Code, command.Name);
                    checkedCalls += result.Count(r => r == Call);
                    problems.AddRange(result.Where(r => r != Call).Select(f => command.Name + " '" + example.Title + "': " + f));
                }
            }
            Assert.True(checkedCalls >= 34, "only " + checkedCalls + " example calls found");
            Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        }

        [Theory]
        [InlineData("Get-DicomFile -Path a -LiteralPath b")]
        [InlineData("Get-DicomFile -NoSuchParameter 1")]
        public void BindingFaults_AreFoundInABadCall(string code)
        {
            using var session = new PowerShellSession();
            List<string> result = BindingFaults(session, code, "Get-DicomFile");
            Assert.Contains(Call, result);
            Assert.Contains(result, r => r != Call);
        }

        private const string Call = "CALL";

        // Run inside the session's runspace, where the binder sees the module's commands. Faults the static binder can
        // prove: ambiguity, unknown parameters, a parameter given twice, parameters of two sets together. Values from
        // variables or the pipeline are unknown statically and are not faults.
        private const string BindScript = @"
$ast = [System.Management.Automation.Language.Parser]::ParseInput($args[0], [ref]$null, [ref]$null)
$name = $args[1]
foreach ($call in $ast.FindAll({ param($a) $a -is [System.Management.Automation.Language.CommandAst] -and $a.GetCommandName() -eq $name }, $true)) {
    'CALL'
    $r = [System.Management.Automation.Language.StaticParameterBinder]::BindCommand($call, $true)
    foreach ($key in $r.BindingExceptions.Keys) {
        $id = [string]$r.BindingExceptions[$key].BindingException.ErrorId
        if ($id -match 'Ambiguous|NamedParameterNotFound|ParameterAlreadyBound|CannotBeUsedTogether') { $id + ' (' + $key + ')' }
    }
}";

        private static List<string> BindingFaults(PowerShellSession session, string code, string command) =>
            session.Invoke(BindScript, code, command).Select(o => o.ToString()).ToList();
    }
}
