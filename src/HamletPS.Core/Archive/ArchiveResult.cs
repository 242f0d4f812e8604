using System;
using System.Collections.Generic;

namespace HamletPS.Core.Archive
{
    /// <summary>One archive written by <see cref="HamletArchiveBuilder"/>.</summary>
    public sealed class ArchiveResult
    {
        public string ArchivePath { get; set; }

        /// <summary>The same as <see cref="ArchivePath"/>: binds to -Path of the next cmdlet (Send-AzureShare) by property name.</summary>
        public string Path => ArchivePath;

        /// <summary>Files of the protected tree in the archive (the two manifest entries are not counted).</summary>
        public int EntryCount { get; set; }

        /// <summary>Sum of the archived files' sizes.</summary>
        public long BytesIn { get; set; }

        /// <summary>Size of the archive file.</summary>
        public long BytesOut { get; set; }

        /// <summary>BytesOut / BytesIn (0 when nothing was archived).</summary>
        public double Ratio { get; set; }

        /// <summary>The Study IDs in this archive (one with -PerPatient).</summary>
        public IReadOnlyList<string> StudyIds { get; set; }

        public TimeSpan Duration { get; set; }

        /// <summary>True when the archive passed -Verify before it was renamed into place.</summary>
        public bool Verified { get; set; }

        public bool Zip64 { get; set; }

        /// <summary>The manifest written inside the archive.</summary>
        public ArchiveManifest Manifest { get; set; }
    }
}
