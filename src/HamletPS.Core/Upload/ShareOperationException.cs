using System;

namespace HamletPS.Core.Upload
{
    /// <summary>
    /// A failed upload, listing or copy. The message names the file, the remote path (never a key or SAS) and the reason;
    /// the SDK's own exception is not chained because its text can quote request details.
    /// </summary>
    public sealed class ShareOperationException : HamletException
    {
        public ShareOperationException(ShareFailureKind kind, string message, string fileName = null, int status = 0, string errorCode = null)
            : base(ShareFailure.ReasonOf(kind), message)
        {
            Kind = kind;
            FileName = fileName;
            Status = status;
            ErrorCode = errorCode;
        }

        public ShareFailureKind Kind { get; }
        /// <summary>The local file concerned, when there is one.</summary>
        public string FileName { get; }
        /// <summary>HTTP status from the service (0 when none).</summary>
        public int Status { get; }
        /// <summary>The service's x-ms-error-code (e.g. AuthenticationFailed, ShareNotFound).</summary>
        public string ErrorCode { get; }
    }
}
