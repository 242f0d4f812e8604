using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace HamletPS.PowerShell.Tests
{
    /// <summary>
    /// A real PowerShell 7.6 engine hosted in the test process with the laid-out module (out/HamletPS/&lt;version&gt;/) imported.
    /// Only the engine's own cmdlets exist here (no Microsoft.PowerShell.Utility/Management), so tests hand paths and objects in
    /// and compare results in C#.
    /// </summary>
    public sealed class PowerShellSession : IDisposable
    {
        private readonly Runspace _runspace;

        public PowerShellSession(bool importModule = true)
        {
            var state = InitialSessionState.CreateDefault2();
            _runspace = RunspaceFactory.CreateRunspace(state);
            _runspace.Open();
            if (importModule)
            {
                Invoke("Import-Module -Name $args[0] -ErrorAction Stop", ModuleLayout.ManifestPath);
            }
        }

        /// <summary>Errors written (non-terminating) by the last invocation.</summary>
        public IReadOnlyList<ErrorRecord> Errors { get; private set; } = Array.Empty<ErrorRecord>();

        /// <summary>Warnings written by the last invocation.</summary>
        public IReadOnlyList<WarningRecord> Warnings { get; private set; } = Array.Empty<WarningRecord>();

        /// <summary>Information-stream messages (Write-Host, Write-Information) of the last invocation.</summary>
        public IReadOnlyList<InformationRecord> Information { get; private set; } = Array.Empty<InformationRecord>();

        /// <summary>Progress records of the last invocation.</summary>
        public IReadOnlyList<ProgressRecord> Progress { get; private set; } = Array.Empty<ProgressRecord>();

        /// <summary>Verbose messages of the last invocation.</summary>
        public IReadOnlyList<VerboseRecord> Verbose { get; private set; } = Array.Empty<VerboseRecord>();

        /// <summary>Runs a script (positional arguments in $args) and returns its output; terminating errors throw.</summary>
        public Collection<PSObject> Invoke(string script, params object[] args)
        {
            using (var ps = System.Management.Automation.PowerShell.Create())
            {
                ps.Runspace = _runspace;
                ps.AddScript(script);
                foreach (object arg in args) ps.AddArgument(arg);
                Collection<PSObject> output = ps.Invoke();
                Errors = ps.Streams.Error.ToList();
                Warnings = ps.Streams.Warning.ToList();
                Information = ps.Streams.Information.ToList();
                Progress = ps.Streams.Progress.ToList();
                Verbose = ps.Streams.Verbose.ToList();
                return output;
            }
        }

        /// <summary>Starts a script asynchronously so a test can Stop() it (the Ctrl-C path of a cmdlet).</summary>
        public System.Management.Automation.PowerShell BeginInvoke(string script, PSDataCollection<PSObject> output, params object[] args)
        {
            var ps = System.Management.Automation.PowerShell.Create();
            ps.Runspace = _runspace;
            ps.AddScript(script);
            foreach (object arg in args) ps.AddArgument(arg);
            ps.BeginInvoke<PSObject, PSObject>(null, output);
            return ps;
        }

        public void Dispose() => _runspace.Dispose();
    }

    /// <summary>Where `dotnet publish src/HamletPS -c Release` laid out the module.</summary>
    public static class ModuleLayout
    {
        public static string RepoRoot { get; } = FindRepoRoot();

        public static string ModuleFolder
        {
            get
            {
                string parent = Path.Combine(RepoRoot, "out", "HamletPS");
                string version = ReadVersion();
                string folder = Path.Combine(parent, version);
                if (!File.Exists(Path.Combine(folder, "HamletPS.psd1")))
                {
                    throw new InvalidOperationException(
                        "The module is not laid out at " + folder + ": run `dotnet publish src/HamletPS -c Release` (tests/run.sh does).");
                }
                return folder;
            }
        }

        public static string ManifestPath => Path.Combine(ModuleFolder, "HamletPS.psd1");

        public static string ReadVersion()
        {
            string props = File.ReadAllText(Path.Combine(RepoRoot, "Directory.Build.props"));
            int start = props.IndexOf("<HamletVersion>", StringComparison.Ordinal) + "<HamletVersion>".Length;
            int end = props.IndexOf("</HamletVersion>", start, StringComparison.Ordinal);
            return props.Substring(start, end - start).Trim();
        }

        private static string FindRepoRoot() => HamletPS.TestSupport.RepositoryPaths.Root;
    }
}
