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
    /// renamed into place. With -ChartPath, a folder of SVG charts (per-protocol DLP, DAP and AGD box plots, studies per
    /// station and month) and an index.html showing them, pseudonymised as the exports are.
    /// </summary>
    [Cmdlet(VerbsData.Export, "DoseHistory", SupportsShouldProcess = true)]
    [OutputType(typeof(DoseHistoryExportResult), typeof(DoseChartExportResult))]
    public sealed class ExportDoseHistoryCommand : DoseHistoryCmdlet
    {
        /// <summary>The file to write (.csv or .xlsx); may be left out when -ChartPath is given.</summary>
        [Parameter(Position = 0)]
        public string Path { get; set; }

        /// <summary>A folder to write the charts into (SVG files and index.html).</summary>
        [Parameter]
        [Alias("Chart")]
        public string ChartPath { get; set; }

        /// <summary>Csv or Xlsx; default from the file's extension.</summary>
        [Parameter]
        [ValidateSet("Csv", "Xlsx")]
        public string Format { get; set; }

        /// <summary>Replace the file, and the charts, if they exist.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord()
        {
            var (_, database, filter) = ResolveHistory();
            string destination = Path == null ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
            string charts = ChartPath == null ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(ChartPath);
            DoseExportFormat format = DoseExportFormat.Csv;
            try
            {
                DoseHistorySetup.CheckExportRequest(destination, charts);
                if (destination != null)
                {
                    format = DoseHistorySetup.ChooseExportFormat(destination, Format);
                    DoseHistorySetup.CheckExportDestination(destination, Force);
                }
                if (charts != null) DoseHistoryCharts.CheckDestination(charts, Force);
            }
            catch (Exception ex) when (SetupError(ex, ErrorIds.InvalidDoseHistorySettings) is HamletException setup)
            {
                Terminate(setup, destination ?? charts); // InvalidDoseHistorySettings, ExportExists
                return;
            }
            bool file = destination != null && ShouldProcess(destination, "Export the dose history (" + format + ")");
            bool chart = charts != null && ShouldProcess(charts, "Write the dose history charts");
            if (!file && !chart) return;
            using (DoseHistoryStore store = OpenHistory(database))
            {
                if (file) Export(database, destination, () => DoseHistoryExport.WriteFile(store, filter, destination, format));
                if (chart) Export(database, charts, () => DoseHistoryCharts.WriteFolder(store, filter, charts));
            }
        }

        private void Export(string database, string target, Func<object> write)
        {
            try
            {
                WriteObject(write());
            }
            catch (HamletException ex) when (ex.IsSetup)
            {
                Terminate(ex, database); // DoseHistoryUnavailable
            }
            catch (HamletException ex)
            {
                WriteError(NewError(ex, target)); // ExportFailed: nothing partial is left
            }
        }
    }
}
