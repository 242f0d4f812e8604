namespace HamletPS.Core.Sorting
{
    /// <summary>Why <see cref="DicomSorter"/> left a file for the next run (<see cref="SortStatus.Skipped"/>).</summary>
    public enum SortSkipReason
    {
        /// <summary>Not skipped.</summary>
        None,

        /// <summary>Changed within the settle time: maybe still arriving.</summary>
        TooRecent,

        /// <summary>Locked by another program.</summary>
        Locked,

        /// <summary>A temporary name (<c>*.partial</c>, <c>.*.tmp</c>) of a file still being written.</summary>
        TemporaryName,

        /// <summary>A symbolic link or junction: never followed, left in place.</summary>
        Link,
    }
}
