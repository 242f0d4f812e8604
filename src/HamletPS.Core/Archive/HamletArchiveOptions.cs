using System;

namespace HamletPS.Core.Archive
{
    /// <summary>Settings of <see cref="HamletArchiveBuilder"/> (New-HamletArchive / hamlet archive).</summary>
    public sealed class HamletArchiveOptions
    {
        /// <summary>
        /// Called once per file refused before anything is written (not proven to be protected output, or a link in the tree),
        /// so the caller can report every one; the build then throws <see cref="ArchiveRefusedException"/>. May be null.
        /// </summary>
        public Action<FileFailure> FileRefused { get; set; }

        /// <summary>Folder the archives are written to (OUTGOING). Required.</summary>
        public string OutputDirectory { get; set; }

        /// <summary>Name template; default <see cref="ArchiveNameTemplate.Default"/>, or <see cref="ArchiveNameTemplate.PerPatientDefault"/> with PerPatient.</summary>
        public string NameTemplate { get; set; }

        /// <summary>APP/SITE of the configuration ({SITE}).</summary>
        public string Site { get; set; }

        /// <summary>APP/USER of the configuration ({USER}).</summary>
        public string User { get; set; }

        /// <summary>One archive per Study ID instead of one archive for the whole tree.</summary>
        public bool PerPatient { get; set; }

        /// <summary>Deflate level 0..9 (0 = store everything); default 6. See <see cref="DeflateLevels"/> for how it maps on each runtime.</summary>
        public int CompressionLevel { get; set; } = 6;

        /// <summary>The de-identification profile recorded in the manifest.</summary>
        public string Profile { get; set; }

        /// <summary>Re-read the finished archive (CRC, sizes, manifest hashes) before it is renamed into place.</summary>
        public bool Verify { get; set; }

        /// <summary>Replace an existing archive of the same name (relevant to PerPatient names).</summary>
        public bool Overwrite { get; set; }

        /// <summary>Entries compressed at once; default all cores.</summary>
        public int MaxDegreeOfParallelism { get; set; } = Environment.ProcessorCount;

        /// <summary>Folder for spill files of very large entries; default the system temporary folder.</summary>
        public string TempDirectory { get; set; }

        /// <summary>Always write ZIP64 structures (for tests and picky receivers).</summary>
        public bool ForceZip64 { get; set; }
    }
}
