namespace HamletPS.Core.Archive
{
    /// <summary>One central directory record of an existing archive (ZIP64 values already applied).</summary>
    public sealed class ZipDirectoryEntry
    {
        public string EntryPath { get; internal set; }
        public ushort Flags { get; internal set; }
        public ushort Method { get; internal set; }
        public uint Crc32 { get; internal set; }
        public long CompressedSize { get; internal set; }
        public long UncompressedSize { get; internal set; }
        public long LocalHeaderOffset { get; internal set; }

        /// <summary>True when the record has a ZIP64 extra field.</summary>
        public bool Zip64 { get; internal set; }
    }
}
