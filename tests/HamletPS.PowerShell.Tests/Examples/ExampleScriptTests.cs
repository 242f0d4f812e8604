using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Reflection;
using HamletPS.Synthetic;
using Xunit;
using static HamletPS.PowerShell.Tests.Commands.NetworkPeers;

namespace HamletPS.PowerShell.Tests.Examples
{
    /// <summary>
    /// The scripts of examples/ (and tests/Pester) in the hosted engine: they parse, their functions use approved verbs, every
    /// command they call exists, and the nightly, registration, migration and per-patient scripts run against the sample data.
    /// </summary>
    public sealed class ExampleScriptTests : IDisposable
    {
        private static readonly string Examples = Path.Combine(ModuleLayout.RepoRoot, "examples");
        private readonly TempFolder _temp = new TempFolder("examples");
        private string _root => _temp.Path;
        public void Dispose()
        {
            _temp.Dispose();
        }

        public static IEnumerable<object[]> ExampleScripts() =>
            Directory.GetFiles(Examples, "*.ps1", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal)
                .Select(f => new object[] { Path.GetRelativePath(ModuleLayout.RepoRoot, f) });

        private static ScriptBlockAst Parse(string relative, out ParseError[] errors)
        {
            return Parser.ParseFile(Path.Combine(ModuleLayout.RepoRoot, relative), out _, out errors);
        }

        /// <summary>Commands outside this engine that the examples may call: Windows-only or from Microsoft.PowerShell.Utility/Management.</summary>
        private static readonly HashSet<string> ExternalCommands = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "Register-ScheduledTask", "New-ScheduledTaskAction", "New-ScheduledTaskTrigger", "New-ScheduledTaskSettingsSet", "New-ScheduledTaskPrincipal",
            "Get-ChildItem", "Get-Item", "Write-Warning", "Write-Host", "Get-Credential", "Format-Table", "Read-Host",
        };

        [Fact]
        public void ExampleScripts_CallOnlyCommandsThatExist_ModuleEngineOwnFunctionsOrKnownPlatformCommands()
        {
            using var session = new PowerShellSession();
            var known = new HashSet<string>(session.Invoke("Get-Command -CommandType Cmdlet, Function, Alias | ForEach-Object { $_.Name }").Select(o => o.ToString()), StringComparer.OrdinalIgnoreCase);
            var problems = new List<string>();
            foreach (object[] row in ExampleScripts())
            {
                string relative = (string)row[0];
                ScriptBlockAst ast = Parse(relative, out _);
                var own = new HashSet<string>(ast.FindAll(a => a is FunctionDefinitionAst, true).Cast<FunctionDefinitionAst>().Select(f => f.Name), StringComparer.OrdinalIgnoreCase);
                foreach (CommandAst command in ast.FindAll(a => a is CommandAst, true).Cast<CommandAst>())
                {
                    string name = command.GetCommandName();
                    if (name == null || !name.Contains('-')) continue;
                    if (!known.Contains(name) && !own.Contains(name) && !ExternalCommands.Contains(name)) problems.Add(relative + ":" + command.Extent.StartLineNumber + " " + name);
                }
            }
            Assert.True(problems.Count == 0, "unknown commands: " + string.Join(", ", problems));
        }

