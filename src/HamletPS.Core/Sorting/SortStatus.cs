namespace HamletPS.Core.Sorting
{
    /// <summary>What <see cref="DicomSorter"/> did with one file.</summary>
    public enum SortStatus
    {
        /// <summary>Moved (or copied) into the sorted tree.</summary>
        Sorted,

        /// <summary>The same SOP instance with identical bytes is already in the sorted tree: this copy was dropped (deleted
        /// when moving, left alone when copying).</summary>
        Duplicate,

        /// <summary>The same SOP instance with different bytes is already in the sorted tree: both are kept, this one under a
        /// suffixed name (<c>&lt;SOPInstanceUID&gt;~2.dcm</c>).</summary>
        Conflict,

        /// <summary>Still being written (changed within the settle time, or locked) or a temporary name: left for the next run.</summary>
        Skipped,

        /// <summary>Not a DICOM file: left where it is.</summary>
        NotDicom,

        /// <summary>DICOM that cannot be read or used (broken, no valid SOP Instance UID…): moved to the quarantine folder with a
        /// <c>&lt;name&gt;.reason.txt</c>.</summary>
        Quarantined,

        /// <summary>An I/O error (disk full, access denied, copy verification failed): the source was left in place.</summary>
        Failed,
    }
}
