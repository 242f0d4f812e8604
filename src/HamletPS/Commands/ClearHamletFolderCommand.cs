using System;
using System.Management.Automation;
using HamletPS.Core.Cleanup;
using HamletPS.Core.Configuration;
using HamletPS.Internal;

namespace HamletPS.Commands
{
    /// <summary>
    /// The old tool's "Empty folders": deletes the files of INCOMING and SORTED (never OUTGOING) that are recorded in an archive
    /// manifest or a completed run's journal; the others are kept with a warning unless -Force. -PassThru writes one
    /// <see cref="ClearedFile"/> per file.
    /// </summary>
    [Cmdlet(VerbsCommon.Clear, "HamletFolder", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(ClearedFile))]
    public sealed class ClearHamletFolderCommand : HamletCmdlet
    {
        /// <summary>The configuration file (binds Get-HamletConfig's SourcePath by property name).</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("SourcePath")]
        [ValidateNotNullOrEmpty]
        public string ConfigPath { get; set; }

        /// <summary>Which folders: Incoming, Sorted (default both).</summary>
        [Parameter]
        [ValidateSet(ClearableFolder.Incoming, ClearableFolder.Sorted)]
        public string[] Folder { get; set; } = { ClearableFolder.Incoming, ClearableFolder.Sorted };

        /// <summary>Delete files not recorded in any archive manifest or journal too.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Write one result per file.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            HamletConfig config = LoadSiteConfig(ConfigPath, required: true);
            var cleaner = new HamletFolderCleaner(config.DataPath.Outgoing, config.Hamlet.Logs);
            foreach (string name in Folder)
            {
                string folder = ClearableFolder.PathOf(name, config);
                try
                {
                    foreach (ClearedFile result in cleaner.Clear(folder, name, Force, file => ShouldProcess(file, "Delete"), StopToken))
                    {
                        if (result.Status == ClearStatus.Kept && result.Reason != "declined") WriteWarning(Core.PrintableText.Escape("Kept " + result.Path + ": " + result.Reason));
                        if (result.Status == ClearStatus.Failed)
                            WriteError(NewError(new System.IO.IOException(result.Path + ": " + result.Reason), "ClearFailed", ErrorCategory.WriteError, result));
                        if (PassThru) WriteObject(result);
                    }
                }
                catch (ArgumentException ex)
                {
                    Terminate(ex, "OutgoingNeverCleared", ErrorCategory.InvalidArgument, folder);
                }
            }
        }
    }
}
