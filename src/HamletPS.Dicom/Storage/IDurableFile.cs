namespace HamletPS.Dicom.Storage
{
    /// <summary>A received file being written that can be made durable in the steps of <see cref="DurabilityMethod"/>.</summary>
    internal interface IDurableFile
    {
        /// <summary>The file's path (its temporary name).</summary>
        string Name { get; }

        /// <summary>Writes the data to the device and waits, without a device-cache flush or inode commit (Linux).</summary>
        void WriteOut();

        /// <summary>fsync: data, size and every inode change (on journaling file systems also a rename that set the ctime).</summary>
        void SyncAll();

        /// <summary>fdatasync (elsewhere the platform's flush to disk).</summary>
        void DataSync();
    }
}
