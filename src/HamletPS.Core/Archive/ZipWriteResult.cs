using System.Collections.Generic;

namespace HamletPS.Core.Archive
{
    /// <summary>What <see cref="ParallelZipWriter.Complete"/> produced.</summary>
    public sealed class ZipWriteResult
    {
        internal ZipWriteResult(string archivePath, IReadOnlyList<ZipEntryResult> entries, long bytesIn, long bytesOut, bool zip64, int spilledEntries)
        {
            ArchivePath = archivePath;
            Entries = entries;
            BytesIn = bytesIn;
            BytesOut = bytesOut;
            Zip64 = zip64;
            SpilledEntries = spilledEntries;
        }

        public string ArchivePath { get; }

        /// <summary>Every entry in archive order.</summary>
        public IReadOnlyList<ZipEntryResult> Entries { get; }

        /// <summary>Sum of the entries' uncompressed sizes.</summary>
        public long BytesIn { get; }

        /// <summary>Size of the archive file.</summary>
        public long BytesOut { get; }

        /// <summary>True when the archive has a ZIP64 end of central directory record.</summary>
        public bool Zip64 { get; }

        /// <summary>Entries whose compressed form was larger than the spill threshold and went through a temporary file.</summary>
        public int SpilledEntries { get; }
    }
}
