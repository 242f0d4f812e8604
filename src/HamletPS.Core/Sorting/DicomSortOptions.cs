using System;

namespace HamletPS.Core.Sorting
{
    /// <summary>Settings of <see cref="DicomSorter"/>.</summary>
    public sealed class DicomSortOptions
    {
        public const int DefaultSettleSeconds = 5;

        /// <summary>The sorted tree (DATAPATH.SORTED). Required.</summary>
        public string Destination { get; set; }

        /// <summary>Where unreadable DICOM goes (HAMLET.QUARANTINE). Required.</summary>
        public string QuarantineFolder { get; set; }

        /// <summary>Layout below <see cref="Destination"/>; null for <see cref="SortPathTemplate.Default"/>.</summary>
        public string Template { get; set; }

        /// <summary>Copy instead of move (the sources stay in INCOMING).</summary>
        public bool Copy { get; set; }

        /// <summary>Files written less than this long ago are skipped (still arriving); 0 turns the check off.</summary>
        public TimeSpan SettleTime { get; set; } = TimeSpan.FromSeconds(DefaultSettleSeconds);

        /// <summary>The clock the settle time is measured against (tests inject one).</summary>
        public Func<DateTime> UtcNow { get; set; } = () => DateTime.UtcNow;

        /// <summary>Longest full path the sorter builds (see <see cref="PathLengthBudget"/>); 0 for the platform's (259 on Windows).</summary>
        public int MaxPathLength { get; set; }

        /// <summary>File-system operations (tests inject one to take the cross-volume path).</summary>
        public IFileMover Mover { get; set; } = FileMover.Instance;
    }
}
