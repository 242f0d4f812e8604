namespace HamletPS.Core.Archive
{
    /// <summary>Progress of an archive being written, reported after each entry is written (in entry order).</summary>
    public sealed class ArchiveProgress
    {
        public ArchiveProgress(string archivePath, string currentEntry, int entriesWritten, int entriesTotal, long bytesIn, long bytesOut)
        {
            ArchivePath = archivePath;
            CurrentEntry = currentEntry;
            EntriesWritten = entriesWritten;
            EntriesTotal = entriesTotal;
            BytesIn = bytesIn;
            BytesOut = bytesOut;
        }

        /// <summary>The final archive path (the file being written is this path + ".partial").</summary>
        public string ArchivePath { get; }

        /// <summary>The entry path just written (protected values only).</summary>
        public string CurrentEntry { get; }

        public int EntriesWritten { get; }

        /// <summary>Entries expected in this archive when the caller knows it, otherwise the number queued so far.</summary>
        public int EntriesTotal { get; }

        /// <summary>Uncompressed bytes written so far.</summary>
        public long BytesIn { get; }

        /// <summary>Bytes of the archive file written so far.</summary>
        public long BytesOut { get; }
    }
}
