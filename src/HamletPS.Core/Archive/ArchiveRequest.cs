namespace HamletPS.Core.Archive
{
    /// <summary>
    /// What New-HamletArchive or `hamlet archive` was given: each value as the face received it (the destination made full by
    /// the face), null when not given. <see cref="ArchiveSetup"/> fills the rest from the configuration and the defaults.
    /// </summary>
    public sealed class ArchiveRequest
    {
        /// <summary>-Destination / --destination: the folder the archives go to.</summary>
        public string Destination { get; set; }

        /// <summary>-NameTemplate / --name-template.</summary>
        public string NameTemplate { get; set; }

        /// <summary>-PerPatient / --per-patient: one archive per Study ID.</summary>
        public bool PerPatient { get; set; }

        /// <summary>-CompressionLevel / --compression-level (0-9); null: 6.</summary>
        public int? CompressionLevel { get; set; }

        /// <summary>-Verify / --verify.</summary>
        public bool Verify { get; set; }

        /// <summary>-Site / --site: {SITE} of the name.</summary>
        public string Site { get; set; }

        /// <summary>-User / --user: {USER} of the name.</summary>
        public string User { get; set; }
    }
}
