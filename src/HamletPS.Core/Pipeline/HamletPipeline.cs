using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using HamletPS.Core.Archive;
using HamletPS.Core.Configuration;
using HamletPS.Core.FileSystem;
using HamletPS.Core.Sorting;
using HamletPS.Dicom.IO;

namespace HamletPS.Core.Pipeline
{
    /// <summary>
    /// The old tool's "Process data" button: sort INCOMING into SORTED, protect every sorted file not yet archived into a
    /// per-run protected tree (with the residual-identifier check of the de-identification engine), and zip that tree into
    /// OUTGOING. Step messages go to <c>messages</c> exactly in the old tool's words; per-file failures to <c>failures</c>.
    /// <para>Idempotent: a sorted file whose content hash an earlier completed run archived, or whose protected SOP Instance UID
    /// is already archived, is not processed again. A run that did not complete (crash, kill, error) is resumed by the next
    /// one: same run id and journal, its protected files reused when their hash matches the journal, its unconfirmed archive
    /// (and any .partial) deleted and written again. Everything is recorded in a <see cref="RunJournal"/>.</para>
    /// </summary>
    public sealed class HamletPipeline
    {
        private readonly HamletPipelineOptions _options;

        public HamletPipeline(HamletPipelineOptions options)
        {
            _options = options ?? throw new ArgumentNullException(nameof(options));
            foreach (var (value, name) in new[] { (options.Incoming, "Incoming"), (options.Sorted, "Sorted"), (options.Outgoing, "Outgoing"), (options.Logs, "Logs") })
                if (string.IsNullOrWhiteSpace(value)) throw new ArgumentException("The " + name + " folder is required.", nameof(options));
            if (options.ProtectionStepFactory == null) throw new ArgumentException("A protection step is required.", nameof(options));
        }

