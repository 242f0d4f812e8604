namespace HamletPS.Core.Upload
{
    /// <summary>What happened to one file.</summary>
    public enum ShareUploadStatus
    {
        /// <summary>Sent in full and verified.</summary>
        Uploaded,
        /// <summary>Completed from a previous interrupted attempt: only the missing ranges were sent.</summary>
        Resumed,
        /// <summary>Already present with the same size and MD5: nothing sent.</summary>
        Skipped,
        /// <summary>Present with different content and neither Force nor the overwrite confirmation allowed replacing it.</summary>
        NotOverwritten,
    }
}
