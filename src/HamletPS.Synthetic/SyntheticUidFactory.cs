using System;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;

namespace HamletPS.Synthetic
{
    /// <summary>
    /// Deterministic UIDs under the 2.25 root (PS3.5 B.2): "2.25." followed by the decimal form of 128 bits taken from
    /// SHA-256 over the seed and a label. The same seed and label always give the same UID; different labels never collide
    /// in practice.
    /// </summary>
    public sealed class SyntheticUidFactory
    {
        private readonly ulong _seed;

        public SyntheticUidFactory(ulong seed) { _seed = seed; }

        public ulong Seed => _seed;

        /// <summary>The UID for a label such as "patient3/ct/instance/12".</summary>
        public string Create(string label)
        {
            if (label == null) throw new ArgumentNullException(nameof(label));
            byte[] input = Encoding.UTF8.GetBytes("HamletPS.Synthetic/" + _seed.ToString(System.Globalization.CultureInfo.InvariantCulture) + "/" + label);
            byte[] hash = SHA256.HashData(input);
            var bytes = new byte[17]; // 16 bytes little endian + a zero byte so the value is positive
            Array.Copy(hash, bytes, 16);
            var value = new BigInteger(bytes);
            if (value.IsZero) value = BigInteger.One;
            return "2.25." + value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
    }
}
