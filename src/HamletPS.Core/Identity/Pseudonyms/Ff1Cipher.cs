using System;
using System.Numerics;
using HamletPS.Core.Security;

namespace HamletPS.Core.Identity.Pseudonyms
{
    /// <summary>
    /// FF1 format-preserving encryption (NIST SP 800-38G, section 6.1) over numeral strings of any radix 2..65536,
    /// with AES-128/192/256 as the block cipher and an optional tweak. Numerals are ints in [0, radix).
    /// The string overloads map characters through an alphabet whose length is the radix.
    /// Instances are thread-safe (each operation uses its own AES transform).
    /// </summary>
    public sealed class Ff1Cipher
    {
        public const int MaxRadix = 65536;
        /// <summary>SP 800-38G requires radix^minlen >= 100; below that a domain is too small to encrypt.</summary>
        public const int MinimumDomainSize = 100;
        private const int Rounds = 10;
        private readonly byte[] _key;

        public Ff1Cipher(byte[] key, int radix)
        {
            if (key == null) throw new ArgumentNullException(nameof(key));
            if (key.Length != 16 && key.Length != 24 && key.Length != 32)
                throw new ArgumentException("An FF1 key is an AES key of 16, 24 or 32 bytes.", nameof(key));
            if (radix < 2 || radix > MaxRadix) throw new ArgumentOutOfRangeException(nameof(radix), "FF1 radix is 2 to 65536.");
            _key = (byte[])key.Clone();
            Radix = radix;
        }

        public int Radix { get; }

        /// <summary>The shortest numeral string this radix can encrypt (radix^minlen >= 100, and at least 2).</summary>
        public int MinimumLength
        {
            get
            {
                int n = 2;
                while (BigInteger.Pow(Radix, n) < MinimumDomainSize) n++;
                return n;
            }
        }

        public int[] Encrypt(int[] numerals, byte[] tweak = null) => Run(numerals, tweak, encrypt: true);

        public int[] Decrypt(int[] numerals, byte[] tweak = null) => Run(numerals, tweak, encrypt: false);

        /// <summary>Encrypts a string whose characters all belong to <paramref name="alphabet"/> (alphabet.Length == Radix).</summary>
        public string Encrypt(string text, string alphabet, byte[] tweak = null) => Map(Encrypt(ToNumerals(text, alphabet), tweak), alphabet);

        public string Decrypt(string text, string alphabet, byte[] tweak = null) => Map(Decrypt(ToNumerals(text, alphabet), tweak), alphabet);

        private int[] ToNumerals(string text, string alphabet)
        {
            if (text == null) throw new ArgumentNullException(nameof(text));
            if (alphabet == null || alphabet.Length != Radix) throw new ArgumentException("The alphabet must have exactly radix characters.", nameof(alphabet));
            var x = new int[text.Length];
            for (int i = 0; i < text.Length; i++)
            {
                int v = alphabet.IndexOf(text[i]);
                if (v < 0) throw new ArgumentException("Character at position " + i + " is not in the alphabet.", nameof(text));
                x[i] = v;
            }
            return x;
        }

        private static string Map(int[] numerals, string alphabet)
        {
            var chars = new char[numerals.Length];
            for (int i = 0; i < numerals.Length; i++) chars[i] = alphabet[numerals[i]];
            return new string(chars);
        }

