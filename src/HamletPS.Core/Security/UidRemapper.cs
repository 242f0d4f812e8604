using System;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;

namespace HamletPS.Core.Security
{
    /// <summary>
    /// Maps an original UID to a new one: HMAC-SHA256(uidKey, UID) truncated to 128 bits, written as a decimal under
    /// "2.25." (ISO/IEC 9834-8 UUID arc) or under a configured root (suffix cut to keep the UID within 64 characters).
    /// Deterministic for a given key, so files protected in separate runs keep their references. Registry UIDs (SOP classes,
    /// transfer syntaxes, …) are returned unchanged; the DICOM layer supplies that predicate. Thread-safe.
    /// </summary>
    public sealed class UidRemapper
    {
        public const string UuidRoot = "2.25";
        public const int MaxUidLength = 64;
        /// <summary>Fewest decimal digits a custom root must leave for the hash suffix (about 66 bits).</summary>
        public const int MinimumSuffixDigits = 20;
        private readonly byte[] _key;
        private readonly Func<string, bool> _isRegistryUid;
        private readonly BigInteger _suffixModulus;

        public UidRemapper(byte[] uidKey, string root = UuidRoot, Func<string, bool> isRegistryUid = null)
        {
            if (uidKey == null) throw new ArgumentNullException(nameof(uidKey));
            if (uidKey.Length < 16) throw new ArgumentException("The UID key must be at least 16 bytes.", nameof(uidKey));
            root = string.IsNullOrWhiteSpace(root) ? UuidRoot : root.Trim().TrimEnd('.');
            if (!IsValidUid(root)) throw new ArgumentException("The UID root is not a valid UID (digits and dots, no leading zeros).", nameof(root));
            int suffixDigits = MaxUidLength - root.Length - 1;
            if (suffixDigits < MinimumSuffixDigits)
                throw new ArgumentException("The UID root is too long: it must leave " + MinimumSuffixDigits + " of the 64 characters for the suffix.", nameof(root));
            _key = (byte[])uidKey.Clone();
            Root = root;
            _isRegistryUid = isRegistryUid ?? (_ => false);
            _suffixModulus = suffixDigits >= 39 ? BigInteger.Zero : BigInteger.Pow(10, suffixDigits);
        }

        public string Root { get; }

        /// <summary>The new UID for <paramref name="uid"/>; null/empty and registry UIDs come back unchanged. Trailing NUL/space padding is ignored.</summary>
        public string Remap(string uid)
        {
            if (uid == null) return null;
            var trimmed = uid.Trim('\0', ' ');
            if (trimmed.Length == 0) return uid;
            if (_isRegistryUid(trimmed)) return trimmed;
            byte[] mac;
            using (var hmac = new HMACSHA256(_key)) mac = hmac.ComputeHash(Encoding.ASCII.GetBytes(trimmed));
            var little = new byte[17];
            for (int i = 0; i < 16; i++) little[i] = mac[15 - i];
            var value = new BigInteger(little);
            if (!_suffixModulus.IsZero) value %= _suffixModulus;
            return Root + "." + value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        /// <summary>True for a syntactically valid UID: 1..64 chars, numeric components separated by dots, no leading zeros.</summary>
        public static bool IsValidUid(string uid)
        {
            if (string.IsNullOrEmpty(uid) || uid.Length > MaxUidLength) return false;
            foreach (var part in uid.Split('.'))
            {
                if (part.Length == 0) return false;
                foreach (var c in part) if (c < '0' || c > '9') return false;
                if (part.Length > 1 && part[0] == '0') return false;
            }
            return true;
        }
    }
}
