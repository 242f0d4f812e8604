namespace HamletPS.Core.Archive
{
    /// <summary>Files per series in an archive (manifest.json "series" item).</summary>
    public sealed class ArchiveManifestSeries
    {
        public string StudyId { get; set; }
        public string StudyInstanceUid { get; set; }
        public string SeriesInstanceUid { get; set; }
        public string Modality { get; set; }
        public int FileCount { get; set; }
    }
}
