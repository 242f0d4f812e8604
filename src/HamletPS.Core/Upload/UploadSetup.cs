using System;
using System.IO;

namespace HamletPS.Core.Upload
{
    /// <summary>
    /// Turns an <see cref="UploadRequest"/> and the resolved share (its connection, target and configuration) into
    /// <see cref="ShareUploadOptions"/>: the one place where a parameter beats the configuration's UPLOAD section and that beats
    /// the default. Send-AzureShare and `hamlet send-azure` both call it.
    /// </summary>
    public static class UploadSetup
    {
        /// <summary>
        /// Ranges in flight: the request, else UPLOAD PARALLELISM, else 8; range size and attempts per range: UPLOAD RANGESIZE and
        /// RETRIES (at least one attempt), else the defaults; ledger folder: the request, else state/upload-ledgers beside the
        /// configuration file, else the user's state folder (<see cref="ShareConnectionResolver.DefaultLedgerFolder"/>).
        /// </summary>
        public static ShareUploadOptions CreateOptions(UploadRequest request, ResolvedShare share, Func<string, string> environment = null)
        {
            if (request == null) throw new ArgumentNullException(nameof(request));
            if (share == null) throw new ArgumentNullException(nameof(share));
            var options = new ShareUploadOptions
            {
                Force = request.Force,
                ConfirmOverwrite = request.ConfirmOverwrite,
                LedgerFolder = request.LedgerPath ?? ShareConnectionResolver.DefaultLedgerFolder(share.ConfigPath, environment),
            };
            if (share.Config != null)
            {
                options.MaxParallelRanges = share.Config.Upload.Parallelism;
                options.RangeSize = share.Config.Upload.RangeSize;
                options.MaxAttemptsPerRange = Math.Max(1, share.Config.Upload.Retries);
            }
            if (request.MaxParallelRanges.HasValue) options.MaxParallelRanges = request.MaxParallelRanges.Value;
            return options;
        }

        /// <summary>The HTTPS route: the uploader to the share with these options.</summary>
        public static ShareFileSender CreateSender(UploadRequest request, ResolvedShare share, Func<string, string> environment = null) =>
            new ShareFileSender(new ShareUploader(share.Connection, share.Target, CreateOptions(request, share, environment)), share.Target);

        /// <summary>
        /// The SMB route: a copier into <paramref name="destination"/> (a folder of the mounted share), which must exist: else
        /// a <see cref="HamletException"/> (DestinationNotFound).
        /// </summary>
        public static ShareFileSender CreateSmbSender(UploadRequest request, string destination)
        {
            if (request == null) throw new ArgumentNullException(nameof(request));
            if (!Directory.Exists(destination))
                throw new HamletException(ErrorIds.DestinationNotFound, "The destination folder '" + destination + "' does not exist or the share is not mounted.", null, "Mount the share first (Mount-HamletShare, or hamlet mount).");
            return new ShareFileSender(new SmbRouteCopier(new SmbCopyOptions { Force = request.Force, ConfirmOverwrite = request.ConfirmOverwrite }), destination);
        }
    }
}
