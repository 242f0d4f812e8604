using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using HamletPS.Core.Identity;
using HamletPS.Core.Security;
using HamletPS.Dicom.Data;
using HamletPS.Dicom.Dictionary;
using HamletPS.Dicom.IO;

namespace HamletPS.Core.Deidentification
{
    /// <summary>
    /// Unprotect-DicomPatient's engine (site only). With the vault, restores every element protection removed or replaced
    /// (element for element, at every nesting level and in the file meta group) and removes what it added, using only the
    /// record written for this very file (bound to the protected file's digest, see <see cref="ProtectedFileSeal"/>); a
    /// missing, damaged, foreign or conflicting record fails the file and nothing is written. Without a vault (none given)
    /// it restores only the patient identity: Patient ID from the reverse lookup of the Study ID in mapping.csv, or
    /// by reversing the FF1/Vigenère pseudonym (Patient's Name cannot be recovered then), and says so. The vault is one record
    /// file or the record folder Protect writes into (every <c>*.hpv</c> in it; each instance's record is found by its SOP
    /// Instance UID, see <see cref="ReidentificationVaultSet"/>). A wrong key (for any record file) throws
    /// <see cref="VaultKeyMismatchException"/> from the constructor: nothing is written.
    /// </summary>
    public sealed class DicomUnprotector : IDisposable
    {
        private readonly UnprotectorOptions _options;
        private readonly ReidentificationVaultSet _vault;
        private readonly string _destination;

        public DicomUnprotector(UnprotectorOptions options)
        {
            _options = options ?? throw new ArgumentNullException(nameof(options));
            if (!options.WhatIf && string.IsNullOrWhiteSpace(options.Destination)) throw new ArgumentException("A destination folder is required.");
            if (options.VaultPath == null && options.Identity == null)
                throw new ArgumentException("Unprotect needs the vault, or a lookup table / pseudonym key to restore the identity.");
            if (options.MaxDegreeOfParallelism < 1) throw new ArgumentException("The degree of parallelism must be at least 1.");
            _destination = string.IsNullOrWhiteSpace(options.Destination) ? null : Path.GetFullPath(options.Destination);
            if (options.VaultPath != null)
            {
                if (options.VaultKey == null) throw new ArgumentException("A vault key is required with a vault path.");
                _vault = ReidentificationVaultSet.Open(options.VaultPath, options.VaultKey);
            }
        }

        public IReadOnlyList<UnprotectionResult> Unprotect(IEnumerable<string> files, IProgress<ProtectionProgress> progress = null, CancellationToken cancellationToken = default)
        {
            var list = InputFiles.Expand(files).ToList();
            var results = new UnprotectionResult[list.Count];
            int done = 0;
            Parallel.For(0, list.Count, new ParallelOptions { MaxDegreeOfParallelism = _options.MaxDegreeOfParallelism, CancellationToken = cancellationToken }, i =>
            {
                results[i] = UnprotectFile(list[i], cancellationToken);
                progress?.Report(new ProtectionProgress(Interlocked.Increment(ref done), list.Count, results[i]));
            });
            return results;
        }

        public UnprotectionResult UnprotectFile(string path, CancellationToken cancellationToken = default)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var result = new UnprotectionResult(path);
            try
            {
                var file = DicomFile.Open(path);
                var ds = file.Dataset;
                string protectedId = (ds.GetString(DicomTags.PatientID) ?? "").Trim();
                result.StudyId = protectedId;
                string sop = file.SopInstanceUid;
                if (_vault != null)
                {
                    var record = FindRecord(path, sop, protectedId);
                    string pixelsStayMasked = Restore(file, record);
                    result.ChangesRestored = record.Changes.Count;
                    result.PixelsRestored = record.PixelRule != null && pixelsStayMasked == null;
                    result.Status = UnprotectionStatus.Restored;
                    result.Message = "Protected ID " + protectedId + ": " + record.Changes.Count + " original values restored from the vault" +
                        (record.PixelRule == null ? "" : pixelsStayMasked == null ? "; the pixels pixel rule '" + record.PixelRule + "' masked restored"
                            : "; the pixels pixel rule '" + record.PixelRule + "' masked stay masked (" + pixelsStayMasked + ")");
                }
                else
                {
                    // No record folder given: the user asked for the identity only (the documented mode without a vault).
                    if (_options.Identity == null)
                        throw new ProtectionException("Protected ID " + protectedId + ": no record folder and no lookup table or pseudonym key is configured.");
                    var revealed = _options.Identity.Reveal(protectedId);
                    var holder = new DicomDataset();
                    holder.AddOrUpdate(DicomTags.PatientID, DicomVR.LO, revealed.OriginalId);
                    ds.AddOrUpdate(holder.GetElement(DicomTags.PatientID));
                    result.ChangesRestored = 1;
                    result.Status = UnprotectionStatus.IdentityOnly;
                    result.Message = revealed.Message + " (no vault: patient identity only)";
                }
                string relative = OutputPathBuilder.Sanitize(ds.GetUid(DicomTags.StudyInstanceUID)) + "/" + OutputPathBuilder.Sanitize(ds.GetUid(DicomTags.SeriesInstanceUID)) + "/" +
                                  OutputPathBuilder.Sanitize(file.SopInstanceUid) + ".dcm";
                string destination = _destination == null ? null : Path.Combine(_destination, relative.Replace('/', Path.DirectorySeparatorChar));
                result.DestinationPath = destination;
                if (_options.WhatIf) { result.Status = UnprotectionStatus.Planned; return result; }
                if (PathRules.Current.AreSame(Path.GetFullPath(destination), Path.GetFullPath(path)))
                    throw new IOException("the destination is the input file itself");
                file.Preamble = null; // the protect seal belongs to the protected file: the restored file's preamble is zeros
                file.Save(destination);
                return result;
            }
            catch (OperationCanceledException) { throw; }
            catch (Exception ex)
            {
                result.Status = UnprotectionStatus.Failed;
                result.DestinationPath = null;
                string reason = ex is ProtectionException || ex is PseudonymizationException || ex is ProtectionRefusedException ? ex.Message
                    : ex is AuthenticationFailedException ? "the vault record does not authenticate (altered or damaged)"
                    : "re-identification failed (" + ex.GetType().Name + ")";
                var wrapped = new ProtectionException(path + ": " + reason);
                var kind = ex is AuthenticationFailedException || ex is ProtectionRefusedException ? HamletErrorCategory.SecurityError : FileFailure.Classify(path, ex)?.Kind ?? HamletErrorCategory.InvalidData;
                string id = ex is AuthenticationFailedException ? "VaultRecordTampered" : ex is ProtectionRefusedException refused ? refused.ErrorId : "UnprotectFailed";
                result.Failure = FileFailure.Create(path, kind, id, wrapped);
                result.Message = wrapped.Message;
                return result;
            }
        }

