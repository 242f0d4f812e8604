namespace HamletPS.Core.Upload
{
    /// <summary>What happened to one file on the SMB/folder route.</summary>
    public enum SmbCopyStatus
    {
        Copied,
        /// <summary>An identical file (same size and SHA-256) was already there.</summary>
        Skipped,
        /// <summary>A different file of that name was there and neither Force nor confirmation allowed replacing it.</summary>
        NotOverwritten,
    }
}
