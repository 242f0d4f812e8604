using System.Linq;
using System.Management.Automation;
using HamletPS.Core.Configuration;
using HamletPS.Internal;

namespace HamletPS.Commands
{
    /// <summary>
    /// Checks a configuration file and reports every problem with its file and line: bad YAML, unknown sections, missing folders,
    /// ports out of range, a key shorter than the longest MRN of mapping.csv, mapping.csv's own errors.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "HamletConfig")]
    [OutputType(typeof(ConfigFinding))]
    [OutputType(typeof(bool))]
    public sealed class TestHamletConfigCommand : HamletCmdlet
    {
        /// <summary>The configuration file; default $env:HAMLET_CONFIG, then config.yaml in the current folder.</summary>
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Path", "FullName", "SourcePath")]
        public string ConfigPath { get; set; }

        /// <summary>Return only $true (no errors) or $false instead of the findings.</summary>
        [Parameter]
        public SwitchParameter Quiet { get; set; }

        protected override void ProcessRecord()
        {
            string here = SessionState.Path.CurrentFileSystemLocation.ProviderPath;
            string explicitPath = string.IsNullOrEmpty(ConfigPath) ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(ConfigPath);
            string found = HamletConfigLocator.TryResolve(explicitPath, here, null, out var tried);
            if (found == null)
            {
                if (Quiet)
                {
                    WriteObject(false);
                    return;
                }
                Terminate(new System.IO.FileNotFoundException("No configuration file found (tried " + string.Join(", ", tried) + ")."),
                    "ConfigNotFound", ErrorCategory.ObjectNotFound, explicitPath ?? here);
            }
            var findings = HamletConfigValidator.ValidateFile(found);
            if (Quiet)
            {
                WriteObject(findings.All(f => f.Severity != ConfigSeverity.Error));
                return;
            }
            foreach (ConfigFinding finding in findings) WriteObject(finding);
        }
    }
}
