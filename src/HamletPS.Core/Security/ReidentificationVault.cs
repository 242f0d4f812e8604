using System;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using HamletPS.Dicom.IO;

namespace HamletPS.Core.Security
{
    /// <summary>
    /// The site-only, append-friendly encrypted record of original values (one record per SOP instance or per UID pair).
    /// File layout (integers little-endian):
    /// <code>
    /// header (64 bytes): "HPSVAULT" | u16 version=1 | u16 flags (bit0 DPAPI, bit1 DPAPI machine scope) | salt[32] | check[16] | 0[4]
    /// record:            "HPSR" | u32 bodyLength | u16 idLength | id (UTF-8) | nonce[12] | ciphertext | tag[16]
    /// </code>
    /// Keys: recordKey = HKDF(vaultKey, salt, "hamletps/vault/v1/records"), check = HKDF(vaultKey, salt, "hamletps/vault/v1/check")[16].
    /// Each record is sealed with AES-256-GCM, a random nonce, and "HPSR" | idLength | id as associated data, so a record cannot be
    /// moved to another id. Opening with the wrong key fails on the check value before anything is read or written. A record
    /// torn by a crash at the end of the file is ignored on open (<see cref="HasTornTail"/>) and overwritten by the next Add.
    /// When an id is added twice <see cref="TryRead"/> gives the later record and <see cref="ReadAll"/> every one (Unprotect
    /// chooses among them by the protected file's digest, not by order). <see cref="Add"/> is durable on return (one fsync per record); <see cref="Append"/> + <see cref="Flush"/>
    /// give group commit (one fsync per batch) for callers that make nothing visible before the flush. Thread-safe.
    /// </summary>
    public sealed class ReidentificationVault : IDisposable
    {
        public const ushort FormatVersion = 1;
        private const int HeaderSize = 64;
        private const int SaltSize = 32;
        private const int CheckSize = 16;
        private const int NonceSize = 12;
        private const int TagSize = 16;
        private const int MaxIdBytes = 1024;
        private const int MaxRecordBody = int.MaxValue - 64;
        private static readonly byte[] FileMagic = Encoding.ASCII.GetBytes("HPSVAULT");
        private static readonly byte[] RecordMagic = Encoding.ASCII.GetBytes("HPSR");

        private readonly object _gate = new object();
        private readonly FileStream _stream;
        private readonly byte[] _recordKey;
        private readonly bool _dpapi, _dpapiMachine;
        private readonly Dictionary<string, long> _index = new Dictionary<string, long>(StringComparer.Ordinal);
        private readonly Dictionary<string, List<long>> _all = new Dictionary<string, List<long>>(StringComparer.Ordinal);
        private readonly List<string> _order = new List<string>();
        private readonly RandomNumberGenerator _rng = RandomNumberGenerator.Create();
        private readonly Stack<AesGcmCipher> _ciphers = new Stack<AesGcmCipher>();
        private long _end;
        private bool _tailChecked; // the file ends at _end (checked once, and again after a failed write)
        private bool _unflushed;
        private bool _disposed;

        private ReidentificationVault(string path, FileStream stream, byte[] recordKey, ushort flags)
        {
            Path = path;
            _stream = stream;
            _recordKey = recordKey;
            _dpapi = (flags & 1) != 0;
            _dpapiMachine = (flags & 2) != 0;
        }

        public string Path { get; }

        /// <summary>Distinct record ids in the vault.</summary>
        public int Count { get { lock (_gate) return _index.Count; } }

        /// <summary>True when opened with <see cref="OpenReadOnly"/>.</summary>
        public bool IsReadOnly { get; private set; }

        /// <summary>True when the file ended in a record cut short (a crash during a write, or a damaged copy): that record is not read.</summary>
        public bool HasTornTail { get; private set; }

        /// <summary>True when records are additionally DPAPI-protected (Windows only).</summary>
        public bool UsesWindowsDataProtection => _dpapi;

