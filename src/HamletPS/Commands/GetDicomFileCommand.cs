using System;
using System.Management.Automation;
using HamletPS.Core.Inspection;
using HamletPS.Core;
using HamletPS.Internal;

namespace HamletPS.Commands
{
    /// <summary>
    /// Reads the headers of DICOM files and folders: one object per file, or with -Elements one row per element (like dcmdump).
    /// A file that is not DICOM or is broken gives a non-terminating error naming the file, byte offset and reason.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "DicomFile", DefaultParameterSetName = PathSet)]
    [OutputType(typeof(DicomFileSummary))]
    [OutputType(typeof(DicomElementRow))]
    public sealed class GetDicomFileCommand : HamletPathCmdlet
    {
        private int _read;

        /// <summary>Read folders recursively.</summary>
        [Parameter]
        public SwitchParameter Recurse { get; set; }

        /// <summary>Only files in folders whose name matches this wildcard (e.g. *.dcm).</summary>
        [Parameter]
        [SupportsWildcards]
        public string Filter { get; set; }

        /// <summary>List every element of each file instead of one summary per file.</summary>
        [Parameter]
        public SwitchParameter Elements { get; set; }

        protected override void ProcessRecord()
        {
            var progress = new ProgressWriter(WriteProgress, 1, "Reading DICOM headers");
            foreach (string file in EnumerateInputFiles(Recurse, Filter))
            {
                StopToken.ThrowIfCancellationRequested();
                progress.Report(_read + " files read", -1, currentOperation: file);
                ReadOne(file);
            }
            progress.Complete();
        }

        private void ReadOne(string file)
        {
            try
            {
                if (Elements)
                {
                    foreach (DicomElementRow row in DicomFileInspector.ListElements(file)) WriteObject(row);
                }
                else
                {
                    WriteObject(DicomFileInspector.Summarize(file));
                }
                _read++;
            }
            catch (Exception ex)
            {
                FileFailure failure = FileFailure.Classify(file, ex);
                if (failure == null) throw;
                WriteError(NewError(failure));
            }
        }
    }
}
