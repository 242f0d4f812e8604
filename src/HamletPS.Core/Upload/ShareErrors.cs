using System;
using System.IO;
using System.Net.Http;
using System.Net.Sockets;
using Azure;

namespace HamletPS.Core.Upload
{
    /// <summary>Classifies SDK and network failures and turns them into <see cref="ShareOperationException"/>s with redacted, actionable messages.</summary>
    internal static class ShareErrors
    {
        public static bool IsTransient(Exception ex)
        {
            if (ex is RequestFailedException rfe)
                return rfe.Status == 0 || rfe.Status == 408 || rfe.Status == 429 || rfe.Status == 500 || rfe.Status == 502 || rfe.Status == 503 || rfe.Status == 504;
            if (ex is AggregateException agg)
            {
                foreach (var inner in agg.Flatten().InnerExceptions) if (!IsTransient(inner)) return false;
                return agg.InnerExceptions.Count > 0;
            }
            // A cancellation the caller did not request is a request timeout (callers check their own token first).
            return ex is IOException || ex is HttpRequestException || ex is SocketException || ex is TimeoutException
                || ex is OperationCanceledException;
        }

        public static ShareOperationException Map(Exception ex, ShareConnection connection, string operation, string localFile, string remotePath)
        {
            if (ex is ShareOperationException soe) return soe;
            string where = remotePath == null ? "" : " '" + remotePath + "'";
            string account = connection.AccountName ?? connection.ServiceUri.Host;
            string message;
            ShareFailureKind kind;
            int status = 0;
            string code = null;
            if (ex is RequestFailedException rfe)
            {
                status = rfe.Status;
                code = rfe.ErrorCode;
                if (status == 403 || status == 401 || code == "AuthenticationFailed" || code == "NoAuthenticationInformation")
                {
                    kind = ShareFailureKind.Authentication;
                    message = "Authentication to storage account '" + account + "' failed while " + operation + where + " (HTTP " + status + " " + code +
                              "): the account key or SAS token was rejected, the SAS has expired or is not yet valid, or it lacks a permission this operation needs.";
                }
                else if (code == "ShareNotFound")
                {
                    kind = ShareFailureKind.ShareNotFound;
                    message = "The share" + where + " does not exist on storage account '" + account + "' (HTTP 404 ShareNotFound) while " + operation + ". Check the share name in the site configuration.";
                }
                else if (status == 404)
                {
                    kind = ShareFailureKind.NotFound;
                    message = "Not found while " + operation + where + " on storage account '" + account + "' (HTTP 404 " + code + ").";
                }
                else if (IsTransient(ex))
                {
                    kind = ShareFailureKind.Transient;
                    message = "The Azure Files service kept failing while " + operation + where + " (HTTP " + status + " " + code + ") after every retry; re-run to resume.";
                }
                else
                {
                    kind = ShareFailureKind.Other;
                    message = "The Azure Files service refused " + operation + where + " (HTTP " + status + " " + code + ").";
                }
            }
            else if (IsTransient(ex))
            {
                kind = ShareFailureKind.Transient;
                message = "The connection to storage account '" + account + "' kept failing while " + operation + where + " (" + ex.GetType().Name + ") after every retry; re-run to resume.";
            }
            else
            {
                kind = ShareFailureKind.Other;
                message = "Failed while " + operation + where + ": " + ex.GetType().Name + ": " + ex.Message;
            }
            if (localFile != null) message = "'" + localFile + "': " + message;
            return new ShareOperationException(kind, connection.Redact(message), localFile, status, code);
        }
    }
}
