using System;
using System.IO;
using System.Security.Cryptography;
using System.Text;

namespace HamletPS.Core.Security
{
    /// <summary>
    /// The mark Protect puts on every file it writes, so that an archive holds only files this site's protect step wrote and
    /// a re-identification record is applied only to the file it was written for.
    /// <para>The <b>digest</b> of a Part 10 file is SHA-256 over every byte after the 128-byte preamble ("DICM", the meta
    /// group, the dataset). The <b>seal</b> is HMAC-SHA256(seal key, "hamletps/protected-file-seal/v1" | digest), the seal key
    /// derived from the site secret (<see cref="Secrets.SiteKeys.SealKey"/>). It is written into the preamble, which PS3.10 §7.1 leaves
    /// to the application: bytes 0–15 <c>"HAMLETPS SEAL 1"</c> and a NUL, 16–47 the seal, the rest zero. The seal says nothing
    /// about the patient (a keyed hash of data that leaves the site anyway) and any change to the file after protection
    /// (an identifier put back, a value edited) breaks it. Protect also clears whatever preamble the sender's file carried.</para>
    /// </summary>
    public static class ProtectedFileSeal
    {
        public const int PreambleLength = 128;
        private const int MacLength = 32;
        private static readonly byte[] Magic = Encoding.ASCII.GetBytes("HAMLETPS SEAL 1\0");
        private static readonly byte[] Context = Encoding.ASCII.GetBytes("hamletps/protected-file-seal/v1");

        /// <summary>The result of <see cref="Check"/>.</summary>
        public enum Status
        {
            Sealed,
            /// <summary>No seal in the preamble: not written by Protect (or by a version before the seal).</summary>
            NotSealed,
            /// <summary>A seal that does not match the content: changed after protection, or sealed with another site's key.</summary>
            Mismatch,
            /// <summary>Not a Part 10 file (no preamble and "DICM").</summary>
            NotPart10,
        }

        /// <summary>Digest (SHA-256 after the preamble) of a Part 10 file; throws <see cref="InvalidDataException"/> when it is not one.</summary>
        public static byte[] Digest(string path)
        {
            using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.SequentialScan))
            {
                if (!ReadPreamble(stream, new byte[PreambleLength])) throw new InvalidDataException("not a DICOM Part 10 file (no preamble and DICM prefix)");
                return DigestAfterPreamble(stream);
            }
        }

        /// <summary>
        /// Seals a file Protect has just written under a temporary name (not yet visible): computes its digest, writes the seal
        /// into its preamble, and returns the digest (for the re-identification record).
        /// </summary>
        public static byte[] Apply(string path, byte[] sealKey)
        {
            CheckKey(sealKey);
            using (var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None, 81920))
            {
                if (!ReadPreamble(stream, new byte[PreambleLength])) throw new InvalidDataException("the protected file has no Part 10 preamble to seal");
                byte[] digest = DigestAfterPreamble(stream);
                var preamble = SealedPreamble(sealKey, digest);
                stream.Position = 0;
                stream.Write(preamble, 0, preamble.Length);
                stream.Flush();
                return digest;
            }
        }

        /// <summary>The sealed preamble for a file of this digest: the magic, the seal, zeros.</summary>
        internal static byte[] SealedPreamble(byte[] sealKey, byte[] digest)
        {
            var preamble = new byte[PreambleLength];
            Buffer.BlockCopy(Magic, 0, preamble, 0, Magic.Length);
            Buffer.BlockCopy(Mac(sealKey, digest), 0, preamble, Magic.Length, MacLength);
            return preamble;
        }

        /// <summary>Checks a file's seal with this site's key; <paramref name="digest"/> is its digest (null when not Part 10).</summary>
        public static Status Check(string path, byte[] sealKey, out byte[] digest)
        {
            CheckKey(sealKey);
            digest = null;
            using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.SequentialScan))
            {
                var preamble = new byte[PreambleLength];
                if (!ReadPreamble(stream, preamble)) return Status.NotPart10;
                digest = DigestAfterPreamble(stream);
                for (int i = 0; i < Magic.Length; i++)
                    if (preamble[i] != Magic[i]) return Status.NotSealed;
                var stored = new byte[MacLength];
                Buffer.BlockCopy(preamble, Magic.Length, stored, 0, MacLength);
                return AesGcmCipher.FixedTimeEquals(stored, Mac(sealKey, digest)) ? Status.Sealed : Status.Mismatch;
            }
        }

        /// <summary>Lower-case hex of a digest.</summary>
        public static string Hex(byte[] digest)
        {
            var chars = new char[digest.Length * 2];
            for (int i = 0; i < digest.Length; i++)
            {
                chars[2 * i] = "0123456789abcdef"[digest[i] >> 4];
                chars[2 * i + 1] = "0123456789abcdef"[digest[i] & 15];
            }
            return new string(chars);
        }

        private static byte[] Mac(byte[] key, byte[] digest)
        {
            var input = new byte[Context.Length + digest.Length];
            Buffer.BlockCopy(Context, 0, input, 0, Context.Length);
            Buffer.BlockCopy(digest, 0, input, Context.Length, digest.Length);
            using (var hmac = new HMACSHA256(key)) return hmac.ComputeHash(input);
        }

        private static bool ReadPreamble(Stream stream, byte[] preamble)
        {
            int read = 0;
            while (read < PreambleLength)
            {
                int n = stream.Read(preamble, read, PreambleLength - read);
                if (n == 0) return false;
                read += n;
            }
            var dicm = new byte[4];
            read = 0;
            while (read < 4)
            {
                int n = stream.Read(dicm, read, 4 - read);
                if (n == 0) return false;
                read += n;
            }
            stream.Position = PreambleLength;
            return dicm[0] == 'D' && dicm[1] == 'I' && dicm[2] == 'C' && dicm[3] == 'M';
        }

        private static byte[] DigestAfterPreamble(Stream stream)
        {
            stream.Position = PreambleLength;
            using (var sha = SHA256.Create()) return sha.ComputeHash(stream);
        }

        internal static void CheckKey(byte[] key)
        {
            if (key == null || key.Length < 16) throw new ArgumentException("A seal key of at least 16 bytes is required.", nameof(key));
        }
    }
}
