namespace HamletPS.Core.Archive
{
    /// <summary>One entry as it was written: sizes, checksums and where it sits in the archive.</summary>
    public sealed class ZipEntryResult
    {
        internal ZipEntryResult(string entryPath, string sourcePath, ZipCompressionMethod method, long uncompressedSize, long compressedSize,
            uint crc32, string sha256, long localHeaderOffset, bool zip64, object tag)
        {
            EntryPath = entryPath;
            SourcePath = sourcePath;
            Method = method;
            UncompressedSize = uncompressedSize;
            CompressedSize = compressedSize;
            Crc32 = crc32;
            Sha256 = sha256;
            LocalHeaderOffset = localHeaderOffset;
            Zip64 = zip64;
            Tag = tag;
        }

        public string EntryPath { get; }

        /// <summary>The file the entry was read from, or null for an entry added from memory.</summary>
        public string SourcePath { get; }

        /// <summary>The method actually used (Deflate becomes Store when deflate does not shrink the data).</summary>
        public ZipCompressionMethod Method { get; }

        public long UncompressedSize { get; }

        public long CompressedSize { get; }

        public uint Crc32 { get; }

        /// <summary>SHA-256 of the uncompressed bytes, lower-case hex, computed in the same pass as compression.</summary>
        public string Sha256 { get; }

        public long LocalHeaderOffset { get; }

        /// <summary>True when the entry carries ZIP64 extra fields.</summary>
        public bool Zip64 { get; }

        /// <summary>The caller's object passed to Add (e.g. the DICOM metadata of the file).</summary>
        public object Tag { get; }
    }
}
