namespace HamletPS.Core.Archive
{
    /// <summary>One file of an archive as listed in its manifest (manifest.csv row / manifest.json "files" item).</summary>
    public sealed class ArchiveManifestRow
    {
        public string StudyId { get; set; }
        public string StudyInstanceUid { get; set; }
        public string SeriesInstanceUid { get; set; }
        public string SopInstanceUid { get; set; }
        public string Modality { get; set; }
        public string SopClassUid { get; set; }
        public string SopClassName { get; set; }

        /// <summary>Uncompressed size in bytes.</summary>
        public long FileSize { get; set; }

        /// <summary>SHA-256 of the file's bytes, 64 lower-case hex digits.</summary>
        public string Sha256 { get; set; }

        /// <summary>Path of the entry inside the archive (forward slashes).</summary>
        public string EntryPath { get; set; }

        internal static ArchiveManifestRow From(ArchiveEntryInfo info, ZipEntryResult entry) => new ArchiveManifestRow
        {
            StudyId = info?.StudyId,
            StudyInstanceUid = info?.StudyInstanceUid,
            SeriesInstanceUid = info?.SeriesInstanceUid,
            SopInstanceUid = info?.SopInstanceUid,
            Modality = info?.Modality,
            SopClassUid = info?.SopClassUid,
            SopClassName = info?.SopClassName,
            FileSize = entry.UncompressedSize,
            Sha256 = entry.Sha256,
            EntryPath = entry.EntryPath,
        };
    }
}
