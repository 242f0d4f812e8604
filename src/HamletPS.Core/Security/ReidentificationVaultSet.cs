using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace HamletPS.Core.Security
{
    /// <summary>
    /// The re-identification records Unprotect reads: one vault file, or every vault (<c>*.hpv</c>, searched recursively) in
    /// the record folder that Protect-DicomPatient and the pipeline write into (one file per run). Every vault is opened
    /// read-only and its key checked before any record is read, so a wrong key (for any one of them) throws
    /// <see cref="VaultKeyMismatchException"/> naming that file, and nothing is written. A record id found in several vaults
    /// (the same instance protected again in a later run) is read from the most recently written vault. Thread-safe.
    /// </summary>
    public sealed class ReidentificationVaultSet : IDisposable
    {
        /// <summary>File pattern of the vaults in a record folder.</summary>
        public const string VaultPattern = "*.hpv";

        private readonly List<ReidentificationVault> _vaults;
        private readonly Dictionary<string, ReidentificationVault> _byId = new Dictionary<string, ReidentificationVault>(StringComparer.Ordinal);

        private ReidentificationVaultSet(List<ReidentificationVault> vaults)
        {
            _vaults = vaults;
            // Oldest first, so a later vault's record of the same id wins.
            foreach (var vault in vaults)
                foreach (var id in vault.RecordIds) _byId[id] = vault;
        }

        /// <summary>The vault files, oldest first.</summary>
        public IReadOnlyList<string> Paths => _vaults.Select(v => v.Path).ToArray();

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
                files = Directory.EnumerateFiles(full, VaultPattern, SearchOption.AllDirectories)
                    .Where(f => f.EndsWith(".hpv", StringComparison.OrdinalIgnoreCase))
                    .Select(f => new FileInfo(f))
                    .OrderBy(f => f.LastWriteTimeUtc).ThenBy(f => f.FullName, StringComparer.Ordinal)
                    .Select(f => f.FullName).ToList();
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

        /// <summary>Opens the latest record with this id over every vault; false when none has it.</summary>
        public bool TryRead(string recordId, out byte[] payload)
        {
            payload = null;
            if (recordId == null) return false;
            ReidentificationVault vault;
            lock (_byId)
                if (!_byId.TryGetValue(recordId, out vault)) return false;
            return vault.TryRead(recordId, out payload);
        }

        public void Dispose()
        {
            foreach (var v in _vaults) v.Dispose();
        }
    }
}
