namespace HamletPS.Core.Upload
{
    /// <summary>One file sent by a <see cref="ShareFileSender"/>: the upload's or the copy's result, and whether a different
    /// remote file was left in place.</summary>
    public sealed class SentShareFile
    {
        public SentShareFile(ShareUploadResult uploaded, SmbCopyResult copied, string notReplaced)
        {
            Uploaded = uploaded;
            Copied = copied;
            NotReplaced = notReplaced;
        }

        /// <summary>The HTTPS route's result, or null.</summary>
        public ShareUploadResult Uploaded { get; }

        /// <summary>The SMB route's result, or null.</summary>
        public SmbCopyResult Copied { get; }

        /// <summary>The remote file (share/path, or the path on the mounted share) that already existed with different content and
        /// was not replaced (RemoteFileDiffers); null when the file was sent or was already there.</summary>
        public string NotReplaced { get; }

        /// <summary>The result object, whichever route.</summary>
        public object Result => (object)Uploaded ?? Copied;
    }
}
