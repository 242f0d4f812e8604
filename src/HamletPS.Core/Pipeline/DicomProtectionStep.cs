using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using HamletPS.Core.Configuration;
using HamletPS.Core.Deidentification;
using HamletPS.Core.Deidentification.Pixels;
using HamletPS.Core.Secrets;

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
        public static DicomProtectionStep FromConfig(HamletConfig config, string destination, string runId, int maxDegreeOfParallelism = 0) =>
            ForRun(Prepare(config), config, destination, runId, maxDegreeOfParallelism);

        /// <summary>
        /// Everything <see cref="FromConfig"/> reads, checked without writing anything: the profile, the mapping file (configured
        /// but absent, unreadable or invalid throws <see cref="Identity.MappingFileException"/>), the site secret and the
        /// pseudonym key. Throws what <see cref="FromConfig"/> would.
        /// </summary>
        public static void Validate(HamletConfig config)
        {
            if (config == null) throw new ArgumentNullException(nameof(config));
            Prepare(config);
        }

        /// <summary>
        /// The keyed options of a run without its destination: the site secret resolved and the keys derived once
        /// (<see cref="SiteCrypto"/>), UID root and date range by <see cref="RemappingSettings"/>. The pipeline prepares them in
        /// its preflight and hands them to <see cref="ForRun"/>, so one run resolves the secret once.
        /// </summary>
        internal static ProtectorOptions Prepare(HamletConfig config, Func<string, string> environment = null)
        {
            if (config == null) throw new ArgumentNullException(nameof(config));
            DeidentificationProfile profile = DeidentificationProfile.Resolve(config.Hamlet.Profile ?? DeidentificationProfile.DefaultName);
            using (SiteCrypto crypto = SiteCrypto.FromConfig(config, null, environment))
                return ProtectorOptions.FromSiteKeys(crypto.Keys, crypto.Identity, profile, RemappingSettings.Resolve(profile, config.Hamlet));
        }

        /// <summary>The step of one run from <see cref="Prepare"/>d options: its destination and vault file.</summary>
        internal static DicomProtectionStep ForRun(ProtectorOptions options, HamletConfig config, string destination, string runId, int maxDegreeOfParallelism = 0)
        {
            options.Destination = destination;
            if (!string.IsNullOrEmpty(config.Hamlet.Vault))
            {
                Directory.CreateDirectory(config.Hamlet.Vault);
                options.VaultPath = Path.Combine(config.Hamlet.Vault, runId + ".hpv");
            }
            if (maxDegreeOfParallelism > 0) options.MaxDegreeOfParallelism = maxDegreeOfParallelism;
            return new DicomProtectionStep(options);
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
                    : r.Failure ?? FileFailure.Create(sortedFile, FileFailureKind.InvalidArgument, "ExcludedTestPatient", new InvalidOperationException(r.Message)),
            };
        }

        public IReadOnlyList<string> PatientMessages => _protector.Patients.Select(p => p.Message).ToList();

        public void Dispose() => _protector.Dispose();
    }
}