        [Fact]
        public void RegisterHamletNightlyTask_PassesADailyTriggerTheNightlyScriptAndTheServiceAccount_AndWhatIfRegistersNothing()
        {
            string config = Path.Combine(_root, "config.yaml");
            File.WriteAllText(config, "APP:\n  SITE: s\n");
            using var session = new PowerShellSession();
            // Shadows of the ScheduledTasks module (Windows only): each returns what it was given, Register-ScheduledTask records it.
            session.Invoke(
                "$global:Registered = [System.Collections.Generic.List[object]]::new(); " +
                "function global:New-ScheduledTaskAction { param($Execute, $Argument, $WorkingDirectory) [pscustomobject]@{ Execute = $Execute; Argument = $Argument; WorkingDirectory = $WorkingDirectory } }; " +
                "function global:New-ScheduledTaskTrigger { param([switch]$Daily, $At) [pscustomobject]@{ Daily = [bool]$Daily; At = $At } }; " +
                "function global:New-ScheduledTaskSettingsSet { param($MultipleInstances, $ExecutionTimeLimit, [switch]$StartWhenAvailable) [pscustomobject]@{ MultipleInstances = $MultipleInstances; ExecutionTimeLimit = $ExecutionTimeLimit; StartWhenAvailable = [bool]$StartWhenAvailable } }; " +
                "function global:New-ScheduledTaskPrincipal { param($UserId, $LogonType, $RunLevel) [pscustomobject]@{ UserId = $UserId; LogonType = $LogonType; RunLevel = $RunLevel } }; " +
                "function global:Register-ScheduledTask { param($TaskName, $TaskPath, $Action, $Trigger, $Settings, $Principal, $User, $Password, $RunLevel, $Description, [switch]$Force) $h = @{}; foreach ($k in $PSBoundParameters.Keys) { $h[$k] = $PSBoundParameters[$k] }; $global:Registered.Add([pscustomobject]$h) }");
            string script = Path.Combine(Examples, "Register-HamletNightlyTask.ps1");

            session.Invoke("& $args[0] -ConfigPath $args[1] -WhatIf", script, config);
            Assert.Empty(session.Errors);
            Assert.Equal(0, session.Invoke("$global:Registered.Count").Single().BaseObject);

            session.Invoke("& $args[0] -ConfigPath $args[1] -ServiceAccount 'HOSPITAL\\svc-hamlet$' -At '21:30' -IdleTimeoutSeconds 1200", script, config);
            Assert.True(session.Errors.Count == 0, string.Join("\n", session.Errors));
            PSObject task = Assert.Single(session.Invoke("$global:Registered"));
            Assert.Equal("HamletPS nightly upload", task.Properties["TaskName"].Value);
            var action = (PSObject)task.Properties["Action"].Value;
            Assert.Equal("powershell.exe", action.Properties["Execute"].Value);
            string arguments = (string)action.Properties["Argument"].Value;
            Assert.Contains("-File \"" + Path.Combine(Examples, "Invoke-NightlyHamletUpload.ps1") + "\"", arguments);
            Assert.Contains("-ConfigPath \"" + config + "\"", arguments);
            Assert.Contains("-IdleTimeoutSeconds 1200", arguments);
            Assert.Contains("-NonInteractive", arguments);
            var trigger = (PSObject)task.Properties["Trigger"].Value;
            Assert.True((bool)trigger.Properties["Daily"].Value);
            Assert.Equal("21:30", trigger.Properties["At"].Value);
            var principal = (PSObject)task.Properties["Principal"].Value;
            Assert.Equal("HOSPITAL\\svc-hamlet$", principal.Properties["UserId"].Value);
            Assert.Equal("Password", principal.Properties["LogonType"].Value); // a gMSA: no password stored
            var settings = (PSObject)task.Properties["Settings"].Value;
            Assert.Equal("IgnoreNew", settings.Properties["MultipleInstances"].Value);
            Assert.DoesNotContain("-SkipReceive", arguments);

            // The nightly pull: no receive window, the job's Invoke-HamletPipeline pulls from the configuration's PACS section.
            session.Invoke("$global:Registered.Clear(); & $args[0] -ConfigPath $args[1] -At '02:00' -SkipReceive -Force", script, config);
            Assert.True(session.Errors.Count == 0, string.Join("\n", session.Errors));
            PSObject pull = Assert.Single(session.Invoke("$global:Registered"));
            Assert.EndsWith(" -SkipReceive", (string)((PSObject)pull.Properties["Action"].Value).Properties["Argument"].Value, StringComparison.Ordinal);
        }

        /// <summary>A copy of the bundled sample (HTP config.yaml, mapping.csv, data/incoming), as run-sample.sh makes it.</summary>
        private string CopySample()
        {
            string site = Path.Combine(_root, "site");
            SampleData.Write(site);
            Directory.CreateDirectory(Path.Combine(site, "data", "sorted"));
            Directory.CreateDirectory(Path.Combine(site, "data", "outgoing"));
            return site;
        }

