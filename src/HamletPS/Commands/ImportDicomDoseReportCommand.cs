using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Security;
using HamletPS.Core;
using HamletPS.Core.Configuration;
using HamletPS.Core.Dose;
using HamletPS.Internal;

namespace HamletPS.Commands
{
    /// <summary>
    /// Stores X-Ray Radiation Dose SRs in the dose history (SQLite, beside the configuration by default): one row per report,
    /// deduplicated by SOP Instance UID (a changed report with a stored UID is reported, or replaces it with -Replace), test/QA
    /// patients left out by the protect step's rule, each patient known only by its trial Study ID or keyed pseudonym.
    /// </summary>
    [Cmdlet(VerbsData.Import, "DicomDoseReport", DefaultParameterSetName = PathSet, SupportsShouldProcess = true)]
    [OutputType(typeof(DoseHistoryImportResult))]
    public sealed class ImportDicomDoseReportCommand : HamletPathCmdlet
    {
        private readonly List<string> _files = new List<string>();

        /// <summary>Read folders recursively.</summary>
        [Parameter]
        public SwitchParameter Recurse { get; set; }

        /// <summary>Only files in folders whose name matches this wildcard (e.g. *.dcm).</summary>
        [Parameter]
        [SupportsWildcards]
        public string Filter { get; set; }

        /// <summary>The dose history database (default: dose-history.sqlite beside the site configuration).</summary>
        [Parameter]
        public string DatabasePath { get; set; }

        /// <summary>The site configuration file.</summary>
        [Parameter]
        public string ConfigPath { get; set; }

        /// <summary>The lookup table MRN,Study_ID that gives patient keys (default: HAMLET.MAPPINGFILE).</summary>
        [Parameter]
        public string MappingFile { get; set; }

        /// <summary>The site secret that keys pseudonyms, as for Protect-DicomPatient.</summary>
        [Parameter]
        public SecureString Key { get; set; }

        /// <summary>The profile whose test-patient patterns apply (default: HAMLET.PROFILE).</summary>
        [Parameter]
        [ArgumentCompleter(typeof(ProfileNameCompleter))]
        public string Profile { get; set; }

        /// <summary>Store test/QA patients too, flagged (Get-DoseHistory shows them with -IncludeTestPatients).</summary>
        [Parameter]
        public SwitchParameter IncludeTestPatients { get; set; }

        /// <summary>A changed report replaces the stored one with its SOP Instance UID.</summary>
        [Parameter]
        public SwitchParameter Replace { get; set; }

        protected override void ProcessRecord()
        {
            _files.AddRange(EnumerateInputFiles(Recurse, Filter));
        }

        protected override void EndProcessing()
        {
            if (_files.Count == 0) return;
            HamletConfig config = LoadSiteConfig(ConfigPath, required: false);
            var request = new DoseHistoryRequest
            {
                Config = config,
                DatabasePath = DatabasePath == null ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(DatabasePath),
                MappingFile = MappingFile == null ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(MappingFile),
                Profile = Profile,
                IncludeTestPatients = IncludeTestPatients,
                Replace = Replace,
            };
            string database;
            try
            {
                database = DoseHistorySetup.ResolveDatabasePath(request);
            }
            catch (Exception ex) when (SetupError(ex, ErrorIds.InvalidDoseHistorySettings) is HamletException setup)
            {
                Terminate(setup, DatabasePath);
                return;
            }
            request.WhatIf = !ShouldProcess(database, "Import " + _files.Count + " file(s) into the dose history");
            if (request.WhatIf && !MyInvocation.BoundParameters.ContainsKey("WhatIf")) return; // declined at a -Confirm prompt

            request.Key = SecureStringReader.ToChars(Key);
            DoseHistoryImportOptions options;
            try
            {
                options = DoseHistorySetup.CreateImportOptions(request);
            }
            catch (Exception ex) when (SetupError(ex, ErrorIds.InvalidDoseHistorySettings) is HamletException setup)
            {
                Terminate(setup, database); // InvalidMappingFile, InvalidProfile keep their ids
                return;
            }
            finally
            {
                if (request.Key != null) Array.Clear(request.Key, 0, request.Key.Length);
            }

            var progress = new ProgressWriter(WriteProgress, 3, "Importing dose reports");
            int done = 0;
            try
            {
                using (var importer = new DoseHistoryImporter(options))
                {
                    IEnumerable<DoseReport> reports = DoseReportFiles.Read(_files,
                        failure => WriteError(NewError(failure)), skipped => WriteVerbose(Core.PrintableText.Escape(skipped.Message)), StopToken, options.DatabasePath);
                    foreach (DoseHistoryImportResult result in importer.Import(reports, StopToken))
                    {
                        progress.Report(++done + " of " + _files.Count + " files", 100.0 * done / _files.Count);
                        if (result.Status == DoseHistoryImportStatus.Conflict) WriteWarning(Core.PrintableText.Escape(result.Path + ": " + result.Message));
                        else if (result.Status == DoseHistoryImportStatus.ExcludedTestPatient) WriteVerbose(Core.PrintableText.Escape(result.Path + ": " + result.Message));
                        WriteObject(result);
                    }
                }
            }
            catch (HamletException ex)
            {
                Terminate(ex, database); // DoseHistoryUnavailable
            }
            progress.Complete();
        }
    }
}
