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

namespace HamletPS.Core.Deidentification
{
    /// <summary>
    /// Unprotect-DicomPatient's engine (site only). With the vault, restores every element protection removed or replaced
    /// (element for element, at every nesting level and in the file meta group) and removes what it added. Without a vault
    /// record it restores only the patient identity: Patient ID from the reverse lookup of the Study ID in mapping.csv, or
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
                if (_vault != null && sop != null && _vault.TryRead(sop, out var payload))
                {
                    var record = InstanceChangeRecord.Deserialize(sop, payload);
                    Restore(file, record);
                    result.ChangesRestored = record.Changes.Count;
                    result.Status = UnprotectionStatus.Restored;
                    result.Message = "Protected ID " + protectedId + ": " + record.Changes.Count + " original values restored from the vault";
                }
                else
                {
                    if (_options.Identity == null)
                        throw new ProtectionException("Protected ID " + protectedId + ": the vault has no record for this instance and no lookup table or pseudonym key is configured.");
                    var revealed = _options.Identity.Reveal(protectedId);
                    var holder = new DicomDataset();
                    holder.AddOrUpdate(DicomTags.PatientID, DicomVR.LO, revealed.OriginalId);
                    ds.AddOrUpdate(holder.GetElement(DicomTags.PatientID));
                    result.ChangesRestored = 1;
                    result.Status = UnprotectionStatus.IdentityOnly;
                    result.Message = revealed.Message + (_vault == null ? " (no vault: patient identity only)" : " (no vault record for this instance: patient identity only)");
                }
                string relative = OutputPathBuilder.Sanitize(ds.GetUid(DicomTags.StudyInstanceUID)) + "/" + OutputPathBuilder.Sanitize(ds.GetUid(DicomTags.SeriesInstanceUID)) + "/" +
                                  OutputPathBuilder.Sanitize(file.SopInstanceUid) + ".dcm";
                string destination = _destination == null ? null : Path.Combine(_destination, relative.Replace('/', Path.DirectorySeparatorChar));
                result.DestinationPath = destination;
                if (_options.WhatIf) { result.Status = UnprotectionStatus.Planned; return result; }
                if (string.Equals(Path.GetFullPath(destination), Path.GetFullPath(path), StringComparison.OrdinalIgnoreCase))
                    throw new IOException("the destination is the input file itself");
                file.Save(destination);
                return result;
            }
            catch (OperationCanceledException) { throw; }
            catch (Exception ex)
            {
                result.Status = UnprotectionStatus.Failed;
                result.DestinationPath = null;
                string reason = ex is ProtectionException || ex is PseudonymizationException ? ex.Message
                    : ex is AuthenticationFailedException ? "the vault record does not authenticate (altered or damaged)"
                    : "re-identification failed (" + ex.GetType().Name + ")";
                var wrapped = new ProtectionException(path + ": " + reason);
                var kind = ex is AuthenticationFailedException ? FileFailureKind.SecurityError : FileFailure.Classify(path, ex)?.Kind ?? FileFailureKind.InvalidData;
                result.Failure = FileFailure.Create(path, kind, ex is AuthenticationFailedException ? "VaultRecordTampered" : "UnprotectFailed", wrapped);
                result.Message = wrapped.Message;
                return result;
            }
        }

        /// <summary>Applies a vault record to a protected file: newest change first, so nested and added elements unwind in order.</summary>
        public static void Restore(DicomFile file, InstanceChangeRecord record)
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
