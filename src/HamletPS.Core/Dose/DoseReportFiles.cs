using System;
using System.Collections.Generic;
using System.Threading;

namespace HamletPS.Core.Dose
{
    /// <summary>
    /// Reads dose reports from files one after the other, for the import: a DICOM file that is not a dose report is skipped
    /// (<paramref name="skipped"/>), a file that cannot be read is a failure (<paramref name="failed"/>); neither stops the rest.
    /// </summary>
    public static class DoseReportFiles
    {
        public static IEnumerable<DoseReport> Read(IEnumerable<string> files, Action<FileFailure> failed, Action<FileFailure> skipped = null,
            CancellationToken cancellationToken = default)
        {
            if (files == null) throw new ArgumentNullException(nameof(files));
            foreach (string file in files)
            {
                cancellationToken.ThrowIfCancellationRequested();
                DoseReport report;
                try
                {
                    report = DoseReportReader.Read(file);
                }
                catch (Exception ex)
                {
                    FileFailure failure = FileFailure.Classify(file, ex);
                    if (failure == null) throw;
                    if (failure.Reason == DoseReportReader.NotADoseReportReason) skipped?.Invoke(failure);
                    else failed?.Invoke(failure);
                    continue;
                }
                yield return report;
            }
        }
    }
}
