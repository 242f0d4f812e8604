using System;
using System.Management.Automation;
using HamletPS.Core;
using HamletPS.Core.Dose;
using HamletPS.Internal;

namespace HamletPS.Commands
{
    /// <summary>
    /// Reads X-Ray Radiation Dose SRs (CT, projection X-ray and fluoroscopy, mammography) from files and folders: one
    /// object per report (a report accumulates one study) with its irradiation events. DICOM files that are not dose reports
    /// are skipped (-Verbose names them); what a report lacks or gives in unknown units becomes a warning. Mammography images
    /// that give their dose in the header (organ dose, entrance dose, compressed thickness), as OpenREM reads units without
    /// an RDSR, are one object per study, written after the reports.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "DicomDoseReport", DefaultParameterSetName = PathSet)]
    [OutputType(typeof(DoseReport))]
    public sealed class GetDicomDoseReportCommand : HamletPathCmdlet
    {
        /// <summary>Read folders recursively.</summary>
        [Parameter]
        public SwitchParameter Recurse { get; set; }

        /// <summary>Only files in folders whose name matches this wildcard (e.g. *.dcm).</summary>
        [Parameter]
        [SupportsWildcards]
        public string Filter { get; set; }

        private readonly MammographyStudyMerger _mammography = new MammographyStudyMerger();

        protected override void ProcessRecord()
        {
            ReadInputFiles(Recurse, Filter, "Reading dose reports", "dose reports read", DoseReportReader.Read, report =>
            {
                if (!_mammography.TryAdd(report)) Write(report); // mammography image headers: one study object each, at the end
            }, failure =>
            {
                if (failure.Reason != DoseReportReader.NotADoseReportReason) return false;
                WriteVerbose(Core.PrintableText.Escape(failure.Message)); // not a dose report: skipped, named with -Verbose
                return true;
            });
        }

        protected override void EndProcessing()
        {
            foreach (DoseReport study in _mammography.Complete()) Write(study);
            base.EndProcessing();
        }

        private void Write(DoseReport report)
        {
            foreach (string warning in report.Warnings) WriteWarning(Core.PrintableText.Escape(report.Path + ": " + warning));
            WriteObject(report);
        }
    }
}
