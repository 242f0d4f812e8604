using System;
using System.Collections.Concurrent;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;

namespace HamletPS.Core.Security
{
    /// <summary>
    /// Maps an original UID to a new one: HMAC-SHA256(uidKey, UID) truncated to 128 bits, written as a decimal under
    /// "2.25." (ISO/IEC 9834-8 UUID arc) or under a configured root (suffix cut to keep the UID within 64 characters).
    /// Deterministic for a given key, so files protected in separate runs keep their references. Registry UIDs (SOP classes,
    /// transfer syntaxes, …) are returned unchanged; the DICOM layer supplies that predicate. Thread-safe: one HMAC per thread is
    /// reused, and the mappings of this instance are cached (study, series and frame-of-reference UIDs repeat in every file of a
    /// series; the cache stops growing at <see cref="CacheCapacity"/> entries, so memory stays bounded for any study size).
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
        private readonly ConcurrentDictionary<string, string> _cache = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        [ThreadStatic] private static HMACSHA256 _threadHmac;
        [ThreadStatic] private static byte[] _threadHmacKey;

        /// <summary>Most mappings kept in memory per instance (about 350 bytes each: a 7 MB bound).</summary>
        public const int CacheCapacity = 20000;

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
            if (_cache.TryGetValue(trimmed, out var cached)) return cached;
            if (_isRegistryUid(trimmed)) return trimmed;
            string mapped = Compute(trimmed);
            if (_cache.Count < CacheCapacity) _cache.TryAdd(trimmed, mapped);
            return mapped;
        }

        private string Compute(string trimmed)
        {
            // One HMAC object per thread (creating one per UID cost more than hashing); rebuilt when another key is in use.
            var hmac = _threadHmac;
            if (hmac == null || !ReferenceEquals(_threadHmacKey, _key))
            {
                hmac?.Dispose();
                hmac = _threadHmac = new HMACSHA256(_key);
                _threadHmacKey = _key;
            }
            byte[] mac = hmac.ComputeHash(Encoding.ASCII.GetBytes(trimmed));
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
