using System;

namespace HamletPS.Core.Archive
{
    /// <summary>Settings of a <see cref="ParallelZipWriter"/>. Defaults suit multi-GB archives on any number of cores.</summary>
    public sealed class ParallelZipWriterOptions
    {
        /// <summary>Entries compressed at the same time: defaults to the number of logical processors.</summary>
        public int MaxDegreeOfParallelism { get; set; } = Environment.ProcessorCount;

        /// <summary>Entries in flight (queued, compressing, or compressed and waiting to be written in order); default 2 x parallelism.
        /// Memory in use is at most about this many times <see cref="SpillThreshold"/>.</summary>
        public int MaxEntriesInFlight { get; set; }

        /// <summary>A compressed entry larger than this goes to a temporary file instead of memory (default 8 MiB).</summary>
        public long SpillThreshold { get; set; } = 8L * 1024 * 1024;

        /// <summary>Folder for spill files; default the system temporary folder. Spill files are deleted on close.</summary>
        public string TempDirectory { get; set; }

        /// <summary>Write ZIP64 extra fields and the ZIP64 end records even when no limit is exceeded.</summary>
        public bool ForceZip64 { get; set; }

        /// <summary>Replace an existing archive of the same name (default false: fail before writing).</summary>
        public bool Overwrite { get; set; }

        /// <summary>Flush the file to disk before renaming it into place (default true).</summary>
        public bool FlushToDisk { get; set; } = true;

        /// <summary>Receives progress after each entry is written.</summary>
        public IProgress<ArchiveProgress> Progress { get; set; }

        /// <summary>Called on the writer thread after each entry is written, in archive order. An exception aborts the archive.</summary>
        public Action<ZipEntryResult> EntryWritten { get; set; }

        /// <summary>Called with the complete ".partial" file (closed) before it is renamed; an exception aborts and deletes it.</summary>
        public Action<string> BeforeCommit { get; set; }

        /// <summary>The entry count expected, for progress reports only (0 = unknown).</summary>
        public int ExpectedEntries { get; set; }

        // Test hooks: lowered limits exercise the "limit exceeded" ZIP64 paths without writing 4 GiB or 65535 entries.
        internal long Zip64SizeLimit { get; set; } = 0xFFFFFFFFL;

        internal int Zip64CountLimit { get; set; } = 0xFFFF;
    }
}