        [Fact]
        public void InvokeHamletMigration_ReadsTheShippedHtpConfigAndMappingUnchanged_AndProcessesWithThem()
        {
            string site = CopySample();
            // The shipped file, byte for byte (the sample generator writes the same bytes as examples/config.yaml).
            Assert.Equal(File.ReadAllBytes(Path.Combine(Examples, "config.yaml")), File.ReadAllBytes(Path.Combine(site, "config.yaml")));
            Assert.Equal(File.ReadAllBytes(Path.Combine(Examples, "mapping.csv")), File.ReadAllBytes(Path.Combine(site, "mapping.csv")));
            byte[] configBefore = File.ReadAllBytes(Path.Combine(site, "config.yaml"));
            byte[] mappingBefore = File.ReadAllBytes(Path.Combine(site, "mapping.csv"));
            using var session = new PowerShellSession();

            var rows = session.Invoke("& $args[0] -OldToolFolder $args[1] -Process -SettleSeconds 0", Path.Combine(Examples, "Invoke-HamletMigration.ps1"), site);

            Assert.True(session.Errors.Count == 0, string.Join("\n", session.Errors));
            Assert.Contains(rows, r => r.Properties["Old"]?.Value as string == "Process data" && ((string)r.Properties["New"].Value).StartsWith("Invoke-HamletPipeline", StringComparison.Ordinal));
            Assert.Contains(rows, r => r.Properties["Old"]?.Value as string == "mapping.csv" && ((string)r.Properties["New"].Value).Contains("used as it is"));
            PSObject summary = rows.Last();
            Assert.Equal("HamletPS.Core.Pipeline.PipelineSummary", summary.BaseObject.GetType().FullName);
            Assert.True((bool)summary.Properties["Succeeded"].Value);
            string archive = Assert.Single(Directory.GetFiles(Path.Combine(site, "data", "outgoing"), "*.zip"));
            Assert.StartsWith("samplesite_hx-", Path.GetFileName(archive));
            string names = string.Join("\n", System.IO.Compression.ZipFile.OpenRead(archive).Entries.Select(e => e.FullName));
            Assert.Contains(SampleData.MappedStudyId + "/", names); // mapping.csv was used
            Assert.Equal(configBefore, File.ReadAllBytes(Path.Combine(site, "config.yaml")));
            Assert.Equal(mappingBefore, File.ReadAllBytes(Path.Combine(site, "mapping.csv")));
        }

        [Fact]
        public void ExportHamletPerPatient_WritesOneArchivePerStudyId_WithChecksumsSha256sumAccepts()
        {
            string site = CopySample();
            string export = Path.Combine(_root, "transfer");
            using var session = new PowerShellSession();

            var results = session.Invoke("& $args[0] -ConfigPath $args[1] -ExportFolder $args[2] -SettleSeconds 0",
                Path.Combine(Examples, "Export-HamletPerPatient.ps1"), Path.Combine(site, "config.yaml"), export);

            Assert.True(session.Errors.Count == 0, string.Join("\n", session.Errors));
            Assert.Equal(SampleData.PatientCount, results.Count);
            Assert.Contains(results, r => Path.GetFileName((string)r.Properties["Path"].Value) == SampleData.MappedStudyId + ".zip");
            Assert.Equal(SampleData.PatientCount, Directory.GetFiles(export, "*.zip").Length);
            foreach (string sum in Directory.GetFiles(export, "*.sha256"))
            {
                var (code, log) = Run("bash", "-c \"cd '" + export + "' && sha256sum -c '" + Path.GetFileName(sum) + "'\"", 30000);
                Assert.True(code == 0, log);
            }
            foreach (SyntheticPatient p in SampleData.Patients())
                Assert.DoesNotContain(Directory.GetFiles(export), f => Path.GetFileName(f).Contains(p.PatientId, StringComparison.Ordinal));
        }