        public PipelineSummary Run(IProgress<string> messages = null, IProgress<FileFailure> failures = null, CancellationToken cancellationToken = default)
        {
            var total = Stopwatch.StartNew();
            string incoming = Path.GetFullPath(_options.Incoming);
            string sorted = Path.GetFullPath(_options.Sorted);
            string outgoing = Path.GetFullPath(_options.Outgoing);
            string logs = Path.GetFullPath(_options.Logs);
            string protectedRoot = Path.GetFullPath(_options.ProtectedRoot ?? HamletPipelineOptions.DefaultProtectedRoot(sorted));
            // Every input is checked before anything is moved: a bad mapping file or key found after sorting would leave the
            // files sorted and the run half done.
            try { _options.Preflight?.Invoke(); }
            catch (Exception ex) when (!(ex is OperationCanceledException) && !(ex is OutOfMemoryException)) { throw PipelineSetupException.From(ex); }
            if (!Directory.Exists(incoming)) throw new PipelineSetupException("The incoming folder '" + incoming + "' does not exist.");

            RunJournalState state = RunJournalState.Load(logs);
            bool resumed = state.IncompleteRunId != null;
            string runId = state.IncompleteRunId ?? RunJournal.NewRunId();
            string runFolder = Path.Combine(protectedRoot, runId);
            var summary = new PipelineSummary { RunId = runId, Resumed = resumed };

            using (RunJournal journal = RunJournal.Open(logs, runId))
            {
                summary.JournalPath = journal.Path;
                journal.Write(resumed ? "run-resume" : "run-start", new Dictionary<string, object>
                {
                    ["tool"] = ProductInfo.Name + " " + ProductInfo.Version, ["profile"] = _options.Profile, ["perPatient"] = _options.PerPatient,
                });
                try
                {
                    if (resumed) CleanUpInterruptedRun(state, runFolder, journal);
                    RemoveFoldersOfEarlierRuns(protectedRoot, state, journal);
                    Say(messages, "Will process files in incoming folder " + incoming);
                    Say(messages, "Data processing started...");

                    var watch = Stopwatch.StartNew();
                    Say(messages, "Step 1 : Sorting incoming files into new folder structure");
                    SortStep(incoming, sorted, summary, journal, failures, cancellationToken);
                    Say(messages, SortLine(summary));
                    double sortSeconds = watch.Elapsed.TotalSeconds;

                    watch.Restart();
                    Say(messages, "Step 2 : Running pseudonymisation");
                    var written = ProtectStep(sorted, runFolder, runId, state, summary, journal, messages, failures, cancellationToken);
                    double protectSeconds = watch.Elapsed.TotalSeconds;

                    Say(messages, "Step 3 : Checking protected files and folder names for patient identifiers");
                    Say(messages, (summary.ResidualIdentifiers == 0
                        ? (summary.Protected + summary.Reused) + " files checked - no patient identifier found"
                        : summary.ResidualIdentifiers + " files withheld - a patient identifier remained after protection") + "; " + PixelStepText(summary));

                    watch.Restart();
                    Say(messages, "Step 4 : Creating archive file for upload");
                    RemoveUnrecorded(runFolder, written);
                    summary.Archives = ArchiveStep(runFolder, outgoing, journal, cancellationToken);
                    if (summary.Archives.Count == 0) Say(messages, "No new files to archive");
                    foreach (ArchiveResult archive in summary.Archives) Say(messages, archive.ArchivePath);
                    double archiveSeconds = watch.Elapsed.TotalSeconds;

                    summary.Duration = total.Elapsed;
                    summary.Succeeded = summary.Failed == 0 && summary.Quarantined == 0;
                    // Completion is recorded before the clean-up: a scanner holding one protected file must not turn a
                    // finished run into an error and make the next run build its archive again.
                    journal.Write("run-complete", new Dictionary<string, object>
                    {
                        ["sorted"] = summary.Sorted, ["protected"] = summary.Protected, ["reused"] = summary.Reused,
                        ["alreadyArchived"] = summary.AlreadyArchived, ["failed"] = summary.Failed, ["quarantined"] = summary.Quarantined,
                        ["pixelWithheld"] = summary.PixelWithheld, ["pixelMasked"] = summary.PixelMasked, ["pixelDropped"] = summary.PixelDropped,
                        ["archives"] = summary.Archives.Count, ["sortSeconds"] = sortSeconds, ["protectSeconds"] = protectSeconds,
                        ["archiveSeconds"] = archiveSeconds, ["seconds"] = total.Elapsed.TotalSeconds,
                    });
                    if (!TryRemoveRunFolder(runFolder, journal))
                        Say(messages, "The protected working folder of this run could not be removed yet (another program holds a file); a later run removes it");
                    Say(messages, "Processing complete");
                    return summary;
                }
                catch (Exception ex)
                {
                    journal.Write(ex is OperationCanceledException ? "run-cancelled" : "error", new Dictionary<string, object>
                    {
                        ["type"] = ex.GetType().Name, ["message"] = ex is OperationCanceledException ? null : SafeMessage(ex),
                    });
                    throw;
                }
            }
        }

