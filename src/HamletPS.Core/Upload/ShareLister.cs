using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Azure;
using Azure.Storage.Files.Shares;
using Azure.Storage.Files.Shares.Models;

namespace HamletPS.Core.Upload
{
    /// <summary>Lists a share or directory (optionally recursively) with size, last-modified time and Content-MD5.</summary>
    public sealed class ShareLister
    {
        private readonly ShareConnection _connection;
        private readonly ShareTarget _target;
        private readonly ShareListOptions _options;
        private readonly ShareClient _share;

        public ShareLister(ShareConnection connection, ShareTarget target, ShareListOptions options = null)
        {
            _connection = connection ?? throw new ArgumentNullException(nameof(connection));
            _target = target ?? connection.DefaultTarget ?? throw new ArgumentNullException(nameof(target), "A share target is required.");
            _options = options ?? new ShareListOptions();
            var clientOptions = new ShareClientOptions();
            clientOptions.Retry.MaxRetries = _options.SdkMaxRetries;
            clientOptions.Diagnostics.IsLoggingEnabled = false;
            _share = connection.CreateShareClient(_target.ShareName, clientOptions);
        }

        /// <summary>Directories first, then files, each level sorted by name; a recursive listing is depth-first.</summary>
        public async Task<IReadOnlyList<ShareItem>> ListAsync(CancellationToken cancellationToken = default)
        {
            var items = new List<ShareItem>();
            try
            {
                ShareDirectoryClient root = _target.DirectoryPath.Length == 0 ? _share.GetRootDirectoryClient() : _share.GetDirectoryClient(_target.DirectoryPath);
                await ListDirectoryAsync(root, _target.DirectoryPath, items, cancellationToken).ConfigureAwait(false);
                if (_options.IncludeMd5) await FillMd5Async(items, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (!(ex is OperationCanceledException && cancellationToken.IsCancellationRequested) && !(ex is ShareOperationException))
            {
                throw ShareErrors.Map(ex, _connection, "listing", null, _target.ToString());
            }
            return items;
        }

        private async Task ListDirectoryAsync(ShareDirectoryClient dir, string path, List<ShareItem> items, CancellationToken ct)
        {
            var options = new ShareDirectoryGetFilesAndDirectoriesOptions { Traits = ShareFileTraits.Timestamps, IncludeExtendedInfo = true };
            var entries = new List<ShareFileItem>();
            await foreach (Page<ShareFileItem> page in dir.GetFilesAndDirectoriesAsync(options, ct).AsPages(pageSizeHint: _options.PageSize).ConfigureAwait(false))
                entries.AddRange(page.Values);
            var ordered = entries.OrderBy(e => e.IsDirectory ? 0 : 1).ThenBy(e => e.Name, StringComparer.OrdinalIgnoreCase).ToList();
            foreach (ShareFileItem entry in ordered)
            {
                string itemPath = path.Length == 0 ? entry.Name : path + "/" + entry.Name;
                var item = new ShareItem
                {
                    Path = itemPath,
                    Name = entry.Name,
                    IsDirectory = entry.IsDirectory,
                    Size = entry.IsDirectory ? (long?)null : entry.FileSize,
                    LastModified = entry.Properties?.LastModified ?? entry.Properties?.LastWrittenOn,
                    Uri = SecretRedactor.StripSecrets(entry.IsDirectory ? dir.GetSubdirectoryClient(entry.Name).Uri : dir.GetFileClient(entry.Name).Uri),
                };
                items.Add(item);
                if (entry.IsDirectory && _options.Recursive)
                    await ListDirectoryAsync(dir.GetSubdirectoryClient(entry.Name), itemPath, items, ct).ConfigureAwait(false);
            }
        }

        private async Task FillMd5Async(List<ShareItem> items, CancellationToken ct)
        {
            var gate = new SemaphoreSlim(Math.Max(1, _options.MaxParallelRequests));
            var tasks = items.Where(i => !i.IsDirectory).Select(async item =>
            {
                await gate.WaitAsync(ct).ConfigureAwait(false);
                try
                {
                    int slash = item.Path.LastIndexOf('/');
                    ShareDirectoryClient parent = slash < 0 ? _share.GetRootDirectoryClient() : _share.GetDirectoryClient(item.Path.Substring(0, slash));
                    ShareFileProperties props = (await parent.GetFileClient(item.Name).GetPropertiesAsync(cancellationToken: ct).ConfigureAwait(false)).Value;
                    if (props.ContentHash != null && props.ContentHash.Length > 0)
                    {
                        item.Md5Base64 = Convert.ToBase64String(props.ContentHash);
                        item.Md5Hex = ShareUploader.Hex(props.ContentHash);
                    }
                    item.LastModified = props.LastModified;
                    item.Size = props.ContentLength;
                }
                catch (RequestFailedException ex) when (ex.Status == 404)
                {
                    // Deleted between listing and HEAD: keep what the listing said.
                }
                finally { gate.Release(); }
            }).ToList();
            await Task.WhenAll(tasks).ConfigureAwait(false);
        }
    }
}
