namespace HamletPS.Core.Upload
{
    /// <summary>Why a share operation failed (lets a cmdlet pick an ErrorCategory and a hint).</summary>
    public enum ShareFailureKind
    {
        Other,
        /// <summary>The key or SAS was rejected, the SAS expired, or it lacks a permission.</summary>
        Authentication,
        ShareNotFound,
        NotFound,
        /// <summary>Network errors or 5xx answers that persisted beyond every retry; re-running resumes.</summary>
        Transient,
        /// <summary>The local file changed while it was being sent.</summary>
        LocalFileChanged,
        /// <summary>After the upload the remote size or MD5 did not match the local file.</summary>
        VerificationFailed,
    }
}
