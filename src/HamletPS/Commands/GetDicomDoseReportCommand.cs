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
    /// are skipped (-Verbose names them); what a report lacks or gives in unknown units becomes a warning.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "DicomDoseReport", DefaultParameterSetName = PathSet)]
    [OutputType(typeof(DoseReport))]
    public sealed class GetDicomDoseReportCommand : HamletPathCmdlet
    {
        private int _read;

        /// <summary>Read folders recursively.</summary>
        [Parameter]
        public SwitchParameter Recurse { get; set; }

        /// <summary>Only files in folders whose name matches this wildcard (e.g. *.dcm).</summary>
        [Parameter]
        [SupportsWildcards]
        public string Filter { get; set; }

        protected override void ProcessRecord()
        {
            var progress = new ProgressWriter(WriteProgress, 1, "Reading dose reports");
            foreach (string file in EnumerateInputFiles(Recurse, Filter))
            {
                StopToken.ThrowIfCancellationRequested();
                progress.Report(_read + " dose reports read", -1, currentOperation: file);
                ReadOne(file);
            }
            progress.Complete();
        }

        private void ReadOne(string file)
        {
            DoseReport report;
            try
            {
                report = DoseReportReader.Read(file);
            }
            catch (Exception ex)
            {
                FileFailure failure = FileFailure.Classify(file, ex);
                if (failure == null) throw;
                if (failure.Reason == DoseReportReader.NotADoseReportReason)
                {
                    EmitVerbose(failure.Message);
                    return;
                }
                WriteError(NewError(failure));
                return;
            }
            foreach (string warning in report.Warnings) EmitWarning(report.Path + ": " + warning);
            WriteObject(report);
            _read++;
        }
    }
}
