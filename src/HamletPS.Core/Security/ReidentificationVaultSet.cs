using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using HamletPS.Core.FileSystem;

namespace HamletPS.Core.Security
{
    /// <summary>
    /// The re-identification records Unprotect reads: one vault file, or every vault (<c>*.hpv</c>, searched recursively
    /// without following links) in the record folder that Protect-DicomPatient and the pipeline write into (one file per
    /// run). Every vault is opened read-only and its key checked before any record is read, so a wrong key (for any one of
    /// them) throws <see cref="VaultKeyMismatchException"/> naming that file, and nothing is written. A record id found in
    /// several vaults (the same instance protected again in a later run) gives every such record (<see cref="ReadAll"/>):
    /// which one applies is decided by the protected file's digest, never by file times or order. Thread-safe.
    /// </summary>
    public sealed class ReidentificationVaultSet : IDisposable
    {
        /// <summary>File pattern of the vaults in a record folder.</summary>
        public const string VaultPattern = "*.hpv";

        private readonly List<ReidentificationVault> _vaults;
        private readonly Dictionary<string, List<ReidentificationVault>> _byId = new Dictionary<string, List<ReidentificationVault>>(StringComparer.Ordinal);

        private ReidentificationVaultSet(List<ReidentificationVault> vaults)
        {
            _vaults = vaults;
            foreach (var vault in vaults)
                foreach (var id in vault.RecordIds)
                {
                    if (!_byId.TryGetValue(id, out var list)) _byId.Add(id, list = new List<ReidentificationVault>(1));
                    list.Add(vault);
                }
        }

        /// <summary>The vault files, in ordinal order of their paths.</summary>
        public IReadOnlyList<string> Paths => _vaults.Select(v => v.Path).ToArray();

        /// <summary>The vault files that end in a record cut short (see <see cref="ReidentificationVault.HasTornTail"/>).</summary>
        public IReadOnlyList<string> TornPaths => _vaults.Where(v => v.HasTornTail).Select(v => v.Path).ToArray();

        /// <summary>Distinct record ids over every vault.</summary>
        public int Count => _byId.Count;

        /// <summary>
        /// Opens a vault file, or every <c>*.hpv</c> below a folder. Throws <see cref="FileNotFoundException"/> when the path
        /// does not exist or the folder holds no vault, <see cref="VaultKeyMismatchException"/> when the key does not open one
        /// of them, <see cref="VaultFormatException"/> when one is not a vault.
        /// </summary>
        public static ReidentificationVaultSet Open(string fileOrFolder, byte[] vaultKey)
        {
            if (string.IsNullOrWhiteSpace(fileOrFolder)) throw new ArgumentNullException(nameof(fileOrFolder));
            if (vaultKey == null) throw new ArgumentNullException(nameof(vaultKey));
            string full = Path.GetFullPath(fileOrFolder);
            List<string> files;
            if (File.Exists(full)) files = new List<string> { full };
            else if (Directory.Exists(full))
            {
                files = FileTree.Files(full)
                    .Where(f => f.EndsWith(".hpv", StringComparison.OrdinalIgnoreCase))
                    .ToList(); // ordinal order of paths: the result never depends on file times
                if (files.Count == 0)
                    throw new FileNotFoundException("The record folder " + full + " holds no re-identification record (" + VaultPattern + ").", full);
            }
            else throw new FileNotFoundException("The re-identification record " + full + " does not exist (give the record file or the folder Protect wrote it into).", full);

            var opened = new List<ReidentificationVault>(files.Count);
            try
            {
                foreach (string f in files) opened.Add(ReidentificationVault.OpenReadOnly(f, vaultKey));
                return new ReidentificationVaultSet(opened);
            }
            catch
            {
                foreach (var v in opened) v.Dispose();
                throw;
            }
        }

        public bool Contains(string recordId)
        {
            lock (_byId) return recordId != null && _byId.ContainsKey(recordId);
        }

        /// <summary>
        /// Every record with this id over every vault (vaults in path order, records in file order), each authenticated;
        /// empty when none has it. Throws <see cref="AuthenticationFailedException"/> when any of them was altered or damaged.
        /// </summary>
        public IReadOnlyList<VaultRecord> ReadAll(string recordId)
        {
            var records = new List<VaultRecord>();
            if (recordId == null) return records;
            List<ReidentificationVault> vaults;
            lock (_byId)
                if (!_byId.TryGetValue(recordId, out vaults)) return records;
            foreach (var vault in vaults) records.AddRange(vault.ReadAll(recordId));
            return records;
        }

        public void Dispose()
        {
            foreach (var v in _vaults) v.Dispose();
        }
    }
}
