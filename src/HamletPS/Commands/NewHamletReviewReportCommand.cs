using System;
using System.Collections.Generic;
using System.Management.Automation;
using HamletPS.Core;
using HamletPS.Core.Configuration;
using HamletPS.Core.Review;
using HamletPS.Internal;

namespace HamletPS.Commands
{
    /// <summary>
    /// Writes the review page of protected folders and archives: one self-contained HTML file (no script, nothing fetched) with,
    /// per patient, study and series, the counts, shifted dates, a thumbnail strip with the masked regions outlined, RT
    /// structure and beam names, the dose grid, the kept header of one instance, and the quarantined files' reasons. Built
    /// from the protected data only; archives are read in place.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "HamletReviewReport", DefaultParameterSetName = PathSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(ReviewReportResult))]
    public sealed class NewHamletReviewReportCommand : HamletPathCmdlet
    {
        private readonly List<string> _inputs = new List<string>();

        /// <summary>The HTML file to write. Default: hamlet-review.html in the current folder.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string OutputPath { get; set; }

        /// <summary>A quarantine folder whose files (by reason, never by name) the page lists.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string QuarantinePath { get; set; }

        /// <summary>The de-identification profile protect used (name or YAML file): its mask rules are outlined. Default: HAMLET.PROFILE, else hamlet-rt.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(ProfileNameCompleter))]
        [ValidateNotNullOrEmpty]
        public string Profile { get; set; }

        /// <summary>A run journal of Invoke-HamletPipeline / `hamlet process` (or its logs folder: the newest journal): what the run held back, by reason.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string JournalPath { get; set; }

        /// <summary>The site configuration file.</summary>
        [Parameter]
        public string ConfigPath { get; set; }

        protected override void ProcessRecord() => _inputs.AddRange(ResolveInputPaths());

        protected override void EndProcessing()
        {
            if (_inputs.Count == 0) return;
            HamletConfig config = LoadSiteConfig(ConfigPath, required: false);
            ReviewOptions options = null;
            try
            {
                options = ReviewSetup.Options(new ReviewRequest
                {
                    Inputs = _inputs,
                    OutputPath = GetUnresolvedProviderPathFromPSPath(OutputPath ?? ReviewReportBuilder.DefaultFileName),
                    QuarantinePath = QuarantinePath == null ? null : GetUnresolvedProviderPathFromPSPath(QuarantinePath),
                    JournalPath = JournalPath == null ? null : GetUnresolvedProviderPathFromPSPath(JournalPath),
                    Profile = Profile,
                    Config = config,
                });
            }
            catch (Exception ex) when (SetupError(ex, ErrorIds.InvalidReviewSettings) is HamletException setup)
            {
                Terminate(setup, Profile);
                return;
            }
            string what = _inputs.Count == 1 ? _inputs[0] : _inputs.Count + " inputs";
            if (!ShouldProcess(options.OutputPath, "Write the review page of " + what)) return;
            try
            {
                WriteObject(ReviewReportBuilder.Build(options, StopToken));
            }
            catch (Exception ex)
            {
                FileFailure failure = FileFailure.Classify(_inputs[0], ex);
                if (failure == null) throw;
                WriteError(NewError(failure));
            }
        }
    }
}
