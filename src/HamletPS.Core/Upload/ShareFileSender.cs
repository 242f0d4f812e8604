using System;
using System.Threading;
using System.Threading.Tasks;

namespace HamletPS.Core.Upload
{
    /// <summary>
    /// Sends one file at a time by the route <see cref="UploadSetup"/> chose: the HTTPS upload to the share, or the SMB route's
    /// copy into a folder of the mounted share. What Send-AzureShare and `hamlet send-azure` do per file.
    /// </summary>
    public sealed class ShareFileSender
    {
        private readonly ShareUploader _uploader;
        private readonly ShareTarget _target;
        private readonly SmbRouteCopier _copier;
        private readonly string _destination;

        internal ShareFileSender(ShareUploader uploader, ShareTarget target)
        {
            _uploader = uploader ?? throw new ArgumentNullException(nameof(uploader));
            _target = target ?? throw new ArgumentNullException(nameof(target));
        }

        internal ShareFileSender(SmbRouteCopier copier, string destination)
        {
            _copier = copier ?? throw new ArgumentNullException(nameof(copier));
            _destination = destination ?? throw new ArgumentNullException(nameof(destination));
        }

        /// <summary>True for the SMB route (a copy into a folder), false for the HTTPS upload.</summary>
        public bool IsSmbRoute => _copier != null;

        /// <summary>Where the files go: the folder of the SMB route, else share/directory.</summary>
        public string Where => IsSmbRoute ? _destination : _target.ToString();

        /// <summary>Sends <paramref name="file"/>; a remote file with different content is left in place unless the options say otherwise.</summary>
        public async Task<SentShareFile> SendAsync(string file, IProgress<UploadProgress> progress, CancellationToken cancellationToken)
        {
            if (IsSmbRoute)
            {
                SmbCopyResult copied = await _copier.CopyAsync(file, _destination, null, progress, cancellationToken).ConfigureAwait(false);
                return new SentShareFile(null, copied, copied.Status == SmbCopyStatus.NotOverwritten ? copied.DestinationPath : null);
            }
            ShareUploadResult uploaded = await _uploader.UploadFileAsync(file, null, progress, cancellationToken).ConfigureAwait(false);
            return new SentShareFile(uploaded, null, uploaded.Status == ShareUploadStatus.NotOverwritten ? _target.ShareName + "/" + uploaded.RemotePath : null);
        }
    }
}
