using System;
using System.Collections.Generic;
using System.Threading;

namespace HamletPS.Core.Dose
{
    /// <summary>
    /// Reads dose reports from files one after the other, for the import: a DICOM file that is not a dose report is skipped
    /// (<paramref name="skipped"/>), a file that cannot be read is a failure (<paramref name="failed"/>); neither stops the rest.
    /// A path of the listing that matches nothing (the enumerator's FileNotFoundException) is a failure too
    /// (<see cref="ErrorIds.PathNotFound"/>), and ends the listing. Mammography images giving their dose in the header are
    /// one report per study (<see cref="MammographyStudyMerger"/>), given after the other reports.
    /// </summary>
    public static class DoseReportFiles
    {
        /// <param name="databasePath">The dose history database: it and its -wal, -shm and -journal files are passed over
        /// silently when they lie among the files (a database kept in the folder being imported).</param>
        public static IEnumerable<DoseReport> Read(IEnumerable<string> files, Action<FileFailure> failed, Action<FileFailure> skipped = null,
            CancellationToken cancellationToken = default, string databasePath = null)
        {
            if (files == null) throw new ArgumentNullException(nameof(files));
            // Mammography images read from their headers become one report per study, after the RDSRs.
            return MammographyStudyMerger.Merge(ReadEach(files, failed, skipped, cancellationToken, databasePath));
        }

        private static IEnumerable<DoseReport> ReadEach(IEnumerable<string> files, Action<FileFailure> failed, Action<FileFailure> skipped,
            CancellationToken cancellationToken, string databasePath)
        {
            string database = databasePath == null ? null : System.IO.Path.GetFullPath(databasePath);
            using (IEnumerator<string> listed = files.GetEnumerator())
            while (true)
            {
                string file;
                try
                {
                    if (!listed.MoveNext()) yield break;
                    file = listed.Current;
                }
                catch (Exception ex) when (ex is System.IO.FileNotFoundException || ex is System.IO.DirectoryNotFoundException)
                {
                    // A path given matches no file or folder: the listing cannot go on past it.
                    string missing = (ex as System.IO.FileNotFoundException)?.FileName;
                    failed?.Invoke(FileFailure.Create(missing, HamletErrorCategory.NotFound, ErrorIds.PathNotFound, ex));
                    yield break;
                }
                cancellationToken.ThrowIfCancellationRequested();
                if (database != null && IsDatabaseFile(System.IO.Path.GetFullPath(file), database)) continue;
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

        private static bool IsDatabaseFile(string file, string database)
        {
            foreach (string suffix in new[] { "", "-wal", "-shm", "-journal" })
                if (HamletPS.Dicom.IO.PathRules.Current.AreSame(file, database + suffix)) return true;
            return false;
        }
    }
}
