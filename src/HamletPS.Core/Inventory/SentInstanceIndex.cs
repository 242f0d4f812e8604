#nullable enable
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using HamletPS.Core.Deidentification;
using HamletPS.Core.Security;

namespace HamletPS.Core.Inventory
{
    /// <summary>
    /// What the site has sent, keyed by the ORIGINAL SOP Instance UIDs the PACS knows. The journals and manifests name only
    /// protected UIDs; the re-identification record (the vault, one record per protected SOP Instance UID holding the original
    /// to new UID crosswalk) turns each into its original. Only the records of sent instances are opened. Site-only: it holds
    /// original UIDs, never written anywhere.
    /// </summary>
    public sealed class SentInstanceIndex
    {
        private readonly Dictionary<string, SentRecord> _byOriginalSop = new Dictionary<string, SentRecord>(StringComparer.Ordinal);
        private readonly HashSet<string> _originalUids = new HashSet<string>(StringComparer.Ordinal);

        private SentInstanceIndex()
        {
        }

        /// <summary>Distinct protected instances the journals and manifests record as sent.</summary>
        public int RecordedSent { get; private set; }

        /// <summary>Original instances matched through the re-identification record.</summary>
        public int Matched => _byOriginalSop.Count;

        /// <summary>Protected instances recorded as sent for which no re-identification record was found: their originals (and so
        /// their studies) cannot be recognised in the PACS and would show as not sent. The faces warn when this is not 0.</summary>
        public int Unmatched { get; private set; }

        /// <summary>An index of nothing sent.</summary>
        public static SentInstanceIndex Empty { get; } = new SentInstanceIndex();

        /// <summary>
        /// Reads the journals of <paramref name="logsFolder"/> and the manifests of <paramref name="archiveFolder"/> (either may be
        /// null or missing), then opens the re-identification records of <paramref name="vaultFolder"/> with
        /// <paramref name="vaultKey"/> for the instances they name. Throws a <see cref="HamletException"/> (SentRecordUnreadable,
        /// VaultKeyMismatch, InvalidVaultFile) naming the file when a record cannot be used.
        /// </summary>
        public static SentInstanceIndex Load(string? logsFolder, string? archiveFolder, string? vaultFolder, byte[] vaultKey, CancellationToken cancellationToken = default)
        {
            if (vaultKey == null) throw new ArgumentNullException(nameof(vaultKey));
            var sent = new Dictionary<string, SentRecord>(StringComparer.Ordinal);
            IEnumerable<SentRecord> records = Enumerable.Empty<SentRecord>();
            if (logsFolder != null) records = records.Concat(SentJournalReader.Read(logsFolder, cancellationToken));
            if (archiveFolder != null) records = records.Concat(SentManifestReader.Read(archiveFolder, cancellationToken));
            foreach (SentRecord r in records)
            {
                if (!sent.TryGetValue(r.ProtectedSopInstanceUid, out SentRecord? earlier) || Later(r, earlier)) sent[r.ProtectedSopInstanceUid] = r;
            }
            var index = new SentInstanceIndex { RecordedSent = sent.Count };
            if (sent.Count == 0) return index;
            if (string.IsNullOrEmpty(vaultFolder) || !(Directory.Exists(vaultFolder) || File.Exists(vaultFolder)))
                throw NoRecords(sent.Count, vaultFolder, null);
            ReidentificationVaultSet vaults;
            try
            {
                vaults = ReidentificationVaultSet.Open(vaultFolder!, vaultKey);
            }
            catch (FileNotFoundException ex)
            {
                throw NoRecords(sent.Count, vaultFolder, ex);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                throw new HamletException(ErrorIds.SentRecordUnreadable, "The re-identification record folder " + vaultFolder + " cannot be read (" + ex.Message + "); nothing is reported.", ex);
            }
            using (vaults)
            {
                foreach (SentRecord r in sent.Values)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (!index.AddOriginals(vaults, r)) index.Unmatched++;
                }
            }
            return index;
        }

        private static bool Later(SentRecord a, SentRecord b) => (a.SentUtc ?? DateTime.MinValue) > (b.SentUtc ?? DateTime.MinValue);

        /// <summary>Adds the original UIDs of <paramref name="r"/>'s records; false when there is none.</summary>
        private bool AddOriginals(ReidentificationVaultSet vaults, SentRecord r)
        {
            IReadOnlyList<VaultRecord> found;
            try
            {
                found = vaults.ReadAll(r.ProtectedSopInstanceUid);
            }
            catch (HamletException ex)
            {
                throw new HamletException(ErrorIds.SentRecordUnreadable, "A re-identification record for sent instance " + r.ProtectedSopInstanceUid +
                    " cannot be opened (" + ex.Message + "); nothing is reported.", ex);
            }
            bool matched = false;
            if (found.Count == 0) return false;
            foreach (VaultRecord vr in found)
            {
                InstanceChangeRecord change;
                try
                {
                    change = InstanceChangeRecord.Deserialize(vr.Id, vr.Payload);
                }
                catch (Exception ex) when (ex is InvalidDataException || ex is FormatException || ex is Dicom.DicomFormatException || ex is OverflowException)
                {
                    throw new HamletException(ErrorIds.SentRecordUnreadable, "The re-identification record for sent instance " + r.ProtectedSopInstanceUid +
                        " is not readable (" + ex.GetType().Name + "); nothing is reported.", ex);
                }
                bool remapped = false;
                foreach (KeyValuePair<string, string> pair in change.UidCrosswalk)
                {
                    _originalUids.Add(pair.Key);
                    if (pair.Value == r.ProtectedSopInstanceUid)
                    {
                        Add(pair.Key, r);
                        remapped = true;
                    }
                }
                if (!remapped)
                {
                    // Protected with the Retain UIDs option: the SOP Instance UID sent is the original, and the crosswalk does not
                    // name the series, so every series of the PACS is listed instance by instance (MentionsEverySeries).
                    Add(r.ProtectedSopInstanceUid, r);
                    MentionsEverySeries = true;
                }
                matched = true;
            }
            return matched;
        }

        private void Add(string originalSop, SentRecord r)
        {
            if (!_byOriginalSop.TryGetValue(originalSop, out SentRecord? earlier) || Later(r, earlier)) _byOriginalSop[originalSop] = r;
        }

        /// <summary>True when an instance was protected with its UIDs retained: no series can be ruled out by its UID.</summary>
        public bool MentionsEverySeries { get; private set; }

        private static HamletException NoRecords(int count, string? folder, Exception? inner) =>
            new HamletException(ErrorIds.SentRecordUnreadable,
                count + " instance(s) are recorded as sent, but " + (string.IsNullOrEmpty(folder) ? "no re-identification record folder is configured" : "the re-identification record folder " + folder + " holds no record") +
                ": their original UIDs cannot be known, so nothing is reported.", inner,
                "Set HAMLET.VAULT in the configuration (or give {VaultPath}) to the folder Protect wrote into.");

        /// <summary>The sent record of the original instance <paramref name="sopInstanceUid"/>, or null when it was not sent.</summary>
        public SentRecord? Find(string? sopInstanceUid) =>
            sopInstanceUid != null && _byOriginalSop.TryGetValue(sopInstanceUid, out SentRecord? r) ? r : null;

        /// <summary>Whether any sent instance had this original UID (its study, series, or a UID it refers to): a series not named
        /// here holds no sent instance, so its instances need not be listed.</summary>
        public bool Mentions(string? uid) => uid != null && (MentionsEverySeries || _originalUids.Contains(uid));
    }
}
