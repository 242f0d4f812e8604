using System;
using System.Collections.Generic;
using System.Management.Automation;
using HamletPS.Core;
using HamletPS.Core.Review;
using HamletPS.Internal;

namespace HamletPS.Commands
{
    /// <summary>
    /// Writes the review page of a protected folder: one self-contained HTML file (no script, nothing fetched) with, per
    /// patient, study and series, the counts, shifted dates, a thumbnail strip, RT structure and beam names, the dose grid,
    /// the kept header of one instance, and the quarantined files' reasons. Built from the protected files only.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "HamletReviewReport", DefaultParameterSetName = PathSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(ReviewReportResult))]
    public sealed class NewHamletReviewReportCommand : HamletPathCmdlet
    {
        private readonly List<string> _folders = new List<string>();

        /// <summary>The HTML file to write. Default: hamlet-review.html in the current folder.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string OutputPath { get; set; }

        /// <summary>A quarantine folder whose files (by reason, never by name) the page lists.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string QuarantinePath { get; set; }

        protected override void ProcessRecord() => _folders.AddRange(ResolveInputPaths());

        protected override void EndProcessing()
        {
            if (_folders.Count == 0) return;
            if (_folders.Count > 1)
                Terminate(new PSArgumentException("One review page covers one protected folder; " + _folders.Count + " were given."), "OneFolderPerReport", ErrorCategory.InvalidArgument, null);
            string folder = _folders[0];
            string output = GetUnresolvedProviderPathFromPSPath(OutputPath ?? ReviewReportBuilder.DefaultFileName);
            string quarantine = QuarantinePath == null ? null : GetUnresolvedProviderPathFromPSPath(QuarantinePath);
            if (!ShouldProcess(output, "Write the review page of " + folder)) return;
            try
            {
                WriteObject(ReviewReportBuilder.Build(folder, output, quarantine, StopToken));
            }
            catch (Exception ex)
            {
                FileFailure failure = FileFailure.Classify(folder, ex);
                if (failure == null) throw;
                WriteError(NewError(failure));
            }
        }
    }
}