        /// <summary>Creates a new vault (fails when the file exists). The header is written to a temporary name and renamed.</summary>
        public static ReidentificationVault Create(string path, byte[] vaultKey, VaultOptions options = null)
        {
            if (string.IsNullOrEmpty(path)) throw new ArgumentNullException(nameof(path));
            CheckKey(vaultKey);
            options = options ?? new VaultOptions();
            if (options.UseWindowsDataProtection && !WindowsDataProtection.IsAvailable)
                throw new PlatformNotSupportedException("Windows data protection (DPAPI) for the vault is available on Windows only.");
            var full = System.IO.Path.GetFullPath(path);
            if (File.Exists(full)) throw new IOException("The vault " + full + " already exists; open it instead.");
            var salt = new byte[SaltSize];
            using (var rng = RandomNumberGenerator.Create()) rng.GetBytes(salt);
            ushort flags = (ushort)((options.UseWindowsDataProtection ? 1 : 0) | (options.UseWindowsDataProtection && options.DataProtectionLocalMachine ? 2 : 0));
            var header = new byte[HeaderSize];
            Buffer.BlockCopy(FileMagic, 0, header, 0, 8);
            WriteUInt16(header, 8, FormatVersion);
            WriteUInt16(header, 10, flags);
            Buffer.BlockCopy(salt, 0, header, 12, SaltSize);
            var check = Derive(vaultKey, salt, "hamletps/vault/v1/check", CheckSize);
            Buffer.BlockCopy(check, 0, header, 12 + SaltSize, CheckSize);
            var dir = System.IO.Path.GetDirectoryName(full);
            if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
            var temp = TemporaryFileName.Beside(full);
            try
            {
                using (var fs = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
                {
                    fs.Write(header, 0, header.Length);
                    fs.Flush(true);
                }
                File.Move(temp, full);
            }
            finally
            {
                if (File.Exists(temp)) File.Delete(temp);
            }
            return Open(full, vaultKey);
        }

        /// <summary>Opens an existing vault; throws <see cref="VaultKeyMismatchException"/> when the key does not open it.</summary>
        public static ReidentificationVault Open(string path, byte[] vaultKey) => Open(path, vaultKey, false);

        /// <summary>
        /// Opens an existing vault for reading only (Unprotect): records can be read, <see cref="Add"/> throws, and the file
        /// may be open for writing elsewhere (a Protect run still adding records). Wrong key: <see cref="VaultKeyMismatchException"/>.
        /// </summary>
        public static ReidentificationVault OpenReadOnly(string path, byte[] vaultKey) => Open(path, vaultKey, true);

        private static ReidentificationVault Open(string path, byte[] vaultKey, bool readOnly)
        {
            if (string.IsNullOrEmpty(path)) throw new ArgumentNullException(nameof(path));
            CheckKey(vaultKey);
            var full = System.IO.Path.GetFullPath(path);
            if (!File.Exists(full)) throw new FileNotFoundException("The re-identification vault does not exist.", full);
            // Read-only first: a wrong key must not even open the file for writing.
            byte[] header = new byte[HeaderSize];
            using (var probe = new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
            {
                if (ReadFully(probe, header, 0, HeaderSize) != HeaderSize) throw new VaultFormatException(full, 0, "the file is shorter than the vault header");
            }
            for (int i = 0; i < 8; i++)
                if (header[i] != FileMagic[i]) throw new VaultFormatException(full, 0, "not a HamletPS re-identification vault");
            ushort version = ReadUInt16(header, 8);
            if (version != FormatVersion) throw new VaultFormatException(full, 8, "vault format version " + version + " is not supported (expected " + FormatVersion + ")");
            ushort flags = ReadUInt16(header, 10);
            var salt = new byte[SaltSize];
            Buffer.BlockCopy(header, 12, salt, 0, SaltSize);
            var stored = new byte[CheckSize];
            Buffer.BlockCopy(header, 12 + SaltSize, stored, 0, CheckSize);
            var check = Derive(vaultKey, salt, "hamletps/vault/v1/check", CheckSize);
            if (!AesGcmCipher.FixedTimeEquals(check, stored)) throw new VaultKeyMismatchException(full);
            if ((flags & 1) != 0 && !WindowsDataProtection.IsAvailable)
                throw new PlatformNotSupportedException("This vault is additionally DPAPI-protected and opens on Windows only.");
            var recordKey = Derive(vaultKey, salt, "hamletps/vault/v1/records", 32);
            var stream = readOnly
                ? new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.ReadWrite)
                : new FileStream(full, FileMode.Open, FileAccess.ReadWrite, FileShare.Read);
            var vault = new ReidentificationVault(full, stream, recordKey, flags) { IsReadOnly = readOnly };
            try { vault.Scan(); }
            catch { vault.Dispose(); throw; }
            return vault;
        }

        /// <summary>Opens the vault when it exists, else creates it.</summary>
        public static ReidentificationVault OpenOrCreate(string path, byte[] vaultKey, VaultOptions options = null)
            => File.Exists(path) ? Open(path, vaultKey) : Create(path, vaultKey, options);

        /// <summary>Seals <paramref name="payload"/> under <paramref name="recordId"/> and appends it (flushed to disk before returning).</summary>
        public void Add(string recordId, byte[] payload)
        {
            Append(recordId, payload);
            Flush();
        }

        /// <summary>
        /// Seals <paramref name="payload"/> under <paramref name="recordId"/> and appends it to the file without waiting for the disk:
        /// the record is durable only after the next <see cref="Flush"/> (or <see cref="Add"/>, or Dispose). Callers that batch
        /// (group commit) make nothing depend on a record before they flush: a crash before the flush loses only records whose
        /// files were never made visible. Readers of this instance see the record at once. Sealing runs outside the lock.
        /// </summary>
        public void Append(string recordId, byte[] payload)
        {
            if (string.IsNullOrEmpty(recordId)) throw new ArgumentNullException(nameof(recordId));
            if (payload == null) throw new ArgumentNullException(nameof(payload));
            if (IsReadOnly) throw new InvalidOperationException("The vault " + Path + " was opened read-only.");
            var id = Encoding.UTF8.GetBytes(recordId);
            if (id.Length > MaxIdBytes) throw new ArgumentException("A vault record id is limited to " + MaxIdBytes + " bytes.", nameof(recordId));
            var plain = _dpapi ? WindowsDataProtection.Protect(payload, _dpapiMachine) : payload;
            long bodyLength = 2L + id.Length + NonceSize + plain.Length + TagSize;
            if (bodyLength > MaxRecordBody) throw new ArgumentException("The vault payload is too large.", nameof(payload));
            var record = new byte[8 + bodyLength];
            Buffer.BlockCopy(RecordMagic, 0, record, 0, 4);
            WriteUInt32(record, 4, (uint)bodyLength);
            WriteUInt16(record, 8, (ushort)id.Length);
            Buffer.BlockCopy(id, 0, record, 10, id.Length);
            var nonce = new byte[NonceSize];
            lock (_rng) _rng.GetBytes(nonce);
            int nonceAt = 10 + id.Length, ctAt = nonceAt + NonceSize;
            Buffer.BlockCopy(nonce, 0, record, nonceAt, NonceSize);
            var ciphertext = new byte[plain.Length];
            var tag = new byte[TagSize];
            var gcm = RentCipher();
            try { gcm.Encrypt(nonce, plain, ciphertext, tag, AssociatedData(id)); }
            finally { ReturnCipher(gcm); }
            Buffer.BlockCopy(ciphertext, 0, record, ctAt, ciphertext.Length);
            Buffer.BlockCopy(tag, 0, record, ctAt + ciphertext.Length, TagSize);
            lock (_gate)
            {
                ThrowIfDisposed();
                if (!_tailChecked)
                {
                    if (_stream.Length != _end) _stream.SetLength(_end); // drop a torn tail from an earlier crash
                    _tailChecked = true;
                }
                if (_stream.Position != _end) _stream.Position = _end;
                _tailChecked = false; // until this write has completed
                _stream.Write(record, 0, record.Length);
                _tailChecked = true;
                _unflushed = true;
                Remember(recordId, _end);
                _end += record.Length;
            }
        }

        /// <summary>Makes every appended record durable (one fsync for all records appended since the last flush).</summary>
        public void Flush()
        {
            lock (_gate)
            {
                ThrowIfDisposed();
                if (!_unflushed) return;
                _stream.Flush(true);
                _unflushed = false;
            }
        }

        private AesGcmCipher RentCipher()
        {
            lock (_ciphers)
                if (_ciphers.Count > 0) return _ciphers.Pop();
            return new AesGcmCipher(_recordKey);
        }

        private void ReturnCipher(AesGcmCipher cipher)
        {
            lock (_ciphers)
            {
                if (!_disposed && _ciphers.Count < 16) { _ciphers.Push(cipher); return; }
            }
            cipher.Dispose();
        }

        public bool Contains(string recordId)
        {
            lock (_gate) return recordId != null && _index.ContainsKey(recordId);
        }

        /// <summary>Opens the latest record with this id; false when there is none. Throws <see cref="AuthenticationFailedException"/> on tampering.</summary>
        public bool TryRead(string recordId, out byte[] payload)
        {
            payload = null;
            if (recordId == null) return false;
            lock (_gate)
            {
                ThrowIfDisposed();
                if (!_index.TryGetValue(recordId, out var offset)) return false;
                payload = ReadAt(offset).Payload;
                return true;
            }
        }

        public byte[] Read(string recordId)
        {
            if (TryRead(recordId, out var payload)) return payload;
            throw new KeyNotFoundException("The vault " + Path + " has no record with the requested id.");
        }

        /// <summary>Record ids in first-added order.</summary>
        public IReadOnlyList<string> RecordIds { get { lock (_gate) return _order.ToArray(); } }

        /// <summary>Every record (latest version per id), opened one at a time.</summary>
        public IEnumerable<VaultRecord> Enumerate()
        {
            foreach (var id in RecordIds)
            {
                long offset;
                lock (_gate) offset = _index[id];
                VaultRecord record;
                lock (_gate) { ThrowIfDisposed(); record = ReadAt(offset); }
                yield return record;
            }
        }

        public void Dispose()
        {
            lock (_gate)
            {
                if (_disposed) return;
                _disposed = true;
                try { if (_unflushed) _stream.Flush(true); } // appended records become durable on close
                finally
                {
                    _stream.Dispose();
                    _rng.Dispose();
                    lock (_ciphers) while (_ciphers.Count > 0) _ciphers.Pop().Dispose();
                }
                Array.Clear(_recordKey, 0, _recordKey.Length);
            }
        }

        private void Scan()
        {
            long length = _stream.Length;
            long offset = HeaderSize;
            var head = new byte[8];
            while (offset < length)
            {
                _stream.Position = offset;
                if (length - offset < 8 || ReadFully(_stream, head, 0, 8) != 8) break; // torn tail
                for (int i = 0; i < 4; i++)
                    if (head[i] != RecordMagic[i]) throw new VaultFormatException(Path, offset, "expected a record marker");
                long body = ReadUInt32(head, 4);
                if (body < 2 + NonceSize + TagSize || body > MaxRecordBody) throw new VaultFormatException(Path, offset, "invalid record length");
                if (offset + 8 + body > length) break; // torn tail
                var idLenBytes = new byte[2];
                ReadFully(_stream, idLenBytes, 0, 2);
                int idLength = ReadUInt16(idLenBytes, 0);
                if (idLength == 0 || idLength > MaxIdBytes || 2 + idLength + NonceSize + TagSize > body)
                    throw new VaultFormatException(Path, offset, "invalid record id length");
                var id = new byte[idLength];
                ReadFully(_stream, id, 0, idLength);
                Remember(Encoding.UTF8.GetString(id), offset);
                offset += 8 + body;
            }
            HasTornTail = offset < length;
            _end = offset;
        }

        private void Remember(string id, long offset)
        {
            if (!_index.ContainsKey(id)) _order.Add(id);
            _index[id] = offset;
            if (!_all.TryGetValue(id, out List<long> offsets)) _all.Add(id, offsets = new List<long>(1));
            offsets.Add(offset);
        }

        /// <summary>
        /// Every record with this id in file order (an id added more than once has several), each authenticated; empty when
        /// there is none. Throws <see cref="AuthenticationFailedException"/> when any of them was altered or damaged.
        /// </summary>
        public IReadOnlyList<VaultRecord> ReadAll(string recordId)
        {
            var records = new List<VaultRecord>();
            if (recordId == null) return records;
            lock (_gate)
            {
                ThrowIfDisposed();
                if (!_all.TryGetValue(recordId, out List<long> offsets)) return records;
                foreach (long offset in offsets) records.Add(ReadAt(offset));
            }
            return records;
        }

        private VaultRecord ReadAt(long offset)
        {
            var head = new byte[8];
            _stream.Position = offset;
            ReadFully(_stream, head, 0, 8);
            int body = (int)ReadUInt32(head, 4);
            var buffer = new byte[body];
            if (ReadFully(_stream, buffer, 0, body) != body) throw new VaultFormatException(Path, offset, "record is truncated");
            int idLength = ReadUInt16(buffer, 0);
            var id = new byte[idLength];
            Buffer.BlockCopy(buffer, 2, id, 0, idLength);
            var nonce = new byte[NonceSize];
            Buffer.BlockCopy(buffer, 2 + idLength, nonce, 0, NonceSize);
            int ctAt = 2 + idLength + NonceSize;
            int ctLength = body - ctAt - TagSize;
            var ciphertext = new byte[ctLength];
            Buffer.BlockCopy(buffer, ctAt, ciphertext, 0, ctLength);
            var tag = new byte[TagSize];
            Buffer.BlockCopy(buffer, ctAt + ctLength, tag, 0, TagSize);
            var plain = new byte[ctLength];
            try
            {
                using (var gcm = new AesGcmCipher(_recordKey)) gcm.Decrypt(nonce, ciphertext, tag, plain, AssociatedData(id));
            }
            catch (AuthenticationFailedException)
            {
                throw new AuthenticationFailedException("The vault record at byte " + offset + " of " + Path + " does not authenticate: it was altered or damaged. Nothing was decrypted.");
            }
            var payload = _dpapi ? WindowsDataProtection.Unprotect(plain, _dpapiMachine) : plain;
            return new VaultRecord(Encoding.UTF8.GetString(id), payload);
        }

        private static byte[] AssociatedData(byte[] id)
        {
            var aad = new byte[6 + id.Length];
            Buffer.BlockCopy(RecordMagic, 0, aad, 0, 4);
            WriteUInt16(aad, 4, (ushort)id.Length);
            Buffer.BlockCopy(id, 0, aad, 6, id.Length);
            return aad;
        }

        private static byte[] Derive(byte[] vaultKey, byte[] salt, string info, int length)
            => Hkdf.DeriveKey(vaultKey, length, salt, Encoding.ASCII.GetBytes(info));

        private static void CheckKey(byte[] vaultKey)
        {
            if (vaultKey == null) throw new ArgumentNullException(nameof(vaultKey));
            if (vaultKey.Length < 16) throw new ArgumentException("The vault key must be at least 16 bytes.", nameof(vaultKey));
        }

        private void ThrowIfDisposed()
        {
            if (_disposed) throw new ObjectDisposedException(nameof(ReidentificationVault));
        }

        private static int ReadFully(Stream s, byte[] buffer, int offset, int count)
        {
            int total = 0;
            while (total < count)
            {
                int n = s.Read(buffer, offset + total, count - total);
                if (n == 0) break;
                total += n;
            }
            return total;
        }

        private static void WriteUInt16(byte[] b, int o, ushort v) { b[o] = (byte)v; b[o + 1] = (byte)(v >> 8); }
        private static ushort ReadUInt16(byte[] b, int o) => (ushort)(b[o] | b[o + 1] << 8);
        private static void WriteUInt32(byte[] b, int o, uint v) { b[o] = (byte)v; b[o + 1] = (byte)(v >> 8); b[o + 2] = (byte)(v >> 16); b[o + 3] = (byte)(v >> 24); }
        private static uint ReadUInt32(byte[] b, int o) => (uint)(b[o] | b[o + 1] << 8 | b[o + 2] << 16 | b[o + 3] << 24);
    }
}