        private int[] Run(int[] x, byte[] tweak, bool encrypt)
        {
            if (x == null) throw new ArgumentNullException(nameof(x));
            tweak = tweak ?? Array.Empty<byte>();
            int n = x.Length;
            if (n < 2 || BigInteger.Pow(Radix, n) < MinimumDomainSize)
                throw new ArgumentException("FF1 needs at least 2 numerals and radix^length >= 100; this input is too short.", nameof(x));
            foreach (int v in x)
                if (v < 0 || v >= Radix) throw new ArgumentException("A numeral is outside [0, radix).", nameof(x));

            int u = n / 2, v2 = n - u;
            var a = new int[u];
            var b = new int[v2];
            Array.Copy(x, 0, a, 0, u);
            Array.Copy(x, u, b, 0, v2);

            int byteLen = BitLength(BigInteger.Pow(Radix, v2) - 1);
            int bLen = (byteLen + 7) / 8;
            int d = 4 * ((bLen + 3) / 4) + 4;
            var modU = BigInteger.Pow(Radix, u);
            var modV = BigInteger.Pow(Radix, v2);

            var p = new byte[16];
            p[0] = 1; p[1] = 2; p[2] = 1;
            p[3] = (byte)(Radix >> 16); p[4] = (byte)(Radix >> 8); p[5] = (byte)Radix;
            p[6] = 10; p[7] = (byte)(u % 256);
            WriteUInt32(p, 8, (uint)n);
            WriteUInt32(p, 12, (uint)tweak.Length);

            int t = tweak.Length;
            int zeroPad = Mod(-t - bLen - 1, 16);
            int qLen = t + zeroPad + 1 + bLen;
            var q = new byte[qLen];
            Buffer.BlockCopy(tweak, 0, q, 0, t);

            int extraBlocks = (d + 15) / 16 - 1;
            var s = new byte[16 * (extraBlocks + 1)];
            var block = new byte[16];
            var enc = new byte[16];

            using (var aes = new AesBlockCipher(_key))
            {
                for (int step = 0; step < Rounds; step++)
                {
                    int i = encrypt ? step : Rounds - 1 - step;
                    // Q = T || 0^pad || [i]^1 || [NUM(B or A)]^b
                    int[] feed = encrypt ? b : a;
                    Array.Clear(q, t, qLen - t);
                    q[t + zeroPad] = (byte)i;
                    WriteBigEndian(Num(feed), q, t + zeroPad + 1, bLen);

                    // R = PRF(P || Q): CBC-MAC with zero IV
                    Array.Clear(block, 0, 16);
                    Xor(block, p, 0);
                    aes.EncryptBlock(block, block);
                    for (int off = 0; off < qLen; off += 16)
                    {
                        Xor(block, q, off);
                        aes.EncryptBlock(block, block);
                    }
                    Buffer.BlockCopy(block, 0, s, 0, 16);
                    for (int j = 1; j <= extraBlocks; j++)
                    {
                        Buffer.BlockCopy(block, 0, enc, 0, 16);
                        // R xor [j]^16
                        enc[12] ^= (byte)(j >> 24); enc[13] ^= (byte)(j >> 16); enc[14] ^= (byte)(j >> 8); enc[15] ^= (byte)j;
                        aes.EncryptBlock(enc, enc);
                        Buffer.BlockCopy(enc, 0, s, 16 * j, 16);
                    }
                    var y = FromBigEndian(s, d);
                    int m = i % 2 == 0 ? u : v2;
                    var mod = i % 2 == 0 ? modU : modV;
                    if (encrypt)
                    {
                        var c = (Num(a) + y) % mod;
                        a = b;
                        b = Str(c, m);
                    }
                    else
                    {
                        var c = (Num(b) - y) % mod;
                        if (c.Sign < 0) c += mod;
                        b = a;
                        a = Str(c, m);
                    }
                }
            }
            Array.Clear(block, 0, 16);
            Array.Clear(s, 0, s.Length);
            var result = new int[n];
            Array.Copy(a, 0, result, 0, u);
            Array.Copy(b, 0, result, u, v2);
            return result;
        }

        private BigInteger Num(int[] numerals)
        {
            BigInteger value = BigInteger.Zero;
            foreach (int v in numerals) value = value * Radix + v;
            return value;
        }

        private int[] Str(BigInteger value, int m)
        {
            var r = new int[m];
            for (int i = m - 1; i >= 0; i--)
            {
                r[i] = (int)(value % Radix);
                value /= Radix;
            }
            return r;
        }

        private static int Mod(int a, int m) => ((a % m) + m) % m;

        private static void Xor(byte[] target, byte[] source, int offset)
        {
            for (int k = 0; k < 16; k++) target[k] ^= source[offset + k];
        }

        private static void WriteUInt32(byte[] buffer, int offset, uint value)
        {
            buffer[offset] = (byte)(value >> 24); buffer[offset + 1] = (byte)(value >> 16);
            buffer[offset + 2] = (byte)(value >> 8); buffer[offset + 3] = (byte)value;
        }

        internal static void WriteBigEndian(BigInteger value, byte[] buffer, int offset, int length)
        {
            var little = value.ToByteArray(); // little-endian two's complement, possibly with a sign byte
            for (int k = 0; k < length; k++)
                buffer[offset + length - 1 - k] = k < little.Length ? little[k] : (byte)0;
        }

        internal static BigInteger FromBigEndian(byte[] buffer, int length)
        {
            var little = new byte[length + 1];
            for (int k = 0; k < length; k++) little[k] = buffer[length - 1 - k];
            return new BigInteger(little);
        }

        internal static int BitLength(BigInteger value)
        {
            if (value.Sign <= 0) return 0;
            var bytes = value.ToByteArray();
            int top = bytes.Length - 1;
            while (top > 0 && bytes[top] == 0) top--;
            int bits = 8 * top;
            for (int v = bytes[top]; v != 0; v >>= 1) bits++;
            return bits;
        }
    }
}
