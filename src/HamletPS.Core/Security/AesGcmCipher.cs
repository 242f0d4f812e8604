using System;
using System.Security.Cryptography;

namespace HamletPS.Core.Security
{
    /// <summary>
    /// AES-GCM (NIST SP 800-38D) for netstandard2.0, built on the AES block function with our own GHASH.
    /// Same shape as .NET's System.Security.Cryptography.AesGcm: caller-supplied nonce, tag of 12..16 bytes.
    /// Decrypt checks the tag before producing any plaintext and throws <see cref="AuthenticationFailedException"/> on mismatch.
    /// Where the runtime has the platform's AES-GCM (.NET Core 3+, hardware AES and PCLMUL through the OS crypto library),
    /// 12-byte nonces with 16-byte tags go through it (same output: GCM is deterministic for key, nonce and data); other
    /// shapes and older runtimes use the managed code below. Not thread-safe.
    /// </summary>
    public sealed class AesGcmCipher : IDisposable
    {
        public const int NonceSize = 12;
        public const int TagSize = 16;
        private const int ChunkBlocks = 256;
        private readonly AesBlockCipher _aes;
        private readonly PlatformAesGcm _platform;
        private readonly ulong _hHigh, _hLow;
        private readonly ulong[] _tableHigh = new ulong[16], _tableLow = new ulong[16];
        private static readonly ulong[] Reduction = BuildReductionTable();

        public AesGcmCipher(byte[] key) : this(key, true) { }

        /// <param name="usePlatform">False forces the managed implementation (tests compare the two).</param>
        internal AesGcmCipher(byte[] key, bool usePlatform)
        {
            _aes = new AesBlockCipher(key);
            if (usePlatform) _platform = PlatformAesGcm.TryCreate(key);
            var h = new byte[16];
            _aes.EncryptBlock(new byte[16], h);
            _hHigh = ReadUInt64(h, 0);
            _hLow = ReadUInt64(h, 8);
            BuildTable();
        }

        public void Encrypt(byte[] nonce, byte[] plaintext, byte[] ciphertext, byte[] tag, byte[] associatedData = null)
        {
            Check(nonce, plaintext, ciphertext, tag);
            if (_platform != null && nonce.Length == NonceSize && tag.Length == TagSize)
            {
                _platform.Encrypt(nonce, plaintext, ciphertext, tag, associatedData);
                return;
            }
            var j0 = ComputeJ0(nonce);
            Ctr(j0, plaintext, ciphertext);
            ComputeTag(j0, associatedData, ciphertext, tag);
        }

        public void Decrypt(byte[] nonce, byte[] ciphertext, byte[] tag, byte[] plaintext, byte[] associatedData = null)
        {
            Check(nonce, ciphertext, plaintext, tag);
            if (_platform != null && nonce.Length == NonceSize && tag.Length == TagSize)
            {
                if (!_platform.TryDecrypt(nonce, ciphertext, tag, plaintext, associatedData))
                    throw new AuthenticationFailedException("The authentication tag does not match: wrong key, or the data was altered. Nothing was decrypted.");
                return;
            }
            var j0 = ComputeJ0(nonce);
            var expected = new byte[tag.Length];
            ComputeTag(j0, associatedData, ciphertext, expected);
            if (!FixedTimeEquals(expected, tag))
                throw new AuthenticationFailedException("The authentication tag does not match: wrong key, or the data was altered. Nothing was decrypted.");
            Ctr(j0, ciphertext, plaintext);
        }

        /// <summary>True when this instance uses the platform's AES-GCM for 12-byte nonces and 16-byte tags.</summary>
        internal bool UsesPlatform => _platform != null;

        public void Dispose()
        {
            _platform?.Dispose();
            _aes.Dispose();
        }

