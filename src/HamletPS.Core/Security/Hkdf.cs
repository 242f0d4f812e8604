using System;
using System.Security.Cryptography;

namespace HamletPS.Core.Security
{
    /// <summary>HKDF with HMAC-SHA256 (RFC 5869), for netstandard2.0 which has no System.Security.Cryptography.HKDF.</summary>
    public static class Hkdf
    {
        public const int HashLength = 32;

        /// <summary>HKDF-Extract: PRK = HMAC-SHA256(salt, IKM); an empty or null salt means HashLength zero bytes.</summary>
        public static byte[] Extract(byte[] inputKeyMaterial, byte[] salt)
        {
            if (inputKeyMaterial == null) throw new ArgumentNullException(nameof(inputKeyMaterial));
            if (salt == null || salt.Length == 0) salt = new byte[HashLength];
            using (var hmac = new HMACSHA256(salt)) return hmac.ComputeHash(inputKeyMaterial);
        }

        /// <summary>HKDF-Expand: OKM of <paramref name="length"/> bytes (at most 255 * 32) from a PRK and context info.</summary>
        public static byte[] Expand(byte[] pseudoRandomKey, byte[] info, int length)
        {
            if (pseudoRandomKey == null) throw new ArgumentNullException(nameof(pseudoRandomKey));
            if (pseudoRandomKey.Length < HashLength) throw new ArgumentException("The PRK must be at least 32 bytes.", nameof(pseudoRandomKey));
            if (length <= 0 || length > 255 * HashLength) throw new ArgumentOutOfRangeException(nameof(length), "HKDF-SHA256 output is 1 to 8160 bytes.");
            info = info ?? Array.Empty<byte>();
            var okm = new byte[length];
            var previous = Array.Empty<byte>();
            using (var hmac = new HMACSHA256(pseudoRandomKey))
            {
                int done = 0;
                for (byte counter = 1; done < length; counter++)
                {
                    var input = new byte[previous.Length + info.Length + 1];
                    Buffer.BlockCopy(previous, 0, input, 0, previous.Length);
                    Buffer.BlockCopy(info, 0, input, previous.Length, info.Length);
                    input[input.Length - 1] = counter;
                    Array.Clear(previous, 0, previous.Length);
                    previous = hmac.ComputeHash(input);
                    Array.Clear(input, 0, input.Length);
                    int take = Math.Min(HashLength, length - done);
                    Buffer.BlockCopy(previous, 0, okm, done, take);
                    done += take;
                }
            }
            Array.Clear(previous, 0, previous.Length);
            return okm;
        }

        /// <summary>Extract then expand.</summary>
        public static byte[] DeriveKey(byte[] inputKeyMaterial, int length, byte[] salt, byte[] info)
        {
            var prk = Extract(inputKeyMaterial, salt);
            try { return Expand(prk, info, length); }
            finally { Array.Clear(prk, 0, prk.Length); }
        }
    }
}
