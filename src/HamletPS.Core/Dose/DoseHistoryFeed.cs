using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace HamletPS.Core.Dose
{
    /// <summary>
    /// Feeds files as they arrive (the receiver's, or a retrieve's) into the dose history: each file given is read on one
    /// worker thread, in arrival order, and stored through a <see cref="DoseHistoryImporter"/> (patients keyed, test patients
    /// left out, deduplicated by SOP Instance UID, as `Import-DicomDoseReport`). A file that is not a dose report is passed
    /// over silently. The callers' threads never wait on the database (a history locked by a manual import for its busy
    /// wait does not stall an association). A file that cannot be read or stored is reported and the feed goes on: the file
    /// itself stays where it was received, so `Import-DicomDoseReport` can take it later.
    /// </summary>
    public sealed class DoseHistoryFeed : IDisposable
    {
        private readonly DoseHistoryImporter _importer;
        private readonly BlockingCollection<string> _queue = new BlockingCollection<string>();
        private readonly Task _worker;
        private int _imported;

        /// <summary>Opens (or creates) the history; a <see cref="DoseHistoryException"/> when it cannot be used.</summary>
        public DoseHistoryFeed(DoseHistoryImportOptions options)
        {
            if (options == null) throw new ArgumentNullException(nameof(options));
            _importer = new DoseHistoryImporter(options);
            DatabasePath = options.DatabasePath;
            _worker = Task.Factory.StartNew(Work, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }

        public string DatabasePath { get; }

        /// <summary>Each dose report stored (or left out, or unchanged), on the worker thread.</summary>
        public IProgress<DoseHistoryImportResult> Imported { get; set; }

        /// <summary>A dose report that could not be read or stored (the message names the file and the reason), on the worker thread.</summary>
        public IProgress<FileFailure> Failed { get; set; }

        /// <summary>Dose reports handled so far (stored, unchanged, conflicting or left out as test patients).</summary>
        public int ImportedCount => Volatile.Read(ref _imported);

        /// <summary>Queues a file for the history; returns at once.</summary>
        public void Add(string path)
        {
            if (path == null) throw new ArgumentNullException(nameof(path));
            _queue.Add(path);
        }

        /// <summary>Takes no more files and waits until the queued ones are in the history.</summary>
        public void Complete()
        {
            if (!_queue.IsAddingCompleted) _queue.CompleteAdding();
            _worker.GetAwaiter().GetResult();
        }

        private void Work()
        {
            foreach (string path in _queue.GetConsumingEnumerable())
            {
                try
                {
                    foreach (DoseHistoryImportResult result in _importer.Import(DoseReportFiles.Read(new[] { path }, f => Failed?.Report(f))))
                    {
                        Interlocked.Increment(ref _imported);
                        Imported?.Report(result);
                    }
                }
                catch (HamletException ex)
                {
                    // DoseHistoryUnavailable (locked past the busy wait, damaged, read-only): this file is not in the history.
                    Failed?.Report(FileFailure.Classify(path, ex) ?? FileFailure.Create(path, HamletErrorCategory.ResourceUnavailable, ex.ErrorId, ex));
                }
            }
        }

        public void Dispose()
        {
            Complete();
            _queue.Dispose();
            _importer.Dispose();
        }
    }
}
