using System;
using System.Collections.Generic;
using HamletPS.Core.Archive;

namespace HamletPS.Core.Pipeline
{
    /// <summary>What one run of <see cref="HamletPipeline"/> did (Invoke-HamletPipeline's output). Protected values and counts only.</summary>
    public sealed class PipelineSummary
    {
        public string RunId { get; set; }

        /// <summary>True when this run continued an earlier run that had not completed.</summary>
        public bool Resumed { get; set; }

        public string JournalPath { get; set; }

        public int Sorted { get; set; }
        public int Duplicates { get; set; }
        public int Conflicts { get; set; }
        public int Quarantined { get; set; }
        public int NotDicom { get; set; }

        /// <summary>Files left in INCOMING for the next run (still arriving or locked).</summary>
        public int Skipped { get; set; }

        /// <summary>Of <see cref="Skipped"/>: files changed within the settle time.</summary>
        public int TooRecent { get; set; }

        /// <summary>Of <see cref="Skipped"/>: symbolic links or junctions in INCOMING, never followed (left in place).</summary>
        public int Links { get; set; }

        /// <summary>Files the sort step could not move (an I/O error; counted in <see cref="Failed"/> too).</summary>
        public int SortFailed { get; set; }

        /// <summary>Sorted files that failed the full read and were moved to the quarantine folder (counted in <see cref="Failed"/> too).</summary>
        public int QuarantinedAfterSorting { get; set; }

        public int Protected { get; set; }

        /// <summary>Protected files of the interrupted run that were still valid and reused.</summary>
        public int Reused { get; set; }

        /// <summary>Files in SORTED already archived by an earlier run (not processed again).</summary>
        public int AlreadyArchived { get; set; }

        /// <summary>Files that could not be protected (including those withheld for a residual identifier).</summary>
        public int Failed { get; set; }

        /// <summary>Files withheld because a residual identifier was found (step 3).</summary>
        public int ResidualIdentifiers { get; set; }

        /// <summary>Per patient: how the new ID was derived, naming only the new ID.</summary>
        public IReadOnlyList<string> Patients { get; set; } = Array.Empty<string>();

        public IReadOnlyList<ArchiveResult> Archives { get; set; } = Array.Empty<ArchiveResult>();

        /// <summary>The (first) archive written, or null: binds to -Path of Send-AzureShare.</summary>
        public string Path => Archives.Count > 0 ? Archives[0].ArchivePath : null;

        public TimeSpan Duration { get; set; }

        /// <summary>True when every step ran and no file failed.</summary>
        public bool Succeeded { get; set; }
    }
}
