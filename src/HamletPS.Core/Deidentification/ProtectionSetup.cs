using System;
using System.Globalization;
using System.IO;
using HamletPS.Core.Configuration;
using HamletPS.Core.Secrets;
using HamletPS.Dicom.IO;

namespace HamletPS.Core.Deidentification
{
    /// <summary>
    /// Turns a <see cref="ProtectionRequest"/> into protector/unprotector options: the profile, the identity resolver (lookup table
    /// + FF1/Vigenère), UID remapper, date shifter and vault key, all keyed from the site secret, which each call resolves and
    /// derives once (<see cref="SiteCrypto"/>). The UID root and date range follow <see cref="RemappingSettings"/> (the profile's
    /// own values, then the configuration's, then the defaults). Shared by the cmdlets and the CLI.
    /// </summary>
    public static class ProtectionSetup
    {
        /// <summary>Options for <see cref="DicomProtector"/>. The record of removed values goes to <c>&lt;vault&gt;/protect-&lt;time&gt;.hpv</c>.</summary>
        public static ProtectorOptions CreateProtectorOptions(ProtectionRequest request) => CreateProtectorOptions(request, null);

        /// <summary><see cref="CreateProtectorOptions(ProtectionRequest)"/> with an environment lookup (tests).</summary>
        internal static ProtectorOptions CreateProtectorOptions(ProtectionRequest request, Func<string, string> environment)
        {
            HamletConfig config = Effective(request);
            DeidentificationProfile profile = DeidentificationProfile.Resolve(config.Hamlet.Profile ?? DeidentificationProfile.DefaultName);
            using (SiteCrypto crypto = SiteCrypto.FromConfig(config, request.Key, environment))
            {
                ProtectorOptions options = ProtectorOptions.FromSiteKeys(crypto.Keys, crypto.Identity, profile,
                    RemappingSettings.Resolve(profile, config.Hamlet));
                options.Destination = request.Destination ?? throw new ArgumentException("A destination folder is required.");
                options.ExcludeTestPatients = request.ExcludeTestPatients;
                options.WhatIf = request.WhatIf;
                string vaultFolder = request.VaultPath ?? config.Hamlet.Vault;
                if (!string.IsNullOrEmpty(vaultFolder))
                {
                    string fullVault = Path.GetFullPath(vaultFolder);
                    string fullDestination = Path.GetFullPath(options.Destination);
                    if (PathRules.Current.IsSameOrInside(fullVault, fullDestination))
                        throw new ArgumentException("The re-identification record must stay outside the protected tree (" + fullDestination + "): choose another vault folder.");
                    if (!request.WhatIf) Directory.CreateDirectory(fullVault);
                    options.VaultPath = Path.Combine(fullVault, "protect-" + DateTime.UtcNow.ToString("yyyyMMdd-HHmmss-fff", CultureInfo.InvariantCulture) + ".hpv");
                }
                return options;
            }
        }

        /// <summary>Options for <see cref="DicomUnprotector"/>: with a vault record, full restoration; without, the identity only.</summary>
        public static UnprotectorOptions CreateUnprotectorOptions(ProtectionRequest request)
        {
            HamletConfig config = Effective(request);
            using (SiteCrypto crypto = SiteCrypto.FromConfig(config, request.Key))
            {
                return new UnprotectorOptions
                {
                    VaultPath = request.VaultPath,
                    VaultKey = (byte[])crypto.VaultKey.Clone(),
                    Identity = crypto.Identity,
                    Destination = request.Destination ?? throw new ArgumentException("A destination folder is required."),
                    WhatIf = request.WhatIf,
                };
            }
        }

        /// <summary>
        /// The protected tree: <paramref name="destination"/> (made full by the face), else "protected" beside the configuration's
        /// SORTED folder; neither: <see cref="ArgumentException"/> (DestinationRequired).
        /// </summary>
        public static string Destination(string destination, HamletConfig config)
        {
            if (!string.IsNullOrEmpty(destination)) return destination;
            if (config != null) return Pipeline.HamletPipelineOptions.DefaultProtectedRoot(config.DataPath.Sorted);
            throw new ArgumentException("No destination: give the protected tree, or a configuration whose SORTED folder decides it.");
        }

        /// <summary>
        /// The seal key (<see cref="SiteKeys.SealKey"/>) New-HamletArchive checks protected files with: from the explicit key, else
        /// the site secret of the environment or configuration (as Protect). Throws <see cref="InvalidOperationException"/> when there is none.
        /// </summary>
        public static byte[] CreateSealKey(HamletConfig config, char[] key)
        {
            config = config ?? new HamletConfig { BaseDirectory = Directory.GetCurrentDirectory() };
            using (SiteKeys keys = SiteKeys.Resolve(config, key))
                return (byte[])keys.SealKey.Clone();
        }

        private static HamletConfig Effective(ProtectionRequest request)
        {
            HamletConfig config = request.Config ?? new HamletConfig { BaseDirectory = Directory.GetCurrentDirectory() };
            if (request.MappingFile != null)
            {
                config.Hamlet.MappingFile = Path.GetFullPath(request.MappingFile);
                config.Hamlet.MappingFileConfigured = true;
            }
            if (request.StudyIdPattern != null) config.Hamlet.StudyIdPattern = request.StudyIdPattern;
            if (request.LookupKey.HasValue) config.Hamlet.LookupKey = request.LookupKey.Value;
            if (request.Pseudonym.HasValue) config.Hamlet.Pseudonym = request.Pseudonym.Value;
            if (request.Profile != null) config.Hamlet.Profile = request.Profile;
            return config;
        }
    }
}
