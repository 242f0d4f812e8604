using System;
using System.IO;
using HamletPS.Core.Configuration;
using HamletPS.Core.Identity;

namespace HamletPS.Core.Secrets
{
    /// <summary>
    /// The keyed pieces of one protect or unprotect run, built once from a configuration: the site keys (the secret resolved and
    /// derived once, <see cref="SiteKeys.Resolve"/>) and the identity resolver (mapping file + FF1 or Vigenère pseudonyms). The
    /// UID remapper and date shifter are made from <see cref="Keys"/> with the run's UID root and date range
    /// (Deidentification.RemappingSettings decides them). Dispose to zero the derived keys.
    /// </summary>
    public sealed class SiteCrypto : IDisposable
    {
        private SiteCrypto(SiteKeys keys, IdentityResolver identity)
        {
            Keys = keys;
            Identity = identity;
        }

        /// <summary>The keys derived from the site secret; zeroed on <see cref="Dispose"/>.</summary>
        public SiteKeys Keys { get; }

        public IdentityResolver Identity { get; }

        /// <summary>Key for the re-identification vault.</summary>
        public byte[] VaultKey => Keys.VaultKey;

        /// <summary>Where the site secret came from (never the value).</summary>
        public string KeySource => Keys.Source;

        /// <param name="config">The loaded configuration.</param>
        /// <param name="explicitKey">-Key / --key: the site secret, also the Vigenère key; overrides every configured source.
        /// Left as it is (the caller clears it).</param>
        /// <param name="environment">Environment lookup (tests); defaults to the process environment.</param>
        /// <exception cref="MappingFileException">The mapping file is configured but absent, unreadable or invalid (see <see cref="LoadLookup"/>).</exception>
        /// <exception cref="InvalidOperationException">No key is configured, or Vigenère is chosen without a folder key.</exception>
        public static SiteCrypto FromConfig(HamletConfig config, char[] explicitKey = null, Func<string, string> environment = null)
        {
            if (config == null) throw new ArgumentNullException(nameof(config));
            var h = config.Hamlet;
            StudyIdLookup lookup = LoadLookup(h);

            SiteKeys keys = SiteKeys.Resolve(config, explicitKey, environment);
            try
            {
                MrnPseudonymizer pseudonymizer;
                if (h.Pseudonym == PseudonymMethod.Vigenere)
                {
                    var folderKey = HamletSecrets.ResolveFolderKey(config, explicitKey, environment)
                        ?? throw new InvalidOperationException("PSEUDONYM is VIGENERE but no folder key is configured (CIPHER FOLDERKEY, FOLDERKEYFILE or HAMLET_FOLDERKEY).");
                    try { pseudonymizer = MrnPseudonymizer.CreateVigenere(folderKey.Reveal()); }
                    finally { folderKey.Clear(); }
                }
                else pseudonymizer = MrnPseudonymizer.CreateFf1(keys.Ff1Key);

                return new SiteCrypto(keys, new IdentityResolver(lookup ?? StudyIdLookup.Empty(h.LookupKey), pseudonymizer));
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

        public void Dispose() => Keys.Dispose();
    }
}