        /// <summary>
        /// The one record that belongs to this file: among the records naming its SOP Instance UID (every record file), those
        /// written for a file with this file's digest. None, or several that differ, is an error for this file: nothing is
        /// written. Never chosen by file times or order.
        /// </summary>
        private InstanceChangeRecord FindRecord(string path, string sop, string protectedId)
        {
            string who = "Protected ID " + protectedId + ": ";
            if (string.IsNullOrEmpty(sop))
                throw new ProtectionRefusedException("VaultRecordMissing", who + "the file has no SOP Instance UID, so no re-identification record can name it; nothing written");
            IReadOnlyList<VaultRecord> stored = _vault.ReadAll(sop); // a record that does not authenticate throws: never skipped
            if (stored.Count == 0)
            {
                var torn = _vault.TornPaths;
                throw new ProtectionRefusedException("VaultRecordMissing", who + "no re-identification record for this instance in the record folder" +
                    (torn.Count > 0 ? " (" + torn.Count + " record file(s) end in a record cut short: " + string.Join(", ", torn.Select(Path.GetFileName)) + ")" : "") +
                    "; nothing written (without a record folder only the identity is restored)");
            }
            string digest = ProtectedFileSeal.Hex(ProtectedFileSeal.Digest(path));
            var matching = new List<(InstanceChangeRecord Record, byte[] Payload)>();
            bool unbound = false;
            foreach (VaultRecord r in stored)
            {
                InstanceChangeRecord record;
                try
                {
                    record = InstanceChangeRecord.Deserialize(sop, r.Payload);
                }
                catch (Exception ex) when (ex is InvalidDataException || ex is HamletPS.Dicom.DicomFormatException || ex is FormatException || ex is OverflowException)
                {
                    throw new ProtectionRefusedException("VaultRecordDamaged", who + "the re-identification record for this instance cannot be read (" + ex.GetType().Name + "); nothing written");
                }
                if (record.ProtectedDigest == null) unbound = true;
                else if (string.Equals(record.ProtectedDigest, digest, StringComparison.Ordinal)) matching.Add((record, r.Payload));
            }
            if (matching.Count == 0)
                throw new ProtectionRefusedException("VaultRecordMismatch", who + (unbound && stored.Count == 1
                    ? "the re-identification record for this instance was written by an earlier HamletPS and does not prove which file it belongs to; nothing written"
                    : "the re-identification record for this SOP Instance UID was written for another file (this file's content is not what Protect wrote); nothing written"));
            for (int i = 1; i < matching.Count; i++)
                if (!matching[i].Payload.AsSpan().SequenceEqual(matching[0].Payload))
                    throw new ProtectionRefusedException("VaultRecordConflict", who + "record files hold different re-identification records for this same file; nothing written");
            return matching[0].Record;
        }

        /// <summary>
        /// Applies a vault record to a protected file: newest change first, so nested and added elements unwind in order; then the
        /// original bytes of the pixel regions a mask rule blanked (streamed into the pixel data as the file is written). Returns
        /// null, or why the masked pixels stay masked (the record did not keep them).
        /// </summary>
        public static string Restore(DicomFile file, InstanceChangeRecord record)
        {
            RestoreChanges(file, record);
            return record.PixelRule == null ? null : Pixels.PixelMasker.Restore(file, record.PixelOriginals);
        }

        private static void RestoreChanges(DicomFile file, InstanceChangeRecord record)
        {
            for (int i = record.Changes.Count - 1; i >= 0; i--)
            {
                var c = record.Changes[i];
                var ds = c.InFileMeta ? file.FileMetaInformation : Navigate(file.Dataset, c.ItemPath);
                if (c.Kind == ElementChangeKind.Added) ds.Remove(c.Tag);
                else ds.AddOrUpdate(c.Original);
            }
        }

        private static DicomDataset Navigate(DicomDataset ds, string itemPath)
        {
            if (string.IsNullOrEmpty(itemPath)) return ds;
            foreach (var step in itemPath.Split('/'))
            {
                int open = step.IndexOf('[');
                var tag = DicomTag.Parse(step.Substring(0, open));
                int index = int.Parse(step.Substring(open + 1, step.Length - open - 2), CultureInfo.InvariantCulture);
                if (!(ds.GetElement(tag) is DicomSequence seq) || index >= seq.Items.Count)
                    throw new ProtectionException("The protected file no longer has the sequence item " + step + " that the vault record refers to.");
                ds = seq.Items[index];
            }
            return ds;
        }

        public void Dispose() => _vault?.Dispose();
    }
}
