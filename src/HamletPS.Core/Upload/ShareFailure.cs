using System;

namespace HamletPS.Core.Upload
{
    /// <summary>
    /// A failed share operation (upload, listing, copy) classified for the faces: a stable reason (the cmdlet's ErrorId, the
    /// CLI's error prefix) and the kind. The cmdlets never name <see cref="ShareOperationException"/> themselves.
    /// </summary>
    public sealed class ShareFailure
    {
        private ShareFailure(string target, ShareFailureKind kind, string reason, Exception exception)
        {
            Target = target;
            Kind = kind;
            Reason = reason;
            Exception = exception;
        }

        /// <summary>The local file or remote path concerned.</summary>
        public string Target { get; }

        public ShareFailureKind Kind { get; }

        /// <summary>The category of <see cref="Reason"/> (<see cref="ErrorIds"/>).</summary>
        public HamletErrorCategory Category => ErrorIds.CategoryOf(Reason);

        /// <summary>AuthenticationFailed, ShareNotFound, RemoteItemNotFound, TransientFailure, LocalFileChanged, VerificationFailed or ShareOperationFailed.</summary>
        public string Reason { get; }

        /// <summary>The exception; its message names the file, the remote path and the reason, never a key or SAS.</summary>
        public Exception Exception { get; }

        public string Message => Exception.Message;

        /// <summary>The reason (ErrorId) for a kind of failure.</summary>
        public static string ReasonOf(ShareFailureKind kind)
        {
            switch (kind)
            {
                case ShareFailureKind.Authentication: return ErrorIds.AuthenticationFailed;
                case ShareFailureKind.ShareNotFound: return ErrorIds.ShareNotFound;
                case ShareFailureKind.NotFound: return ErrorIds.RemoteItemNotFound;
                case ShareFailureKind.Transient: return ErrorIds.TransientFailure;
                case ShareFailureKind.LocalFileChanged: return ErrorIds.LocalFileChanged;
                case ShareFailureKind.VerificationFailed: return ErrorIds.VerificationFailed;
                default: return ErrorIds.ShareOperationFailed;
            }
        }

        /// <summary>Classifies a share failure, or returns null when <paramref name="exception"/> is not one (the caller tries
        /// <see cref="FileFailure.Classify"/> next, or lets it propagate).</summary>
        public static ShareFailure Classify(string target, Exception exception)
        {
            if (exception is AggregateException aggregate && aggregate.InnerExceptions.Count == 1) exception = aggregate.InnerExceptions[0];
            if (exception is ShareOperationException soe)
                return new ShareFailure(soe.FileName ?? target, soe.Kind, ReasonOf(soe.Kind), soe);
            return null;
        }
    }
}
