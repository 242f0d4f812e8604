using System;
using System.Text;
using HamletPS.Core.Configuration;
using HamletPS.Core.Security;

namespace HamletPS.Core.Secrets
{
    /// <summary>
    /// Independent 32-byte subkeys derived from the site secret with HKDF-SHA256 (RFC 5869): one per purpose, so a key used
    /// for UIDs says nothing about the pseudonym or vault keys. Salt "HamletPS site keys v1"; info names the purpose.
    /// A run resolves the site secret and derives these once (<see cref="Resolve"/>, or <see cref="SiteCrypto"/> which holds
    /// them) and hands the keys to everything keyed it builds.
    /// </summary>
    public sealed class SiteKeys : IDisposable
    {
        private static readonly byte[] Salt = Encoding.ASCII.GetBytes("HamletPS site keys v1");

        private SiteKeys(byte[] ff1, byte[] uid, byte[] date, byte[] vault, byte[] seal, string source)
        {
            Ff1Key = ff1; UidKey = uid; DateKey = date; VaultKey = vault; SealKey = seal; Source = source;
        }

        /// <summary>Where the site secret came from ("parameter", "environment variable HAMLET_SITE_KEY", "key file …"); never the value.</summary>
        public string Source { get; }

        /// <summary>AES-256 key for FF1 MRN pseudonyms.</summary>
        public byte[] Ff1Key { get; }
        /// <summary>HMAC-SHA256 key for UID remapping.</summary>
        public byte[] UidKey { get; }
        /// <summary>HMAC-SHA256 key for the per-patient date offset.</summary>
        public byte[] DateKey { get; }
        /// <summary>Key for the re-identification vault (its records are sealed with keys derived from this and the vault's salt).</summary>
        public byte[] VaultKey { get; }
        /// <summary>HMAC-SHA256 key of the seal Protect writes into every protected file (<see cref="ProtectedFileSeal"/>).</summary>
        public byte[] SealKey { get; }

        /// <summary>
        /// Resolves the site secret (<see cref="HamletSecrets.ResolveSiteSecret"/>: the explicit key first, then the environment and
        /// the configuration) and derives the keys from it: the one way a run gets its keys. The explicit key is taken as its UTF-8
        /// bytes and left as it is (the caller clears it).
        /// </summary>
        /// <exception cref="InvalidOperationException">No site secret is configured anywhere.</exception>
        public static SiteKeys Resolve(HamletConfig config, char[] explicitKey = null, Func<string, string> environment = null)
        {
            using (SiteSecret secret = explicitKey != null
                       ? SiteSecret.FromChars(explicitKey, clearInput: false, source: "parameter")
                       : HamletSecrets.ResolveSiteSecret(config, null, environment))
                return Derive(secret);
        }

        public static SiteKeys Derive(SiteSecret secret)
        {
            if (secret == null) throw new ArgumentNullException(nameof(secret));
            var ikm = secret.CopyMaterial();
            var prk = Hkdf.Extract(ikm, Salt);
            try
            {
                return new SiteKeys(
                    Hkdf.Expand(prk, Info("ff1-mrn"), 32),
                    Hkdf.Expand(prk, Info("uid-hmac"), 32),
                    Hkdf.Expand(prk, Info("date-offset"), 32),
                    Hkdf.Expand(prk, Info("reidentification-vault"), 32),
                    Hkdf.Expand(prk, Info("protected-file-seal"), 32),
                    secret.Source);
            }
            finally
            {
                Array.Clear(ikm, 0, ikm.Length);
                Array.Clear(prk, 0, prk.Length);
            }
        }

        private static byte[] Info(string purpose) => Encoding.ASCII.GetBytes("hamletps/" + purpose);

        public override string ToString() => "SiteKeys(***)";

        public void Dispose()
        {
            Array.Clear(Ff1Key, 0, Ff1Key.Length);
            Array.Clear(UidKey, 0, UidKey.Length);
            Array.Clear(DateKey, 0, DateKey.Length);
            Array.Clear(VaultKey, 0, VaultKey.Length);
            Array.Clear(SealKey, 0, SealKey.Length);
        }
    }
}
