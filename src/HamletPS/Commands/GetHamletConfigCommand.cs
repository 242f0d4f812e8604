using System.Management.Automation;
using HamletPS.Core.Configuration;
using HamletPS.Internal;

namespace HamletPS.Commands
{
    /// <summary>Reads the site configuration (the old tool's config.yaml, read unchanged) and returns it validated.</summary>
    [Cmdlet(VerbsCommon.Get, "HamletConfig")]
    [OutputType(typeof(HamletConfig))]
    public sealed class GetHamletConfigCommand : HamletCmdlet
    {
        /// <summary>The configuration file; default $env:HAMLET_CONFIG, then config.yaml in the current folder.</summary>
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Path", "FullName", "SourcePath")]
        public string ConfigPath { get; set; }

        protected override void ProcessRecord() => WriteObject(LoadSiteConfig(ConfigPath, required: true));
    }
}
