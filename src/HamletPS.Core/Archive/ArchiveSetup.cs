using System;
using System.IO;
using HamletPS.Core.Configuration;
using HamletPS.Core.Deidentification;
using HamletPS.Core.Pipeline;

namespace HamletPS.Core.Archive
{
    /// <summary>
    /// Turns an <see cref="ArchiveRequest"/> and the site configuration (or null) into <see cref="HamletArchiveOptions"/> and the
    /// seal check of the files to archive: the one place where a parameter beats the configuration and the configuration beats
    /// the default. New-HamletArchive and `hamlet archive` both call it.
    /// </summary>
    public static class ArchiveSetup
    {
        /// <summary>
        /// Destination: the request, else DATAPATH.OUTGOING; site: the request, else APP.SITE (either missing:
        /// <see cref="ArgumentException"/>, ConfigurationMissing); user: the request, else APP.USER, else empty; name template: the
        /// request, else HAMLET.ARCHIVENAME — except with PerPatient, where the configured name (one name for one archive) gives way
        /// to the per-patient default {STUDYID}.zip; profile: HAMLET.PROFILE.
        /// </summary>
        public static HamletArchiveOptions CreateOptions(ArchiveRequest request, HamletConfig config)
        {
            if (request == null) throw new ArgumentNullException(nameof(request));
            var options = new HamletArchiveOptions
            {
                OutputDirectory = Path.GetFullPath(WorkflowConfiguration.Require(request.Destination, config?.DataPath.Outgoing, "Destination", "DATAPATH.OUTGOING")),
                Site = WorkflowConfiguration.Require(request.Site, config?.App.Site, "Site", "APP.SITE"),
                User = request.User ?? config?.App.User ?? string.Empty,
                NameTemplate = NameTemplate(request, config),
                PerPatient = request.PerPatient,
                Profile = config?.Hamlet.Profile,
                Verify = request.Verify,
            };
            if (request.CompressionLevel.HasValue) options.CompressionLevel = request.CompressionLevel.Value;
            return options;
        }

        /// <summary>The name template: given, else HAMLET.ARCHIVENAME unless per patient, else null (the builder's default).</summary>
        public static string NameTemplate(ArchiveRequest request, HamletConfig config) =>
            request.NameTemplate ?? (request.PerPatient ? null : config?.Hamlet.ArchiveName);

        /// <summary>
        /// How each file to archive is described, refusing any file this site's protect step did not seal: the seal is checked
        /// with the key derived from <paramref name="key"/>, else the site secret of the environment or configuration (as
        /// Protect). Throws <see cref="InvalidOperationException"/>, <see cref="ArgumentException"/> or <see cref="IOException"/>
        /// when there is no usable secret (SiteKeyRequired).
        /// </summary>
        public static Func<string, ArchiveEntryInfo> CreateDescriber(HamletConfig config, char[] key) =>
            DicomArchiveEntryDescriber.Sealed(ProtectionSetup.CreateSealKey(config, key));
    }
}