        private static void Check(byte[] nonce, byte[] input, byte[] output, byte[] tag)
        {
            if (nonce == null) throw new ArgumentNullException(nameof(nonce));
            if (input == null) throw new ArgumentNullException(nameof(input));
            if (output == null) throw new ArgumentNullException(nameof(output));
            if (tag == null) throw new ArgumentNullException(nameof(tag));
            if (nonce.Length == 0) throw new ArgumentException("The GCM nonce must not be empty.", nameof(nonce));
            if (tag.Length < 12 || tag.Length > 16) throw new ArgumentException("The GCM tag is 12 to 16 bytes.", nameof(tag));
            if (input.Length != output.Length) throw new ArgumentException("Input and output must have the same length.");
            if ((long)input.Length > (1L << 36) - 32) throw new ArgumentException("GCM input is limited to 2^36 - 32 bytes.");
        }

        private byte[] ComputeJ0(byte[] nonce)
        {
            var j0 = new byte[16];
            if (nonce.Length == 12)
            {
                Buffer.BlockCopy(nonce, 0, j0, 0, 12);
                j0[15] = 1;
                return j0;
            }
            ulong y0 = 0, y1 = 0;
            GhashUpdate(ref y0, ref y1, nonce, nonce.Length);
            GhashBlock(ref y0, ref y1, 0, (ulong)nonce.Length * 8);
            WriteUInt64(j0, 0, y0);
            WriteUInt64(j0, 8, y1);
            return j0;
        }

        private void Ctr(byte[] j0, byte[] input, byte[] output)
        {
            var counterBlocks = new byte[16 * ChunkBlocks];
            var keystream = new byte[16 * ChunkBlocks];
            uint counter = ReadUInt32(j0, 12);
            int offset = 0;
            while (offset < input.Length)
            {
                int remaining = input.Length - offset;
                int blocks = Math.Min(ChunkBlocks, (remaining + 15) / 16);
                for (int k = 0; k < blocks; k++)
                {
                    counter++; // inc32
                    Buffer.BlockCopy(j0, 0, counterBlocks, 16 * k, 12);
                    WriteUInt32(counterBlocks, 16 * k + 12, counter);
                }
                _aes.EncryptBlocks(counterBlocks, 0, 16 * blocks, keystream, 0);
                int n = Math.Min(remaining, 16 * blocks);
                for (int k = 0; k < n; k++) output[offset + k] = (byte)(input[offset + k] ^ keystream[k]);
                offset += n;
            }
            Array.Clear(keystream, 0, keystream.Length);
        }

        private void ComputeTag(byte[] j0, byte[] aad, byte[] ciphertext, byte[] tag)
        {
            aad = aad ?? Array.Empty<byte>();
            ulong y0 = 0, y1 = 0;
            GhashUpdate(ref y0, ref y1, aad, aad.Length);
            GhashUpdate(ref y0, ref y1, ciphertext, ciphertext.Length);
            GhashBlock(ref y0, ref y1, (ulong)aad.Length * 8, (ulong)ciphertext.Length * 8);
            var s = new byte[16];
            WriteUInt64(s, 0, y0);
            WriteUInt64(s, 8, y1);
            var ek = new byte[16];
            _aes.EncryptBlock(j0, ek);
            for (int k = 0; k < tag.Length; k++) tag[k] = (byte)(s[k] ^ ek[k]);
        }

        private void GhashUpdate(ref ulong y0, ref ulong y1, byte[] data, int length)
        {
            var last = new byte[16];
            int full = length / 16 * 16;
            for (int off = 0; off < full; off += 16)
                GhashBlock(ref y0, ref y1, ReadUInt64(data, off), ReadUInt64(data, off + 8));
            if (full < length)
            {
                Buffer.BlockCopy(data, full, last, 0, length - full);
                GhashBlock(ref y0, ref y1, ReadUInt64(last, 0), ReadUInt64(last, 8));
            }
        }

