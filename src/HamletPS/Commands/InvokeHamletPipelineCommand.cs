using System;
using System.Management.Automation;
using HamletPS.Core;
using HamletPS.Core.Configuration;
using HamletPS.Core.Pipeline;
using HamletPS.Internal;

namespace HamletPS.Commands
{
    /// <summary>
    /// The old tool's "Process data": sort INCOMING, protect, check for residual identifiers and archive into OUTGOING.
    /// Step messages go to the Information stream in the old tool's words; per-file failures are non-terminating errors;
    /// returns the <see cref="PipelineSummary"/> (its Path is the archive, for Send-AzureShare). With a PACS section in the
    /// configuration it first pulls the lookup table's patients' recent studies into INCOMING (Core's one pull step, as
    /// `hamlet process`); a PACS that cannot be reached is a non-terminating error and processing goes on.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Invoke, "HamletPipeline", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(PipelineSummary))]
    public sealed class InvokeHamletPipelineCommand : HamletCmdlet
    {
        /// <summary>The configuration file (binds Get-HamletConfig's SourcePath by property name).</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("SourcePath")]
        [ValidateNotNullOrEmpty]
        public string ConfigPath { get; set; }

        /// <summary>One archive per Study ID instead of one for the run.</summary>
        [Parameter]
        public SwitchParameter PerPatient { get; set; }

        /// <summary>Deflate level 0-9.</summary>
        [Parameter]
        [ValidateRange(0, 9)]
        public int CompressionLevel { get; set; } = 6;

        /// <summary>Files changed less than this many seconds ago are left for the next run.</summary>
        [Parameter]
        [ValidateRange(0, 86400)]
        public int SettleSeconds { get; set; } = Core.Sorting.DicomSortOptions.DefaultSettleSeconds;

        protected override void ProcessRecord()
        {
            HamletConfig config = LoadSiteConfig(ConfigPath, required: true);
            HamletPipelineOptions options = HamletPipelineOptions.FromConfig(config);
            options.PerPatient = PerPatient;
            options.CompressionLevel = CompressionLevel;
            options.SettleTime = TimeSpan.FromSeconds(SettleSeconds);
            string pull = config.Pacs.IsConfigured ? "Pull from " + config.Pacs + ", then sort" : "Sort";
            if (!ShouldProcess(options.Incoming, pull + ", protect and archive into " + options.Outgoing)) return;
            try
            {
                options.Preflight?.Invoke(); // mapping file, keys, profile: checked before anything is moved
            }
            catch (Exception ex) when (!(ex is PipelineStoppedException))
            {
                Terminate(PipelineSetupException.From(ex), options.Incoming);
            }
            RunOffPipelineThread(ct =>
            {
                var steps = new Immediate<string>(EmitInformation);
                var failures = new Immediate<FileFailure>(f => EmitError(NewError(f)));
                if (config.Pacs.IsConfigured)
                {
                    Core.Retrieve.PacsPull.RunStep(config, steps, (id, message) =>
                        EmitError(NewError(new System.IO.IOException(message), id, CategoryOf(ErrorIds.CategoryOf(id)), config.Pacs.ToString())), ct);
                }
                try
                {
                    Emit(new HamletPipeline(options).Run(steps, failures, ct));
                }
                catch (Exception ex) when (!(ex is OperationCanceledException) && !(ex is PipelineStoppedException))
                {
                    // Only our own messages are shown: .NET's name paths, and a sorted path holds a Patient ID.
                    EmitError(NewError(new InvalidOperationException(HamletPipeline.SafeMessage(ex)), "PipelineFailed", ErrorCategory.OperationStopped, options.Incoming));
                }
                return System.Threading.Tasks.Task.CompletedTask;
            });
        }

        private sealed class Immediate<T> : IProgress<T>
        {
            private readonly Action<T> _action;
            public Immediate(Action<T> action) { _action = action; }
            public void Report(T value) => _action(value);
        }
    }
}