        private void SortStep(string incoming, string sorted, PipelineSummary summary, RunJournal journal, IProgress<FileFailure> failures, CancellationToken ct)
        {
            if (!Directory.Exists(incoming)) throw new DirectoryNotFoundException("The incoming folder '" + incoming + "' does not exist.");
            var sorter = new DicomSorter(new DicomSortOptions
            {
                Destination = sorted,
                QuarantineFolder = QuarantinePath(sorted),
                Template = _options.SortTemplate,
                SettleTime = _options.SettleTime,
            });
            foreach (SortedDicomFile r in sorter.Sort(new[] { incoming }, ct))
            {
                switch (r.Status)
                {
                    case SortStatus.Sorted: summary.Sorted++; break;
                    case SortStatus.Duplicate: summary.Duplicates++; break;
                    case SortStatus.Conflict: summary.Conflicts++; summary.Sorted++; break;
                    case SortStatus.Skipped:
                        summary.Skipped++;
                        if (r.SkipReason == SortSkipReason.TooRecent) summary.TooRecent++;
                        else if (r.SkipReason == SortSkipReason.Link) summary.Links++;
                        break;
                    case SortStatus.NotDicom: summary.NotDicom++; break;
                    case SortStatus.Quarantined:
                        summary.Quarantined++;
                        failures?.Report(FileFailure.Create(r.Path, FileFailureKind.InvalidData, "QuarantinedDicomFile", new InvalidDataException("quarantined: " + r.Reason)));
                        break;
                    default:
                        summary.Failed++;
                        summary.SortFailed++;
                        failures?.Report(FileFailure.Create(r.Source, FileFailureKind.ReadOrWriteError, "SortFailed", new IOException(r.Reason)));
                        break;
                }
                if (r.Status != SortStatus.Sorted)
                    journal.Write("sort-" + r.Status.ToString().ToLowerInvariant(), new Dictionary<string, object> { ["reason"] = r.Status == SortStatus.Failed ? "I/O error" : r.Reason, ["modality"] = r.Modality });
            }
            journal.Write("sorted", new Dictionary<string, object>
            {
                ["sorted"] = summary.Sorted, ["duplicates"] = summary.Duplicates, ["conflicts"] = summary.Conflicts,
                ["skipped"] = summary.Skipped, ["notDicom"] = summary.NotDicom, ["quarantined"] = summary.Quarantined,
            });
        }

