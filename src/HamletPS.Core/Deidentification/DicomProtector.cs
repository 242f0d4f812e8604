using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using HamletPS.Core.Identity;
using HamletPS.Core.Security;
using HamletPS.Dicom;
using HamletPS.Dicom.Data;
using HamletPS.Dicom.Dictionary;
using HamletPS.Dicom.IO;

namespace HamletPS.Core.Deidentification
{
    /// <summary>
    /// Protect-DicomPatient's engine. Per input file, streaming (one file in memory at a time per worker; large values are
    /// copied from the source by the writer): read, resolve the patient's new ID (lookup, else pseudonym), de-identify with
    /// the profile, name the output from protected values, run the <see cref="ResidualIdentifierScanner"/> (a hit fails the
    /// file, nothing written), seal the original values in the vault, write to a temporary name and rename. Inputs are never
    /// modified. Errors are per file and name no patient value. Dispose closes the vault.
    /// </summary>
    public sealed class DicomProtector : IDisposable
    {
        private readonly ProtectorOptions _options;
        private readonly DicomDeidentifier _deidentifier;
        private readonly ResidualIdentifierScanner _scanner;
        private readonly OutputPathBuilder _paths;
        private readonly Sorting.PathLengthBudget _budget;
        private readonly TestPatientDetector _testPatients;
        private readonly ReidentificationVault _vault;
        private readonly ConcurrentDictionary<string, Lazy<PatientReport>> _patients = new ConcurrentDictionary<string, Lazy<PatientReport>>(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, string> _written = new ConcurrentDictionary<string, string>(PathRules.Current);
        private readonly string _destination;

        /// <summary>Validates the options and opens (or creates) the vault; a wrong vault key throws before anything is written.</summary>
        public DicomProtector(ProtectorOptions options)
        {
            _options = options ?? throw new ArgumentNullException(nameof(options));
            options.Validate();
            _deidentifier = new DicomDeidentifier(options.Profile, options.Uids, options.HashKey);
            _scanner = new ResidualIdentifierScanner(options.Profile.HasOption(ConfidentialityOption.RetainUids), options.Uids.Root);
            _paths = new OutputPathBuilder(options.OutputPathTemplate);
            _budget = new Sorting.PathLengthBudget(options.MaxPathLength, Sorting.PathLengthBudget.ProtectedSuffixReserve);
            _testPatients = new TestPatientDetector(options.Profile.TestPatientPatterns);
            _destination = string.IsNullOrWhiteSpace(options.Destination) ? null : Path.GetFullPath(options.Destination);
            if (options.VaultPath != null && !options.WhatIf)
            {
                string vault = Path.GetFullPath(options.VaultPath);
                if (_destination != null && PathRules.Current.IsSameOrInside(vault, _destination))
                    throw new ArgumentException("The re-identification vault must be outside the destination tree (it would leave the site with the data).");
                _vault = ReidentificationVault.OpenOrCreate(vault, options.VaultKey, options.VaultOptions);
            }
        }

        public DeidentificationProfile Profile => _options.Profile;

        /// <summary>The patients seen so far, by new ID (never the MRN).</summary>
        public IReadOnlyList<PatientReport> Patients =>
            _patients.Values.Where(l => l.IsValueCreated && l.Value != null).Select(l => l.Value).OrderBy(p => p.NewId, StringComparer.Ordinal).ToArray();

        /// <summary>Files written but not yet made visible before the vault is flushed (group commit; see <see cref="Protect"/>).</summary>
        public const int CommitBatchSize = 128;

        /// <summary>
        /// Protects files (folders are expanded recursively) in parallel (at most <see cref="ProtectorOptions.MaxDegreeOfParallelism"/>
        /// files in memory at a time); one result per file, in input order. Group commit: each file is written under a temporary
        /// name and its vault record appended; every <see cref="CommitBatchSize"/> files (and at the end) the vault is flushed to
        /// disk once, then that batch's files are renamed into place and reported. So a protected file is visible under its
        /// final name only once its re-identification record is durable; a crash loses at most the uncommitted batch (its
        /// temporary files, named <c>.&lt;name&gt;.&lt;random&gt;.tmp</c>, are left behind and its records are superseded when
        /// the files are protected again). Output files themselves are not fsynced (as before: the page cache writes them).
        /// Progress is reported as files are committed.
        /// </summary>
        public IReadOnlyList<ProtectionResult> Protect(IEnumerable<string> files, IProgress<ProtectionProgress> progress = null, CancellationToken cancellationToken = default)
        {
            var list = InputFiles.Expand(files).ToList();
            var results = new ProtectionResult[list.Count];
            var batch = new CommitBatch(this, list.Count, progress);
            var po = new ParallelOptions { MaxDegreeOfParallelism = _options.MaxDegreeOfParallelism, CancellationToken = cancellationToken };
            try
            {
                Parallel.For(0, list.Count, po, i =>
                {
                    var written = ProtectCore(list[i], cancellationToken);
                    results[i] = written.Result;
                    batch.Add(written);
                });
                batch.Commit();
            }
            catch
            {
                batch.Abandon();
                throw;
            }
            return results;
        }

        /// <summary>Protects one file (for callers that stream their own inputs); durable on return (the vault is flushed for this file).</summary>
        public ProtectionResult ProtectFile(string sourcePath, CancellationToken cancellationToken = default)
        {
            var written = ProtectCore(sourcePath, cancellationToken);
            var batch = new CommitBatch(this, 1, null);
            batch.Add(written);
            batch.Commit();
            return written.Result;
        }

        /// <summary>Everything but making the output visible: on success the result names the written temporary file.</summary>
        private PendingFile ProtectCore(string sourcePath, CancellationToken cancellationToken)
        {
            string temp = null;
            cancellationToken.ThrowIfCancellationRequested();
            var result = new ProtectionResult(sourcePath);
            PatientIdentifiers ids = null;
            try
            {
                string full = Path.GetFullPath(sourcePath);
                var file = DicomFile.Open(full);
                var ds = file.Dataset;
                DicomDeidentifier.RefuseIdentityDeclaredAsBytes(ds); // identity the reader cannot take as text: refused, never guessed
                ids = PatientIdentifiers.FromDataset(ds);
                if (_options.ExcludeTestPatients && _testPatients.IsTestPatient(ids.PatientName, ids.PatientId))
                {
                    result.Status = ProtectionStatus.ExcludedTestPatient;
                    result.Message = Describe(sourcePath, ids, null) + ": test/QA patient (name or ID matches a test pattern) - skipped";
                    return new PendingFile(result, null, null);
                }
                var pixels = Pixels.PixelProtection.Decide(_options.Profile, file, v => !ids.Values.Any(id => IdentityTextMatcher.Contains(v, id)));
                var report = ResolvePatient(ids);
                result.StudyId = report.NewId;
                result.IdentitySource = report.Source;
                var record = _deidentifier.Deidentify(file, new PatientProtection(report.NewId, report.Source, report.DateOffsetDays, ids));
                result.ActionCount = record.Changes.Count;
                result.SopInstanceUid = record.NewSopInstanceUid;
                result.Modality = ds.GetString(DicomTags.Modality);
                string relative = RelativePath(ds, report.NewId, out string budgeted);
                result.RelativePath = relative;
                if (budgeted == null)
                    throw new ProtectionRefusedException("PathTooLong", _budget.TooLongReason("protected", _destination, Path.Combine(_destination, relative).Length) +
                        ": choose a shorter destination folder; file not written");
                result.PixelRule = pixels.Decision.Rule?.Name;
                if (pixels.Decision.Drop)
                {
                    result.Status = ProtectionStatus.DroppedByPixelRule;
                    result.Message = "input for " + relative + ": dropped by pixel rule '" + pixels.Decision.Rule.Name + "' - not written";
                    return new PendingFile(result, null, null);
                }
                pixels.Apply(file, record, _vault != null); // the masked regions' originals only where a vault keeps the record
                result.PixelsMasked = pixels.Decision.Mask;

                var hits = _scanner.Scan(file, ids).Concat(_scanner.ScanPath(relative, ids)).ToList();
                if (hits.Count > 0)
                {
                    string where = string.Join(", ", hits.Select(h => h.ToString()).Distinct().Take(5));
                    throw new ResidualIdentifierException(relative, hits, "residual identifier after protection in " + where + " - file not written");
                }

                string destination = _destination != null ? Path.GetFullPath(budgeted) : null;
                result.DestinationPath = destination;
                if (destination != null && PathRules.Current.AreSame(destination, full))
                    throw new ProtectionRefusedException("OutputWouldOverwriteInput", "the destination is the input file itself; inputs are never modified");
                if (_options.WhatIf)
                {
                    result.Status = ProtectionStatus.Planned;
                    result.Message = report.Message;
                    return new PendingFile(result, null, null);
                }
                if (destination != null && !_written.TryAdd(destination, sourcePath))
                    throw new ProtectionRefusedException("DuplicateSopInstance", "another input of this run has the same SOP Instance UID; only the first was written");
                cancellationToken.ThrowIfCancellationRequested();
                file.Preamble = null; // the sender's preamble may carry anything: never written (the seal's preamble replaces it)
                // The seal marks the file as ours (archive accepts only sealed files); the record is bound to the file's digest,
                // so Unprotect applies it to this file only. Both are computed in the write pass from the bytes written (the
                // sealer sees each byte as it is written, the preamble is written last), not by reading the file back.
                using (var sealer = new ProtectedFileSealer(_options.SealKey))
                {
                    temp = file.SaveToTemporary(destination, new DicomWriteOptions { ContentSeal = sealer }); // renamed into place by the commit, after the vault flush
                    record.ProtectedDigest = ProtectedFileSeal.Hex(sealer.Digest);
                }
                _vault?.Append(record.NewSopInstanceUid ?? ("path:" + relative), record.Serialize());
                result.Message = report.Message;
                result.Status = ProtectionStatus.Protected; // made visible (renamed) by the commit
                return new PendingFile(result, temp, report);
            }
            catch (OperationCanceledException) { throw; }
            catch (Exception ex)
            {
                if (temp != null) TryDelete(temp);
                temp = null;
                Fail(result, sourcePath, ids, ex);
                return new PendingFile(result, null, null);
            }
        }

        /// <summary>
        /// The output's relative path ('/' separated) and, with a destination, its full path within the path-length budget
        /// (<see cref="Sorting.PathLengthBudget.TryFit"/>, keeping the temporary name's 22 characters free: on Windows the
        /// remapped SOP, Series, then Study Instance UID in the path become their short form when needed; the file's own UIDs are
        /// unchanged). <paramref name="fullPath"/> is null when even the short forms do not fit; without a destination it is "".
        /// </summary>
        private string RelativePath(DicomDataset protectedDataset, string studyId, out string fullPath)
        {
            var values = OutputPathBuilder.Values(protectedDataset, studyId);
            string relative = _paths.Expand(values);
            if (_destination == null)
            {
                fullPath = "";
                return relative;
            }
            // Path.Combine only: .NET Framework's Path.GetFullPath itself throws on a path over the limit.
            bool fits = _budget.TryFit(values, v => Path.Combine(_destination, (relative = _paths.Expand(v)).Replace('/', Path.DirectorySeparatorChar)), out fullPath);
            if (!fits) fullPath = null;
            return relative;
        }

        private void Fail(ProtectionResult result, string sourcePath, PatientIdentifiers ids, Exception ex)
        {
            result.Status = ProtectionStatus.Failed;
            result.DestinationPath = null;
            string name = Describe(sourcePath, ids, result.RelativePath);
            string reason = Reason(ex);
            var wrapped = new ProtectionException(name + ": " + reason); // no inner exception: its message may name the source path
            var kind = ex is ResidualIdentifierException ? HamletErrorCategory.SecurityError
                : ex is ProtectionRefusedException ? HamletErrorCategory.InvalidArgument
                : ex is PseudonymizationException || ex is ArgumentException ? HamletErrorCategory.InvalidArgument
                : FileFailure.Classify(sourcePath, ex)?.Kind ?? HamletErrorCategory.InvalidData;
            string id = ex is ResidualIdentifierException ? "ResidualIdentifier" : ex is ProtectionRefusedException pr ? pr.ErrorId : ex is PseudonymizationException ? "IdentityNotResolved"
                : FileFailure.Classify(sourcePath, ex)?.Reason ?? "ProtectionFailed";
            result.Failure = FileFailure.Create(sourcePath, kind, id, wrapped);
            result.Message = wrapped.Message;
        }

        private static void TryDelete(string path)
        {
            try { if (File.Exists(path)) File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }

        /// <summary>One processed input: its result, and when it was written, the temporary file and the patient it counts for.</summary>
        private sealed class PendingFile
        {
            public PendingFile(ProtectionResult result, string temp, PatientReport patient) { Result = result; Temp = temp; Patient = patient; }
            public ProtectionResult Result { get; }
            public string Temp { get; }
            public PatientReport Patient { get; }
        }

        /// <summary>
        /// Files written under temporary names, waiting for one vault flush before they are renamed into place (group commit).
        /// Thread-safe; a worker that fills the batch commits it while the others keep protecting.
        /// </summary>
        private sealed class CommitBatch
        {
            private readonly DicomProtector _owner;
            private readonly int _total;
            private readonly IProgress<ProtectionProgress> _progress;
            private readonly object _gate = new object();
            private readonly object _commitGate = new object();
            private List<PendingFile> _pending = new List<PendingFile>();
            private int _reported;

            public CommitBatch(DicomProtector owner, int total, IProgress<ProtectionProgress> progress)
            {
                _owner = owner;
                _total = total;
                _progress = progress;
            }

            public void Add(PendingFile file)
            {
                bool full;
                lock (_gate)
                {
                    _pending.Add(file);
                    full = _pending.Count >= CommitBatchSize;
                }
                if (full) Commit();
            }

            /// <summary>Flushes the vault once, then renames every pending file into place and reports it.</summary>
            public void Commit()
            {
                lock (_commitGate)
                {
                    List<PendingFile> batch;
                    lock (_gate)
                    {
                        batch = _pending;
                        _pending = new List<PendingFile>();
                    }
                    if (batch.Count == 0) return;
                    Exception flushError = null;
                    try { _owner._vault?.Flush(); }
                    catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is ObjectDisposedException) { flushError = ex; }
                    foreach (var item in batch)
                    {
                        var result = item.Result;
                        if (item.Temp != null)
                        {
                            try
                            {
                                if (flushError != null) throw new IOException("the re-identification vault could not be flushed to disk (" + flushError.GetType().Name + ")");
                                string destination = result.DestinationPath;
                                HamletPS.Dicom.IO.FileRename.ReplaceOrMove(item.Temp, destination);
                                lock (item.Patient) item.Patient.FileCount++;
                            }
                            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
                            {
                                TryDelete(item.Temp);
                                _owner.Fail(result, result.SourcePath, null, ex);
                            }
                        }
                        int n = Interlocked.Increment(ref _reported);
                        _progress?.Report(new ProtectionProgress(n, _total, result));
                    }
                }
            }

            /// <summary>After cancellation or an unexpected error: deletes the files that were never made visible.</summary>
            public void Abandon()
            {
                lock (_gate)
                {
                    foreach (var item in _pending) if (item.Temp != null) TryDelete(item.Temp);
                    _pending.Clear();
                }
            }
        }

        private PatientReport ResolvePatient(PatientIdentifiers ids)
        {
            string key = ids.PatientId + "\u0001" + (_options.Identity.Lookup?.KeyKind == LookupKeyKind.AccessionNumber ? ids.AccessionNumber : "");
            var lazy = _patients.GetOrAdd(key, _ => new Lazy<PatientReport>(() => new PatientReport(_options.Identity.Resolve(ids.PatientId, ids.AccessionNumber))
            {
                // One keyed offset per patient (the key above includes the Patient ID it derives from).
                DateOffsetDays = _options.Dates != null && ids.PatientId.Length > 0 ? _options.Dates.OffsetDaysFor(ids.PatientId) : 0,
            }, LazyThreadSafetyMode.ExecutionAndPublication));
            try { return lazy.Value; }
            catch
            {
                _patients.TryRemove(key, out _);
                throw;
            }
        }

        /// <summary>How messages name a file: its protected path when known, else its file name when that holds no identifier.</summary>
        private static string Describe(string sourcePath, PatientIdentifiers ids, string relative)
        {
            if (relative != null) return "input for " + relative;
            if (sourcePath == null) return "input file";
            if (ids == null) return "input file (name withheld until its identifiers are known)";
            // A Patient ID too short to be searched as a value (1-3 characters) still names the sorted folder: withheld too.
            if (ids.PatientId.Length > 0 && (sourcePath.IndexOf(ids.PatientId, StringComparison.OrdinalIgnoreCase) >= 0
                || sourcePath.IndexOf(Sorting.SortPathTemplate.SanitizeComponent(ids.PatientId), StringComparison.OrdinalIgnoreCase) >= 0))
                return "input file (path withheld: it contains a patient identifier)";
            foreach (var v in ids.Values)
                if (IdentityTextMatcher.Contains(sourcePath, v)) return "input file (path withheld: it contains a patient identifier)";
            return sourcePath;
        }

        private static string Reason(Exception ex)
        {
            switch (ex)
            {
                case ResidualIdentifierException r: return r.Reason;
                case ProtectionRefusedException p: return p.Message;
                case DicomFormatException f:
                    return "not a readable DICOM file" + (f.Reason != null ? ": " + f.Reason + " at byte offset " + f.Offset.ToString(System.Globalization.CultureInfo.InvariantCulture) : " (" + ex.GetType().Name + ")");
                case PseudonymizationException _: return ex.Message;
                case NotSupportedException _: return "refused: " + ex.Message;
                case InvalidOperationException _: return "refused: " + ex.Message;
                case IOException _: return ex.Message.Contains(":") && ex is FileNotFoundException ? "file not found" : "I/O error (" + ex.GetType().Name + ")";
                case UnauthorizedAccessException _: return "access denied";
                default: return "protection failed (" + ex.GetType().Name + ")";
            }
        }

        public void Dispose() => _vault?.Dispose();
    }
}
