#nullable enable
using System;
using System.Threading;
using System.Threading.Tasks;
using Azure.Storage.Files.Shares;

namespace HamletPS.Core.Upload
{
    /// <summary>
    /// One authenticated request on a share (the properties of its root directory, which every credential that may upload can
    /// read): proves the credentials are accepted and the share exists, without writing anything. The heartbeat's share check.
    /// </summary>
    public static class ShareAccessProbe
    {
        /// <summary>Null when the share answered; else the failure (AuthenticationFailed, ShareNotFound, TransientFailure …), its message redacted.</summary>
        public static async Task<ShareFailure?> ProbeAsync(ShareConnection connection, ShareTarget target, TimeSpan timeout, CancellationToken cancellationToken)
        {
            if (connection == null) throw new ArgumentNullException(nameof(connection));
            if (target == null) throw new ArgumentNullException(nameof(target));
            var options = new ShareClientOptions();
            options.Retry.MaxRetries = 0;                  // a heartbeat reports; the next one tries again
            options.Retry.NetworkTimeout = timeout;
            options.Diagnostics.IsLoggingEnabled = false;
            ShareClient share = connection.CreateShareClient(target.ShareName, options);
            using (var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                bound.CancelAfter(timeout);
                try
                {
                    await share.GetRootDirectoryClient().GetPropertiesAsync(bound.Token).ConfigureAwait(false);
                    return null;
                }
                catch (Exception ex) when (!(ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
                {
                    return ShareFailure.Classify(target.ToString(), ShareErrors.Map(ex, connection, "checking the share", null, target.ShareName));
                }
            }
        }
    }
}