        [Fact]
        public void InvokeNightlyHamletUpload_ReceivesProcessesUploadsAndClears_LogsNoIdentifier_ExitCodeZero()
        {
            using var endpoint = AzureFilesEndpoint.AzureFilesEndpoint.Start("hamletsample", SampleKey);
            endpoint.CreateShare("sample-incoming");
            string site = CopySample();
            string config = Path.Combine(site, "config.yaml");
            int port = FreePort();
            // The shipped HTP-format file with two lines changed for this machine: a free DICOM port and the local endpoint.
            File.WriteAllText(config, File.ReadAllText(config).Replace("PORT: 11112", "PORT: " + port).Replace("http://127.0.0.1:10000/hamletsample", endpoint.ServiceUri.ToString().TrimEnd('/')));
            // The TPS sends the sample study; incoming starts empty.
            string tps = Path.Combine(_root, "tps");
            Directory.Move(Path.Combine(site, "data", "incoming"), tps);
            Directory.CreateDirectory(Path.Combine(site, "data", "incoming"));
            string[] files = Directory.GetFiles(tps, "*.dcm", SearchOption.AllDirectories);
            using var session = new PowerShellSession();
            var output = new PSDataCollection<PSObject>();
            using var ps = session.BeginInvoke("& $args[0] -ConfigPath $args[1] -Count $args[2] -IdleTimeoutSeconds 120 | Out-Null; $LASTEXITCODE",
                output, Path.Combine(Examples, "Invoke-NightlyHamletUpload.ps1"), config, files.Length);
            try
            {
                WaitForPort(port);
                var (code, log) = Run("storescu", "-aec HAMLETSAMPLE 127.0.0.1 " + port + " " + string.Join(" ", files.Select(f => "\"" + f + "\"")), 120000);
                Assert.True(code == 0, log);
                Assert.True(WaitForEnd(ps, 180000), "the nightly script did not finish");
                Assert.True(ps.InvocationStateInfo.State == PSInvocationState.Completed, ps.InvocationStateInfo.Reason?.ToString());
                string logFile = Assert.Single(Directory.GetFiles(Path.Combine(site, "logs"), "hamlet-nightly-*.log"));
                string text = File.ReadAllText(logFile);
                Assert.True(Equals(0, output.Last().BaseObject), text + string.Join("\n", ps.Streams.Error));

                string archive = Assert.Single(Directory.GetFiles(Path.Combine(site, "data", "outgoing"), "*.zip"));
                Assert.Equal(File.ReadAllBytes(archive), File.ReadAllBytes(endpoint.DataFileOf("sample-incoming/" + Path.GetFileName(archive))));
                Assert.Empty(Directory.GetFiles(Path.Combine(site, "data", "incoming"), "*", SearchOption.AllDirectories));
                Assert.Empty(Directory.GetFiles(Path.Combine(site, "data", "sorted"), "*", SearchOption.AllDirectories));
                Assert.Contains("Received " + files.Length + " files", text);
                Assert.Contains("Upload " + Path.GetFileName(archive) + ": Uploaded", text);
                Assert.Contains("Finished with exit code 0", text);
                foreach (SyntheticPatient p in SampleData.Patients())
                {
                    Assert.DoesNotContain(p.PatientId, text);
                    Assert.DoesNotContain(p.FamilyName, text, StringComparison.OrdinalIgnoreCase);
                }
            }
            finally
            {
                StopPipeline(ps);
            }
        }

        [Fact]
        public void InvokeNightlyHamletUpload_MissingConfiguration_ExitsWithCodeTwo()
        {
            using var session = new PowerShellSession();

            var output = session.Invoke("& $args[0] -ConfigPath $args[1] -SkipReceive | Out-Null; $LASTEXITCODE",
                Path.Combine(Examples, "Invoke-NightlyHamletUpload.ps1"), Path.Combine(_root, "nope.yaml"));

            Assert.Equal(2, output.Last().BaseObject);
        }

        /// <summary>AZURE.KEY of the sample config.yaml (a sample value, not a secret).</summary>
        private static string SampleKey
        {
            get
            {
                string line = SampleData.ConfigYaml().Split('\n').Single(l => l.TrimStart().StartsWith("KEY:", StringComparison.Ordinal));
                return line.Substring(line.IndexOf(':') + 1).Trim();
            }
        }
    }
}
