using System;
using System.Text;
using HamletPS.Core.Identity;
using HamletPS.Core.Secrets;
using HamletPS.Core.Security;

namespace HamletPS.Core.Deidentification
{
    /// <summary>
    /// Settings of a <see cref="DicomProtector"/>. The keyed pieces come from the site secret: build them with
    /// <see cref="FromSiteKeys"/> (ProtectionSetup does, from one <see cref="SiteCrypto"/> per run).
    /// </summary>
    public sealed class ProtectorOptions
    {
        /// <summary>The profile (default: built-in hamlet-rt).</summary>
        public DeidentificationProfile Profile { get; set; } = DeidentificationProfile.Default;

        /// <summary>Study ID lookup + pseudonymizer. Required.</summary>
        public IdentityResolver Identity { get; set; }

        /// <summary>UID remapper. Required.</summary>
        public UidRemapper Uids { get; set; }

        /// <summary>Per-patient date offset. Required with Modified Dates.</summary>
        public DateShifter Dates { get; set; }

        /// <summary>Key of the 'hash' override action (at least 16 bytes). Required.</summary>
        public byte[] HashKey { get; set; }

        /// <summary>The output root (a new tree; required unless <see cref="WhatIf"/>).</summary>
        public string Destination { get; set; }

        /// <summary>The re-identification vault file (outside the destination). Null: no re-identification record is written.</summary>
        public string VaultPath { get; set; }

        /// <summary>The vault key (SiteKeys.VaultKey). Required with <see cref="VaultPath"/>.</summary>
        public byte[] VaultKey { get; set; }

        public VaultOptions VaultOptions { get; set; }

        /// <summary>
        /// The seal key (SiteKeys.SealKey): every written file is sealed (<see cref="ProtectedFileSeal"/>) so New-HamletArchive
        /// accepts it. Null writes unsealed files, which no archive accepts.
        /// </summary>
        public byte[] SealKey { get; set; }

        /// <summary>Skip test/QA patients (see <see cref="TestPatientDetector"/>; patterns from the profile).</summary>
        public bool ExcludeTestPatients { get; set; }

        /// <summary>Files protected at the same time (default: processor count).</summary>
        public int MaxDegreeOfParallelism { get; set; } = Environment.ProcessorCount;

        /// <summary>Plan mode: compute every destination, write nothing (no files, no vault records).</summary>
        public bool WhatIf { get; set; }

        /// <summary>Output path template (see <see cref="OutputPathBuilder"/>).</summary>
        public string OutputPathTemplate { get; set; }

        /// <summary>
        /// Longest full path of a protected file, its temporary name included (see <see cref="Sorting.PathLengthBudget"/>);
        /// 0 for the platform's (259 on Windows). Tests inject the Windows value.
        /// </summary>
        public int MaxPathLength { get; set; }

        /// <summary>
        /// Options keyed from the site keys: UID remapper and date shifter with the run's <paramref name="remapping"/> (null: the
        /// profile's own values, else the defaults — <see cref="RemappingSettings.Resolve"/> without a configuration), hash key
        /// derived from the UID key, vault and seal keys (copies: the caller may dispose <paramref name="keys"/>).
        /// </summary>
        public static ProtectorOptions FromSiteKeys(SiteKeys keys, IdentityResolver identity, DeidentificationProfile profile = null,
            RemappingSettings remapping = null)
        {
            if (keys == null) throw new ArgumentNullException(nameof(keys));
            profile = profile ?? DeidentificationProfile.Default;
            remapping = remapping ?? RemappingSettings.Resolve(profile, null);
            return new ProtectorOptions
            {
                Profile = profile,
                Identity = identity ?? throw new ArgumentNullException(nameof(identity)),
                Uids = remapping.CreateUidRemapper(keys.UidKey),
                Dates = remapping.CreateDateShifter(keys.DateKey),
                HashKey = DeriveHashKey(keys.UidKey),
                VaultKey = (byte[])keys.VaultKey.Clone(),
                SealKey = (byte[])keys.SealKey.Clone(),
            };
        }

        /// <summary>The hash-action key: HKDF of the UID key (so hashes and UIDs are independent).</summary>
        public static byte[] DeriveHashKey(byte[] uidKey) =>
            Hkdf.DeriveKey(uidKey, 32, Encoding.ASCII.GetBytes("HamletPS hash v1"), Encoding.ASCII.GetBytes("hamletps/value-hash"));

        internal void Validate()
        {
            if (Profile == null) throw new ArgumentException("A de-identification profile is required.");
            if (Identity == null) throw new ArgumentException("An identity resolver (lookup table and/or pseudonym key) is required.");
            if (Uids == null) throw new ArgumentException("A UID remapper is required.");
            if (HashKey == null || HashKey.Length < 16) throw new ArgumentException("A hash key of at least 16 bytes is required.");
            if (Profile.HasOption(ConfidentialityOption.RetainLongitudinalModifiedDates) && Dates == null)
                throw new ArgumentException("The profile shifts dates (Retain Longitudinal Modified Dates): a date shifter is required.");
            if (!WhatIf && string.IsNullOrWhiteSpace(Destination)) throw new ArgumentException("A destination folder is required.");
            if (VaultPath != null && (VaultKey == null || VaultKey.Length < 16)) throw new ArgumentException("A vault key is required with a vault path.");
            if (SealKey != null && SealKey.Length < 16) throw new ArgumentException("The seal key must be at least 16 bytes.");
            if (MaxPathLength < 0) throw new ArgumentException("The longest path length cannot be negative.");
            if (MaxDegreeOfParallelism < 1) throw new ArgumentException("The degree of parallelism must be at least 1.");
        }
    }
}
