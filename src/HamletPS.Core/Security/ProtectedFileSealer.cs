using System;
using System.Security.Cryptography;
using HamletPS.Dicom.IO;

namespace HamletPS.Core.Security
{
    /// <summary>
    /// The <see cref="ProtectedFileSeal"/> computed while Protect writes a file (<see cref="DicomWriteOptions.ContentSeal"/>):
    /// the digest (SHA-256 of every byte after the preamble) is taken from the bytes as the writer writes them, and the sealed
    /// preamble is written last, so the file is never read back. The result is the file <see cref="ProtectedFileSeal.Apply"/>
    /// would make of the same bytes. Without a seal key the preamble stays zero and only the digest is taken. One per file.
    /// </summary>
    public sealed class ProtectedFileSealer : DicomContentSeal, IDisposable
    {
        private readonly byte[] _sealKey;
        private readonly IncrementalHash _sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        private byte[] _digest;

        /// <param name="sealKey">The site's seal key (<see cref="Secrets.SiteKeys.SealKey"/>); null writes no seal, digest only.</param>
        public ProtectedFileSealer(byte[] sealKey)
        {
            if (sealKey != null) ProtectedFileSeal.CheckKey(sealKey);
            _sealKey = sealKey;
        }

        /// <summary>The digest of the bytes written after the preamble; available once the write has finished.</summary>
        public byte[] Digest => _digest ?? throw new InvalidOperationException("The file has not been written in full yet.");

        protected override void Append(byte[] buffer, int offset, int count)
        {
            if (_digest != null) throw new InvalidOperationException("The sealed file was already finished.");
            _sha.AppendData(buffer, offset, count);
        }

        protected override byte[] Preamble()
        {
            if (_digest != null) throw new InvalidOperationException("The sealed file was already finished.");
            _digest = _sha.GetHashAndReset();
            return _sealKey != null ? ProtectedFileSeal.SealedPreamble(_sealKey, _digest) : new byte[ProtectedFileSeal.PreambleLength];
        }

        public void Dispose() => _sha.Dispose();
    }
}
