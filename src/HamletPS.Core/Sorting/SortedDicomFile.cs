namespace HamletPS.Core.Sorting
{
    /// <summary>
    /// One file handled by <see cref="DicomSorter"/> (Invoke-DicomSort, `hamlet sort`). The sorted tree is site-only: its folder
    /// names hold patient IDs (the old tool's design), so <see cref="Path"/> and <see cref="PatientFolder"/> may name a patient
    /// and must not leave the site. <see cref="Reason"/> never holds a value read from the file.
    /// </summary>
    public sealed class SortedDicomFile
    {
        /// <summary>Where the file was (full path).</summary>
        public string Source { get; set; }

        /// <summary>Where the file is now: the sorted file (Sorted, Conflict), the copy already in the tree (Duplicate), the
        /// quarantined file (Quarantined), or the source itself (Skipped, NotDicom, Failed). Binds to -Path of the next cmdlet.</summary>
        public string Path { get; set; }

        public SortStatus Status { get; set; }

        public string SOPInstanceUID { get; set; }

        public string StudyInstanceUID { get; set; }

        public string SeriesInstanceUID { get; set; }

        public string Modality { get; set; }

        /// <summary>The first folder below the sorted root (the patient's folder with the default template); null when not sorted.</summary>
        public string PatientFolder { get; set; }

        /// <summary>Size of the file in bytes.</summary>
        public long Length { get; set; }

        /// <summary>For <see cref="SortStatus.Skipped"/>: why the file was left for the next run.</summary>
        public SortSkipReason SkipReason { get; set; }

        /// <summary>Why the file was skipped, quarantined, left in place or failed; null for Sorted. Never holds a value read
        /// from the file nor a path below the sorted tree (whose names hold patient IDs).</summary>
        public string Reason { get; set; }

        public override string ToString() => Status + " " + (Path ?? Source);
    }
}