        /// <summary>
        /// Y = (Y xor X) * H in GF(2^128), GCM bit order (SP 800-38D algorithm 1), four bits at a time: the table holds
        /// n * H for every 4-bit n (bit 3 of n is the coefficient of x^0), and <see cref="Reduction"/> folds back the four
        /// bits shifted out at x^128..x^131.
        /// </summary>
        private void GhashBlock(ref ulong y0, ref ulong y1, ulong x0, ulong x1)
        {
            ulong a0 = y0 ^ x0, a1 = y1 ^ x1;
            ulong z0 = 0, z1 = 0;
            for (int k = 15; k >= 0; k--)
            {
                int b = (int)((k < 8 ? a0 >> (56 - 8 * k) : a1 >> (56 - 8 * (k - 8))) & 0xFF);
                // low nibble (higher powers) first, then high nibble
                int rem = (int)(z1 & 0xF);
                z1 = (z1 >> 4) | (z0 << 60);
                z0 = (z0 >> 4) ^ Reduction[rem];
                z0 ^= _tableHigh[b & 0xF];
                z1 ^= _tableLow[b & 0xF];
                rem = (int)(z1 & 0xF);
                z1 = (z1 >> 4) | (z0 << 60);
                z0 = (z0 >> 4) ^ Reduction[rem];
                z0 ^= _tableHigh[b >> 4];
                z1 ^= _tableLow[b >> 4];
            }
            y0 = z0;
            y1 = z1;
        }

        private void BuildTable()
        {
            ulong v0 = _hHigh, v1 = _hLow;
            for (int bit = 8; bit >= 1; bit >>= 1)
            {
                _tableHigh[bit] = v0;
                _tableLow[bit] = v1;
                MultiplyByX(ref v0, ref v1);
            }
            for (int n = 2; n < 16; n++)
            {
                if ((n & (n - 1)) == 0) continue;
                int top = HighestBit(n);
                _tableHigh[n] = _tableHigh[top] ^ _tableHigh[n ^ top];
                _tableLow[n] = _tableLow[top] ^ _tableLow[n ^ top];
            }
        }

        private static int HighestBit(int n)
        {
            int b = 8;
            while ((n & b) == 0) b >>= 1;
            return b;
        }

        /// <summary>V = V * x: a right shift in GCM bit order, reduced by R = 11100001 || 0^120.</summary>
        private static void MultiplyByX(ref ulong v0, ref ulong v1)
        {
            ulong lsb = v1 & 1;
            v1 = (v1 >> 1) | (v0 << 63);
            v0 = (v0 >> 1) ^ (0xE100000000000000UL & (0UL - lsb));
        }

        private static ulong[] BuildReductionTable()
        {
            // Shifting Z right by 4 drops the 4 low bits r; their contribution reduced modulo the GCM polynomial lands in
            // the high word. Derive it by shifting r out one bit at a time.
            var table = new ulong[16];
            for (int r = 0; r < 16; r++)
            {
                ulong v0 = 0, v1 = (ulong)r;
                for (int i = 0; i < 4; i++) MultiplyByX(ref v0, ref v1);
                table[r] = v0;
            }
            return table;
        }

        internal static bool FixedTimeEquals(byte[] a, byte[] b)
        {
            if (a.Length != b.Length) return false;
            int diff = 0;
            for (int i = 0; i < a.Length; i++) diff |= a[i] ^ b[i];
            return diff == 0;
        }

        private static ulong ReadUInt64(byte[] b, int o)
        {
            ulong v = 0;
            for (int k = 0; k < 8; k++) v = (v << 8) | b[o + k];
            return v;
        }

        private static void WriteUInt64(byte[] b, int o, ulong v)
        {
            for (int k = 7; k >= 0; k--) { b[o + k] = (byte)v; v >>= 8; }
        }

        private static uint ReadUInt32(byte[] b, int o) => (uint)(b[o] << 24 | b[o + 1] << 16 | b[o + 2] << 8 | b[o + 3]);

        private static void WriteUInt32(byte[] b, int o, uint v)
        {
            b[o] = (byte)(v >> 24); b[o + 1] = (byte)(v >> 16); b[o + 2] = (byte)(v >> 8); b[o + 3] = (byte)v;
        }
    }
}
