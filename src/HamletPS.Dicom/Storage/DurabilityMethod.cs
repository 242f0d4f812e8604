namespace HamletPS.Dicom.Storage
{
    /// <summary>How the receiver makes a finished file and its rename to the final name durable (see docs/network.md).</summary>
    public enum DurabilityMethod
    {
        /// <summary><see cref="SingleCommit"/> on ext3/ext4, XFS and btrfs; <see cref="SyncThenSyncFolder"/> elsewhere.</summary>
        Automatic,

        /// <summary>fdatasync the file, close, rename, fsync the folder: POSIX guarantees, two journal commits per file.</summary>
        SyncThenSyncFolder,

        /// <summary>
        /// Write the data out and wait (sync_file_range), rename the open file, fsync it: one journal commit carries data, size
        /// and new name on file systems that log a rename with the inode's ctime change.
        /// </summary>
        SingleCommit,

        /// <summary>Data synced before the rename; the rename is not (a crash may leave the file under its temporary name).</summary>
        None,
    }
}
