using System;
using System.IO;
using HamletPS.Core.Identity;
using HamletPS.Core.Security;

namespace HamletPS.Core.Configuration
{
    /// <summary>
    /// Everything keyed that protection and re-identification need, built once from a configuration: the identity resolver
    /// (mapping file + FF1 or Vigenère pseudonyms), the UID remapper, the date shifter and the vault key. Secrets are resolved
    /// by <see cref="HamletSecrets"/> (explicit values first). Dispose to zero the derived keys.
    /// </summary>
    public sealed class SiteCrypto : IDisposable
    {
        private readonly SiteKeys _keys;

        private SiteCrypto(SiteKeys keys, IdentityResolver identity, UidRemapper uids, DateShifter dates, string keySource)
        {
            _keys = keys;
            Identity = identity;
            Uids = uids;
            Dates = dates;
            KeySource = keySource;
        }

        public IdentityResolver Identity { get; }
        public UidRemapper Uids { get; }
        public DateShifter Dates { get; }
        /// <summary>Key for <see cref="ReidentificationVault"/>.</summary>
        public byte[] VaultKey => _keys.VaultKey;
        /// <summary>Where the site secret came from (never the value).</summary>
        public string KeySource { get; }

        /// <param name="config">The loaded configuration.</param>
        /// <param name="explicitSiteKey">-Key as bytes (the cmdlet converts a SecureString); overrides every configured source.</param>
        /// <param name="explicitFolderKey">An explicit Vigenère key; overrides HAMLET_FOLDERKEY and the file.</param>
        /// <param name="isRegistryUid">The DICOM UID registry predicate (SOP classes, transfer syntaxes… are never remapped).</param>
        /// <param name="environment">Environment lookup (tests); defaults to the process environment.</param>
        /// <exception cref="MappingFileException">The mapping file is configured but absent, unreadable or invalid (see <see cref="LoadLookup"/>).</exception>
        /// <exception cref="InvalidOperationException">No key is configured, or Vigenère is chosen without a folder key.</exception>
        public static SiteCrypto FromConfig(HamletConfig config, byte[] explicitSiteKey = null, char[] explicitFolderKey = null,
            Func<string, bool> isRegistryUid = null, Func<string, string> environment = null)
        {
            if (config == null) throw new ArgumentNullException(nameof(config));
            var h = config.Hamlet;
            StudyIdLookup lookup = LoadLookup(h);

            SiteKeys keys;
            string source;
            using (var secret = explicitSiteKey != null
                       ? SiteSecret.FromBytes(explicitSiteKey)
                       : explicitFolderKey != null
                           ? SiteSecret.FromChars(explicitFolderKey, clearInput: false, source: "parameter")
                           : HamletSecrets.ResolveSiteSecret(config, null, environment))
            {
                keys = SiteKeys.Derive(secret);
                source = secret.Source;
            }

            try
            {
                MrnPseudonymizer pseudonymizer;
                if (h.Pseudonym == PseudonymMethod.Vigenere)
                {
                    var folderKey = HamletSecrets.ResolveFolderKey(config, explicitFolderKey, environment)
                        ?? throw new InvalidOperationException("PSEUDONYM is VIGENERE but no folder key is configured (CIPHER FOLDERKEY, FOLDERKEYFILE or HAMLET_FOLDERKEY).");
                    try { pseudonymizer = MrnPseudonymizer.CreateVigenere(folderKey.Reveal()); }
                    finally { folderKey.Clear(); }
                }
                else pseudonymizer = MrnPseudonymizer.CreateFf1(keys.Ff1Key);

                return new SiteCrypto(keys,
                    new IdentityResolver(lookup ?? StudyIdLookup.Empty(h.LookupKey), pseudonymizer),
                    new UidRemapper(keys.UidKey, h.UidRoot, isRegistryUid),
                    new DateShifter(keys.DateKey, h.DateOffsetMin, h.DateOffsetMax),
                    source);
            }
            catch
            {
                keys.Dispose();
                throw;
            }
        }

        /// <summary>
        /// The lookup table of the configuration, or null when none is configured and the default mapping.csv is absent (every
        /// patient pseudonymised). A configured MAPPINGFILE (or an explicit one) that is absent, a folder, unreadable or invalid
        /// throws <see cref="MappingFileException"/>, as does a default mapping.csv that exists but cannot be used: listed trial
        /// patients must never go out under pseudonyms because their table was not read.
        /// </summary>
        public static StudyIdLookup LoadLookup(HamletSettings h)
        {
            if (h == null) throw new ArgumentNullException(nameof(h));
            if (h.MappingFile == null) return null;
            if (!h.MappingFileConfigured && !File.Exists(h.MappingFile) && !Directory.Exists(h.MappingFile)) return null;
            return StudyIdLookup.Load(h.MappingFile, new StudyIdLookupOptions { KeyKind = h.LookupKey, StudyIdPattern = h.StudyIdPattern });
        }

        public void Dispose() => _keys.Dispose();
    }
}
