using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using HamletPS.Core.Configuration;
using HamletPS.Core.Deidentification;
using HamletPS.Core.Deidentification.Pixels;
using HamletPS.Core.Security;

namespace HamletPS.Core.Pipeline
{
    /// <summary>The protection step over <see cref="DicomProtector"/> (profile, lookup/pseudonym, UID remap, dates, residual check, vault).</summary>
    public sealed class DicomProtectionStep : IProtectionStep
    {
        private readonly DicomProtector _protector;

        public DicomProtectionStep(ProtectorOptions options)
        {
            _protector = new DicomProtector(options);
        }

        /// <summary>
        /// The step for a site configuration: the profile (HAMLET.PROFILE), the identity resolver, UID remapper and date shifter
        /// keyed from the site secret, and a vault file <c>&lt;HAMLET.VAULT&gt;/&lt;runId&gt;.hpv</c> outside the protected tree.
        /// </summary>
        public static DicomProtectionStep FromConfig(HamletConfig config, string destination, string runId, int maxDegreeOfParallelism = 0)
        {
            DeidentificationProfile profile = DeidentificationProfile.Resolve(config.Hamlet.Profile ?? DeidentificationProfile.DefaultName);
            using (SiteCrypto crypto = SiteCrypto.FromConfig(config, isRegistryUid: DicomDeidentifier.IsRegistryUid))
            using (SiteSecret secret = HamletSecrets.ResolveSiteSecret(config))
            using (SiteKeys keys = SiteKeys.Derive(secret))
            {
                ProtectorOptions options = ProtectorOptions.FromSiteKeys(keys, crypto.Identity, profile);
                options.Uids = crypto.Uids;
                options.Dates = crypto.Dates;
                options.Destination = destination;
                if (!string.IsNullOrEmpty(config.Hamlet.Vault))
                {
                    Directory.CreateDirectory(config.Hamlet.Vault);
                    options.VaultPath = Path.Combine(config.Hamlet.Vault, runId + ".hpv");
                }
                if (maxDegreeOfParallelism > 0) options.MaxDegreeOfParallelism = maxDegreeOfParallelism;
                return new DicomProtectionStep(options);
            }
        }

        /// <summary>
        /// Everything <see cref="FromConfig"/> reads, checked without writing anything: the profile, the mapping file (configured
        /// but absent, unreadable or invalid throws <see cref="Identity.MappingFileException"/>), the site secret and the
        /// pseudonym key. Throws what <see cref="FromConfig"/> would.
        /// </summary>
        public static void Validate(HamletConfig config)
        {
            if (config == null) throw new ArgumentNullException(nameof(config));
            DeidentificationProfile.Resolve(config.Hamlet.Profile ?? DeidentificationProfile.DefaultName);
            using (SiteCrypto.FromConfig(config, isRegistryUid: DicomDeidentifier.IsRegistryUid))
            using (HamletSecrets.ResolveSiteSecret(config))
            {
            }
        }

        public ProtectionOutcome Protect(string sortedFile, CancellationToken cancellationToken)
        {
            ProtectionResult r = _protector.ProtectFile(sortedFile, cancellationToken);
            return new ProtectionOutcome
            {
                Succeeded = r.Status == ProtectionStatus.Protected,
                DestinationPath = r.DestinationPath,
                RelativePath = r.RelativePath,
                StudyId = r.StudyId,
                SopInstanceUid = r.SopInstanceUid,
                Modality = r.Modality,
                ResidualIdentifier = r.Failure != null && r.Failure.Reason == "ResidualIdentifier",
                Unreadable = r.Failure != null && r.Failure.Reason == "InvalidDicomFile",
                PixelWithheld = r.Failure != null && (r.Failure.Reason == PixelProtection.WithheldReasonId || r.Failure.Reason == PixelProtection.NotMaskableReasonId),
                PixelMasked = r.Status == ProtectionStatus.Protected && r.PixelsMasked,
                PixelDropped = r.Status == ProtectionStatus.DroppedByPixelRule,
                Failure = r.Status == ProtectionStatus.Protected || r.Status == ProtectionStatus.DroppedByPixelRule ? null
                    : r.Failure ?? FileFailure.Create(sortedFile, HamletErrorCategory.InvalidArgument, "ExcludedTestPatient", new InvalidOperationException(r.Message)),
            };
        }

        public IReadOnlyList<string> PatientMessages => _protector.Patients.Select(p => p.Message).ToList();

        public void Dispose() => _protector.Dispose();
    }
}
