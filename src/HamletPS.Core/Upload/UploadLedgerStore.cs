using System;
using System.Globalization;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using HamletPS.Dicom.IO;

namespace HamletPS.Core.Upload
{
    /// <summary>Ledgers as small JSON files (one per upload, named by a hash of its key) in a folder chosen by the caller; written to a temporary name then renamed.</summary>
    public sealed class UploadLedgerStore
    {
        public UploadLedgerStore(string folder)
        {
            if (string.IsNullOrWhiteSpace(folder)) throw new ArgumentException("A ledger folder is required.", nameof(folder));
            Folder = folder;
        }

        public string Folder { get; }

        /// <summary>The key of an upload: local full path (<see cref="PathRules.KeyOf"/>: one key for every spelling of the path), size, last-write time (UTC ticks) and destination URI (no secret).</summary>
        public static string KeyFor(string fullPath, long size, long lastWriteTicksUtc, string remoteUri)
        {
            using (var sha = SHA256.Create())
            {
                byte[] h = sha.ComputeHash(Encoding.UTF8.GetBytes(PathRules.Current.KeyOf(fullPath) + "\n" + size + "\n" + lastWriteTicksUtc + "\n" + remoteUri));
                var sb = new StringBuilder();
                for (int i = 0; i < 16; i++) sb.Append(h[i].ToString("x2", CultureInfo.InvariantCulture));
                return sb.ToString();
            }
        }

        public string PathOf(string key) => Path.Combine(Folder, "upload-" + key + ".json");

        /// <summary>The ledger for the key, or null when there is none or it cannot be read (a damaged ledger only costs a full re-send).</summary>
        public UploadLedger Load(string key)
        {
            string path = PathOf(key);
            if (!File.Exists(path)) return null;
            try
            {
                var ledger = JsonSerializer.Deserialize(File.ReadAllText(path), UploadLedgerJsonContext.Default.UploadLedger);
                return ledger != null && ledger.Key == key ? ledger : null;
            }
            catch (Exception ex) when (ex is JsonException || ex is IOException || ex is UnauthorizedAccessException)
            {
                return null;
            }
        }

        public void Save(UploadLedger ledger)
        {
            Directory.CreateDirectory(Folder);
            string path = PathOf(ledger.Key);
            string temp = TemporaryFileName.Beside(path);
            File.WriteAllText(temp, JsonSerializer.Serialize(ledger, UploadLedgerJsonContext.Default.UploadLedger));
            HamletPS.Dicom.IO.FileRename.ReplaceOrMove(temp, path);
        }

        public void Delete(string key)
        {
            try { File.Delete(PathOf(key)); }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
    }
}
