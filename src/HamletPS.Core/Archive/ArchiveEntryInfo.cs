namespace HamletPS.Core.Archive
{
    /// <summary>
    /// What the DICOM-aware caller knows about one file of the protected tree (protected values only).
    /// Supplied to <see cref="HamletArchiveBuilder"/> through a callback; it becomes the file's manifest row.
    /// </summary>
    public sealed class ArchiveEntryInfo
    {
        /// <summary>The trial's Study ID (pseudonym), e.g. "123-1001". Required with -PerPatient (names the archive).</summary>
        public string StudyId { get; set; }

        public string StudyInstanceUid { get; set; }

        public string SeriesInstanceUid { get; set; }

        public string SopInstanceUid { get; set; }

        public string Modality { get; set; }

        public string SopClassUid { get; set; }

        /// <summary>Human-readable SOP class name, e.g. "CT Image Storage".</summary>
        public string SopClassName { get; set; }

        /// <summary>Store for data that is already compressed (encapsulated transfer syntaxes); Deflate otherwise (the default).</summary>
        public ZipCompressionMethod Compression { get; set; } = ZipCompressionMethod.Deflate;
    }
}
