namespace HamletPS.Synthetic
{
    /// <summary>A Part 10 file written by <see cref="RtStudyBuilder"/>.</summary>
    public sealed class RtStudyFile
    {
        public RtStudyFile(RtObjectKind kind, string path, string sopClassUid, string sopInstanceUid, string seriesInstanceUid, long length)
        {
            Kind = kind;
            Path = path;
            SopClassUid = sopClassUid;
            SopInstanceUid = sopInstanceUid;
            SeriesInstanceUid = seriesInstanceUid;
            Length = length;
        }

        public RtObjectKind Kind { get; }
        public string Path { get; }
        public string SopClassUid { get; }
        public string SopInstanceUid { get; }
        public string SeriesInstanceUid { get; }
        public long Length { get; }

        public override string ToString() => Kind + " " + Path;
    }
}
