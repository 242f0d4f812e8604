using System;
using System.Management.Automation;
using HamletPS.Core;
using HamletPS.Core.Dose;
using HamletPS.Internal;

namespace HamletPS.Commands
{
    /// <summary>
    /// Writes the dose history as a pseudonymised CSV (one row per study, a group of columns per event) or an XLSX workbook
    /// (Summary with per-station and per-protocol median and quartiles, All studies, one sheet per acquisition protocol).
    /// Patients appear only by their trial Study ID or keyed pseudonym. The file is written under a temporary name and
    /// renamed into place.
    /// </summary>
    [Cmdlet(VerbsData.Export, "DoseHistory", SupportsShouldProcess = true)]
    [OutputType(typeof(DoseHistoryExportResult))]
    public sealed class ExportDoseHistoryCommand : DoseHistoryCmdlet
    {
        /// <summary>The file to write (.csv or .xlsx).</summary>
        [Parameter(Mandatory = true, Position = 0)]
        public string Path { get; set; }

        /// <summary>Csv or Xlsx; default from the file's extension.</summary>
        [Parameter]
        [ValidateSet("Csv", "Xlsx")]
        public string Format { get; set; }

        /// <summary>Replace the file if it exists.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord()
        {
            var (_, database, filter) = ResolveHistory();
            string destination = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
            DoseExportFormat format;
            try
            {
                format = DoseHistorySetup.ChooseExportFormat(destination, Format);
                DoseHistorySetup.CheckExportDestination(destination, Force);
            }
            catch (Exception ex) when (SetupError(ex, ErrorIds.InvalidDoseHistorySettings) is HamletException setup)
            {
                Terminate(setup, destination); // InvalidDoseHistorySettings, ExportExists
                return;
            }
            if (!ShouldProcess(destination, "Export the dose history (" + format + ")")) return;
            using (DoseHistoryStore store = OpenHistory(database))
            {
                try
                {
                    WriteObject(DoseHistoryExport.WriteFile(store, filter, destination, format));
                }
                catch (HamletException ex) when (ex.IsSetup)
                {
                    Terminate(ex, database); // DoseHistoryUnavailable
                }
                catch (HamletException ex)
                {
                    WriteError(NewError(ex, destination)); // ExportFailed: nothing partial is left
                }
            }
        }
    }
}