        private HashSet<string> ProtectStep(string sorted, string runFolder, string runId, RunJournalState state, PipelineSummary summary,
            RunJournal journal, IProgress<string> messages, IProgress<FileFailure> failures, CancellationToken ct)
        {
            var written = new HashSet<string>(PathRules.Current);
            var files = Directory.Exists(sorted)
                ? FileTree.Files(sorted).Where(f => !TemporaryFileName.IsTemporary(Path.GetFileName(f))).ToList()
                : new List<string>();
            files.Sort(StringComparer.Ordinal);
            if (files.Count == 0) return written;
            Directory.CreateDirectory(runFolder);
            var seenHashes = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
            var gate = new object();
            var quarantine = new QuarantineFolder(QuarantinePath(sorted));
            IProtectionStep created;
            try { created = _options.ProtectionStepFactory(runFolder, runId); }
            catch (Exception ex) when (!(ex is OperationCanceledException) && !(ex is OutOfMemoryException)) { throw PipelineSetupException.From(ex); }
            using (IProtectionStep step = created)
            {
                var po = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, _options.MaxDegreeOfParallelism), CancellationToken = ct };
                try
                {
                Parallel.ForEach(files, po, file =>
                {
                    string sourceHash;
                    try { sourceHash = Sha256Hex(file); }
                    catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
                    {
                        // The sorted path holds the Patient ID: the failure names neither it nor .NET's message.
                        lock (gate) summary.Failed++;
                        failures?.Report(FileFailure.Create(null, FileFailureKind.ReadOrWriteError, "SortedFileUnreadable",
                            new IOException("a sorted file (name withheld: it holds the Patient ID) cannot be read: " + DicomSorter.DescribeIoError(ex))));
                        return;
                    }
                    if (state.ArchivedSourceHashes.Contains(sourceHash) || !seenHashes.TryAdd(sourceHash, true))
                    {
                        lock (gate) summary.AlreadyArchived++;
                        return;
                    }
                    if (state.ProtectedInIncompleteRun.TryGetValue(sourceHash, out ProtectedFileRecord earlier) && earlier.RelativePath != null)
                    {
                        string existing = Path.Combine(runFolder, earlier.RelativePath.Replace('/', Path.DirectorySeparatorChar));
                        if (File.Exists(existing) && Sha256Hex(existing) == earlier.Sha256)
                        {
                            journal.Write("reused", Fields(sourceHash, earlier.StudyId, earlier.SopInstanceUid, earlier.RelativePath, earlier.Sha256));
                            lock (gate)
                            {
                                summary.Reused++;
                                written.Add(Path.GetFullPath(existing));
                            }
                            return;
                        }
                    }
                    ProtectionOutcome outcome = step.Protect(file, ct);
                    if (outcome.PixelDropped)
                    {
                        lock (gate) summary.PixelDropped++;
                        journal.Write("pixel-dropped", new Dictionary<string, object> { ["sourceSha256"] = sourceHash });
                        return;
                    }
                    if (!outcome.Succeeded)
                    {
                        lock (gate)
                        {
                            summary.Failed++;
                            if (outcome.ResidualIdentifier) summary.ResidualIdentifiers++;
                            if (outcome.PixelWithheld) summary.PixelWithheld++;
                        }
                        journal.Write("protect-failed", new Dictionary<string, object>
                        {
                            ["sourceSha256"] = sourceHash, ["reason"] = outcome.Failure?.Reason, ["message"] = outcome.Failure?.Message,
                        });
                        if (outcome.Failure != null) failures?.Report(outcome.Failure);
                        if (outcome.Unreadable && QuarantineUnreadable(quarantine, file, outcome, journal, sourceHash))
                            lock (gate) summary.QuarantinedAfterSorting++;
                        return;
                    }
                    if (outcome.SopInstanceUid != null && state.ArchivedSopInstanceUids.Contains(outcome.SopInstanceUid))
                    {
                        File.Delete(outcome.DestinationPath);
                        journal.Write("already-archived", new Dictionary<string, object> { ["sourceSha256"] = sourceHash, ["sopInstanceUid"] = outcome.SopInstanceUid });
                        lock (gate) summary.AlreadyArchived++;
                        return;
                    }
                    string relative = outcome.RelativePath ?? Relative(runFolder, outcome.DestinationPath);
                    journal.Write("protected", Fields(sourceHash, outcome.StudyId, outcome.SopInstanceUid, relative, Sha256Hex(outcome.DestinationPath)));
                    lock (gate)
                    {
                        if (outcome.PixelMasked) summary.PixelMasked++;
                        summary.Protected++;
                        written.Add(Path.GetFullPath(outcome.DestinationPath));
                    }
                });
                }
                catch (AggregateException ex) when (ex.InnerExceptions.Count >= 1)
                {
                    System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex.InnerExceptions[0]).Throw();
                }
                summary.Patients = step.PatientMessages;
            }
            foreach (string line in summary.Patients) Say(messages, line);
            Say(messages, ProtectLine(summary));
            return written;
        }

        private string QuarantinePath(string sorted) => _options.Quarantine ?? WorkflowConfiguration.QuarantineFolder(null, null, sorted);

        /// <summary>A sorted file that fails the full read would fail every run: it goes to the quarantine folder with the
        /// reason (the protector's message, which names the protected path or withholds the name). False when it could not be
        /// moved (it stays, and the next run tries again).</summary>
        private static bool QuarantineUnreadable(QuarantineFolder quarantine, string file, ProtectionOutcome outcome, RunJournal journal, string sourceHash)
        {
            try
            {
                quarantine.Put(file, outcome.Failure?.Message ?? "not a readable DICOM file", (from, to) => File.Move(from, to));
                journal.Write("quarantined", new Dictionary<string, object> { ["sourceSha256"] = sourceHash, ["reason"] = "unreadable after sorting" });
                return true;
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                return false;
            }
        }

        /// <summary>Step 1's line: the files sorted, then every file not sorted with its reason.</summary>
        internal string SortLine(PipelineSummary s)
        {
            var parts = new List<string> { s.Sorted + " files sorted" };
            if (s.TooRecent > 0)
                parts.Add(s.TooRecent + " too recent (settle time " + _options.SettleTime.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) + " s; left for the next run)");
            if (s.Links > 0) parts.Add(s.Links + " symbolic links (never followed; left in place)");
            int otherSkipped = s.Skipped - s.TooRecent - s.Links;
            if (otherSkipped > 0) parts.Add(otherSkipped + " still being written or locked (left for the next run)");
            if (s.Duplicates > 0) parts.Add(s.Duplicates + " duplicates of sorted files (dropped)");
            if (s.NotDicom > 0) parts.Add(s.NotDicom + " not DICOM (left in the incoming folder)");
            if (s.Quarantined > 0) parts.Add(s.Quarantined + " unreadable (quarantined with a reason file)");
            if (s.SortFailed > 0) parts.Add(s.SortFailed + " failed (I/O error; left in the incoming folder)");
            return string.Join(", ", parts);
        }

        /// <summary>Step 2's line: the files protected, then every sorted file not protected with its reason.</summary>
        internal static string ProtectLine(PipelineSummary s)
        {
            var parts = new List<string> { (s.Protected + s.Reused) + " files protected" };
            if (s.AlreadyArchived > 0) parts.Add(s.AlreadyArchived + " already archived (not processed again)");
            int other = s.Failed - s.SortFailed - s.QuarantinedAfterSorting - s.ResidualIdentifiers - s.PixelWithheld;
            if (s.ResidualIdentifiers > 0) parts.Add(s.ResidualIdentifiers + " withheld (a patient identifier remained)");
            if (s.PixelWithheld > 0) parts.Add(s.PixelWithheld + " withheld (pixels may carry identifying text; no pixel rule releases them)");
            if (s.QuarantinedAfterSorting > 0) parts.Add(s.QuarantinedAfterSorting + " unreadable (quarantined with a reason file)");
            if (other > 0) parts.Add(other + " failed (reasons above; left in the sorted folder)");
            return string.Join(", ", parts);
        }

        /// <summary>Step 3's pixel counts: withheld (risk without a rule, or compressed pixels a rule must mask), masked, dropped.</summary>
        private static string PixelStepText(PipelineSummary s) =>
            "pixels: " + s.PixelWithheld + " withheld (may carry identifying text, no rule releases them), " + s.PixelMasked + " masked by rule, " + s.PixelDropped + " dropped by rule";

        private IReadOnlyList<ArchiveResult> ArchiveStep(string runFolder, string outgoing, RunJournal journal, CancellationToken ct)
        {
            if (!Directory.Exists(runFolder) || FileTree.Files(runFolder).Count == 0) return Array.Empty<ArchiveResult>();
            string nameTemplate = _options.ArchiveNameTemplate;
            if (!_options.PerPatient)
            {
                var studyIds = Directory.GetDirectories(runFolder).Select(Path.GetFileName).ToList();
                string name = Archive.ArchiveNameTemplate.Expand(nameTemplate ?? Archive.ArchiveNameTemplate.Default, _options.Site, _options.User,
                    studyIds.Count == 1 ? studyIds[0] : null, DateTime.Now, Guid.NewGuid());
                nameTemplate = name;
                journal.Write("archive-start", new Dictionary<string, object> { ["archive"] = Path.Combine(outgoing, name) });
            }
            else journal.Write("archive-start", new Dictionary<string, object> { ["perPatient"] = true });
            var builder = new HamletArchiveBuilder(new HamletArchiveOptions
            {
                OutputDirectory = outgoing,
                Site = _options.Site,
                User = _options.User,
                NameTemplate = nameTemplate,
                PerPatient = _options.PerPatient,
                CompressionLevel = _options.CompressionLevel,
                Profile = _options.Profile,
                Verify = _options.Verify,
            });
            IReadOnlyList<ArchiveResult> results = builder.Build(runFolder, DicomArchiveEntryDescriber.Callback, null, ct);
            foreach (ArchiveResult r in results)
            {
                journal.Write("archived", new Dictionary<string, object>
                {
                    ["archive"] = r.ArchivePath, ["files"] = r.EntryCount, ["bytesIn"] = r.BytesIn, ["bytesOut"] = r.BytesOut,
                    ["verified"] = r.Verified, ["studyIds"] = string.Join(";", r.StudyIds),
                });
            }
            return results;
        }

        /// <summary>Deletes what an interrupted run left half-done: temporary files in its protected tree, and the archives it
        /// started but never confirmed (with their .partial), which are written again.</summary>
        private static void CleanUpInterruptedRun(RunJournalState state, string runFolder, RunJournal journal)
        {
            if (Directory.Exists(runFolder))
            {
                foreach (string f in FileTree.Files(runFolder))
                    if (TemporaryFileName.IsTemporary(Path.GetFileName(f))) File.Delete(f);
            }
            foreach (string archive in state.ArchivesStartedInIncompleteRun.Where(a => a != null))
            {
                foreach (string leftover in new[] { TemporaryFileName.Fixed(archive), archive })
                {
                    if (!File.Exists(leftover)) continue;
                    File.Delete(leftover);
                    journal.Write("deleted-unconfirmed-archive", new Dictionary<string, object> { ["archive"] = leftover });
                }
            }
        }

        /// <summary>Files in the run's protected tree that this run did not record (a crash between writing and journaling whose
        /// source is gone) are removed, so the archive holds exactly what the journal lists.</summary>
        private static void RemoveUnrecorded(string runFolder, HashSet<string> written)
        {
            if (!Directory.Exists(runFolder)) return;
            foreach (string f in FileTree.Files(runFolder))
                if (!written.Contains(Path.GetFullPath(f))) File.Delete(f);
        }

        private static Dictionary<string, object> Fields(string sourceHash, string studyId, string sop, string relative, string sha) =>
            new Dictionary<string, object>
            {
                ["sourceSha256"] = sourceHash, ["studyId"] = studyId, ["sopInstanceUid"] = sop, ["path"] = relative, ["sha256"] = sha,
            };

        private static string Relative(string root, string full) =>
            full.Substring(root.TrimEnd(Path.DirectorySeparatorChar).Length + 1).Replace(Path.DirectorySeparatorChar, '/');

        internal static string Sha256Hex(string path)
        {
            using (var sha = SHA256.Create())
            using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.SequentialScan))
            {
                byte[] hash = sha.ComputeHash(stream);
                var chars = new char[hash.Length * 2];
                for (int i = 0; i < hash.Length; i++)
                {
                    chars[2 * i] = "0123456789abcdef"[hash[i] >> 4];
                    chars[2 * i + 1] = "0123456789abcdef"[hash[i] & 15];
                }
                return new string(chars);
            }
        }

        /// <summary>Exception text for the journal and the console: our own exceptions name files by protected paths or folders,
        /// never values; anything else (.NET's I/O messages name paths, and a sorted path holds a Patient ID) is reduced to its type.</summary>
        public static string SafeMessage(Exception ex) =>
            ex is ArchiveVerificationException || ex is PipelineSetupException || ex is InvalidOperationException ? ex.Message
                : ex is IOException || ex is UnauthorizedAccessException ? "I/O error (" + ex.GetType().Name + ")"
                : ex.GetType().Name;

        /// <summary>Best effort: removes a protected run folder (retried while held); false, journalled, when it stays.</summary>
        private bool TryRemoveRunFolder(string folder, RunJournal journal)
        {
            try
            {
                if (Directory.Exists(folder)) HamletPS.Dicom.IO.FileRetry.Run(() => _options.DeleteRunFolder(folder));
                return true;
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                journal.Write("cleanup-incomplete", new Dictionary<string, object> { ["folder"] = Path.GetFileName(folder), ["message"] = SafeMessage(ex) });
                return false;
            }
        }

        /// <summary>Protected folders of completed runs that their clean-up could not remove then.</summary>
        private void RemoveFoldersOfEarlierRuns(string protectedRoot, RunJournalState state, RunJournal journal)
        {
            if (!Directory.Exists(protectedRoot)) return;
            foreach (string folder in Directory.GetDirectories(protectedRoot, "run-*"))
            {
                if (state.CompletedRunIds.Contains(Path.GetFileName(folder))) TryRemoveRunFolder(folder, journal);
            }
        }


        private static void Say(IProgress<string> messages, string text) => messages?.Report(text);
    }
}
