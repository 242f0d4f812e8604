using System;
using System.Collections.Generic;
using System.Management.Automation;
using HamletPS.Core;
using HamletPS.Core.Configuration;
using HamletPS.Core.Sorting;
using HamletPS.Internal;

namespace HamletPS.Commands
{
    /// <summary>
    /// Sorts received files (INCOMING, recursively) into SORTED/&lt;PatientID&gt;/&lt;StudyInstanceUID&gt;/&lt;Modality&gt;_&lt;SeriesNumber&gt;_&lt;SeriesInstanceUID&gt;/&lt;SOPInstanceUID&gt;.dcm.
    /// Emits one <see cref="SortedDicomFile"/> per file now in the sorted tree (Sorted, Duplicate, Conflict); files left for the
    /// next run and non-DICOM files are warnings; quarantined and failed files are non-terminating errors.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Invoke, "DicomSort", DefaultParameterSetName = PathSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(SortedDicomFile))]
    public sealed class InvokeDicomSortCommand : HamletPathCmdlet
    {
        private DicomSorter _sorter;
        private HamletConfig _config;
        private int _sorted;

        /// <summary>Files or folders to sort; wildcards allowed. Optional here: the default is INCOMING of the configuration.</summary>
        [Parameter(Position = 0, ParameterSetName = PathSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public override string[] Path { get; set; }

        // -LiteralPath: HamletPathCmdlet.

        /// <summary>The sorted tree. Default: SORTED of the configuration.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string Destination { get; set; }

        /// <summary>Where unreadable DICOM goes. Default: HAMLET.QUARANTINE, else "quarantine" beside the sorted folder.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string QuarantinePath { get; set; }

        /// <summary>Layout of the sorted tree. Default: HAMLET.SORTTEMPLATE.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string Template { get; set; }

        /// <summary>Copy instead of move.</summary>
        [Parameter]
        public SwitchParameter Copy { get; set; }

        /// <summary>Files changed less than this many seconds ago are left for the next run (default 5; 0 turns it off).</summary>
        [Parameter]
        [ValidateRange(0, 86400)]
        public int SettleSeconds { get; set; } = DicomSortOptions.DefaultSettleSeconds;

        /// <summary>The configuration file. Default: $env:HAMLET_CONFIG, then config.yaml in the current folder.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string ConfigPath { get; set; }

        protected override void BeginProcessing()
        {
            _config = LoadSiteConfig(ConfigPath, required: false);
            _sorter = Setup(() => new DicomSorter(SortSetup.CreateOptions(new SortRequest
            {
                Destination = Resolve(Destination), QuarantinePath = Resolve(QuarantinePath), Template = Template, Copy = Copy, SettleSeconds = SettleSeconds,
            }, _config)), ConfigPath);
        }

        protected override void ProcessRecord()
        {
            List<string> roots;
            if (HasInputPaths) roots = ResolveInputPaths();
            else
            {
                roots = new List<string> { Setup(() => SortSetup.DefaultInput(_config), null) };
            }
            var progress = new ProgressWriter(WriteProgress, 1, "Sorting DICOM files into " + _sorter.Destination);
            IEnumerable<string> files;
            try
            {
                files = new List<string>(_sorter.EnumerateFiles(roots));
            }
            catch (Exception ex)
            {
                FileFailure failure = FileFailure.Classify(null, ex);
                if (failure == null) throw;
                WriteError(NewError(failure));
                return;
            }
            foreach (string file in files)
            {
                StopToken.ThrowIfCancellationRequested();
                if (!ShouldProcess(file, (Copy ? "Copy" : "Move") + " into the sorted tree " + _sorter.Destination)) continue;
                progress.Report(_sorted + " files sorted", -1, currentOperation: file);
                Report(_sorter.SortFile(file));
            }
            progress.Complete();
        }

        private void Report(SortedDicomFile result)
        {
            switch (result.Status)
            {
                case SortStatus.Sorted:
                case SortStatus.Duplicate:
                case SortStatus.Conflict:
                    if (result.Status == SortStatus.Sorted) _sorted++;
                    else WriteWarning(Core.PrintableText.Escape(result.Status + ": " + result.Source + ": " + result.Reason));
                    WriteObject(result);
                    break;
                case SortStatus.Skipped:
                case SortStatus.NotDicom:
                    WriteWarning(Core.PrintableText.Escape(result.Status + ": " + result.Source + ": " + result.Reason));
                    break;
                case SortStatus.Quarantined:
                    WriteError(NewError(new InvalidOperationException(result.Source + ": quarantined to " + result.Path + ": " + result.Reason),
                        "QuarantinedDicomFile", ErrorCategory.InvalidData, result));
                    break;
                default:
                    WriteError(NewError(new InvalidOperationException(result.Source + ": " + result.Reason), "SortFailed", ErrorCategory.WriteError, result));
                    break;
            }
        }

        private string Resolve(string path) => path == null ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);
    }
}
