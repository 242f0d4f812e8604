using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using Azure;
using Azure.Core;
using Azure.Storage;
using Azure.Storage.Files.Shares;
using Azure.Storage.Files.Shares.Models;

namespace HamletPS.Core.Upload
{
    /// <summary>
    /// Sends local files into a share/directory: missing directories are created; the file goes to a temporary remote
    /// name (<c>name.partial-&lt;id&gt;</c>) in ranges of up to 4 MiB sent in parallel, each with a transactional MD5;
    /// the whole-file MD5 is set as Content-MD5, checked with a HEAD, and only then is the file renamed to its real name.
    /// Acknowledged ranges are recorded in a local ledger so a re-run after a failure sends only what is missing.
    /// A file already present with the same MD5 is skipped; different content needs Force or the overwrite confirmation.
    /// </summary>
    [SuppressMessage("Design", "CA1001", Justification = "The SemaphoreSlim holds no wait handle (AvailableWaitHandle is never read): nothing to release.")]
    public sealed class ShareUploader
    {
        private readonly ShareConnection _connection;
        private readonly ShareTarget _target;
        private readonly ShareUploadOptions _options;
        private readonly ShareClient _share;
        private readonly UploadLedgerStore _ledgers;
        private readonly HashSet<string> _knownDirectories = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        private readonly SemaphoreSlim _directoryGate = new SemaphoreSlim(1, 1);

        public ShareUploader(ShareConnection connection, ShareTarget target, ShareUploadOptions options = null)
        {
            _connection = connection ?? throw new ArgumentNullException(nameof(connection));
            _target = target ?? connection.DefaultTarget ?? throw new ArgumentNullException(nameof(target), "A share target is required.");
            _options = options ?? new ShareUploadOptions();
            _options.Validate();
            _share = connection.CreateShareClient(_target.ShareName, CreateClientOptions(_options));
            _ledgers = _options.LedgerFolder == null ? null : new UploadLedgerStore(_options.LedgerFolder);
        }

        public ShareTarget Target => _target;

        internal static ShareClientOptions CreateClientOptions(ShareUploadOptions o)
        {
            var options = new ShareClientOptions();
            options.Retry.MaxRetries = o.SdkMaxRetries;
            options.Retry.Delay = o.SdkRetryDelay;
            options.Retry.MaxDelay = o.MaxRetryDelay;
            options.Retry.Mode = RetryMode.Exponential;
            options.Retry.NetworkTimeout = o.NetworkTimeout;
            options.Diagnostics.IsLoggingEnabled = false;
            options.Diagnostics.IsDistributedTracingEnabled = false;
            return options;
        }

        /// <summary>Uploads one file as <paramref name="remoteName"/> (default: its own name) into the target directory.</summary>
        public async Task<ShareUploadResult> UploadFileAsync(string localPath, string remoteName = null, IProgress<UploadProgress> progress = null, CancellationToken cancellationToken = default)
        {
            if (string.IsNullOrEmpty(localPath)) throw new ArgumentException("A local path is required.", nameof(localPath));
            var info = new FileInfo(Path.GetFullPath(localPath));
            if (!info.Exists) throw new FileNotFoundException("The file to upload does not exist.", info.FullName);
            string name = remoteName ?? info.Name;
            if (name.IndexOfAny(new[] { '/', '\\' }) >= 0) throw new ArgumentException("The remote name cannot contain a path separator.", nameof(remoteName));
            string remotePath = _target.PathOf(name);
            string displayPath = _target.ShareName + "/" + remotePath;
            var clock = Stopwatch.StartNew();
            long size = info.Length;
            long lastWrite = info.LastWriteTimeUtc.Ticks;

            ShareDirectoryClient directory = await EnsureDirectoryAsync(info.FullName, cancellationToken).ConfigureAwait(false);
            ShareFileClient finalFile = directory.GetFileClient(name);
            Uri publicUri = SecretRedactor.StripSecrets(finalFile.Uri);

            // Idempotency: the same content already there is skipped; different content needs Force or confirmation.
            ShareFileProperties existing = await TryGetPropertiesAsync(finalFile, info.FullName, displayPath, cancellationToken).ConfigureAwait(false);
            bool replace = false;
            byte[] localMd5 = null;
            if (existing != null)
            {
                if (existing.ContentLength == size && existing.ContentHash != null && existing.ContentHash.Length == 16)
                {
                    localMd5 = await ComputeMd5Async(info.FullName, cancellationToken).ConfigureAwait(false);
                    if (localMd5.SequenceEqual(existing.ContentHash))
                        return Result(info, name, remotePath, publicUri, localMd5, 0, clock.Elapsed, ShareUploadStatus.Skipped, 0, 0);
                }
                replace = _options.Force || (_options.ConfirmOverwrite != null && _options.ConfirmOverwrite(displayPath));
                if (!replace)
                    return Result(info, name, remotePath, publicUri, localMd5, 0, clock.Elapsed, ShareUploadStatus.NotOverwritten, 0, 0);
            }

            string key = UploadLedgerStore.KeyFor(info.FullName, size, lastWrite, publicUri.ToString());
            string tempName = name + ".partial-" + key.Substring(0, 12);
            ShareFileClient tempFile = directory.GetFileClient(tempName);
            UploadLedger ledger = await LoadUsableLedgerAsync(key, tempFile, size, info.FullName, displayPath, cancellationToken).ConfigureAwait(false);
            if (ledger == null)
            {
                ledger = new UploadLedger
                {
                    Key = key, LocalPath = info.FullName, Size = size, LastWriteTicksUtc = lastWrite,
                    RemoteUri = publicUri.ToString(), TemporaryName = tempName, RangeSize = _options.RangeSize,
                };
                await Call(() => tempFile.CreateAsync(size, cancellationToken: cancellationToken), "creating", info.FullName, displayPath, cancellationToken).ConfigureAwait(false);
                _ledgers?.Save(ledger);
            }

            var sender = new RangeSender(this, tempFile, info, ledger, displayPath, progress);
            RangeSender.Outcome outcome;
            try
            {
                outcome = await sender.RunAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (ShareOperationException ex) when (ex.Kind == ShareFailureKind.LocalFileChanged)
            {
                _ledgers?.Delete(key);
                await DeleteQuietlyAsync(tempFile).ConfigureAwait(false);
                throw;
            }
            if (localMd5 != null && !localMd5.SequenceEqual(outcome.Md5))
                throw Changed(info.FullName, "its MD5 differs from the one computed before the upload");
            if (_options.RehashAfterUpload && !(await ComputeMd5Async(info.FullName, cancellationToken).ConfigureAwait(false)).SequenceEqual(outcome.Md5))
                throw Changed(info.FullName, "its MD5 after the upload differs from the bytes sent");

            // Whole-file MD5 on the temporary file, verified by HEAD, then the rename that makes it look complete.
            await Call(() => tempFile.SetHttpHeadersAsync(new ShareFileSetHttpHeadersOptions { HttpHeaders = new ShareFileHttpHeaders { ContentHash = outcome.Md5 } }, cancellationToken: cancellationToken),
                "setting Content-MD5 on", info.FullName, displayPath, cancellationToken).ConfigureAwait(false);
            await VerifyAsync(tempFile, size, outcome.Md5, info.FullName, displayPath, cancellationToken).ConfigureAwait(false);
            ShareFileClient renamed = (await Call(() => tempFile.RenameAsync(remotePath, new ShareFileRenameOptions { ReplaceIfExists = replace }, cancellationToken),
                "renaming the completed upload to", info.FullName, displayPath, cancellationToken).ConfigureAwait(false)).Value;
            await VerifyAsync(renamed, size, outcome.Md5, info.FullName, displayPath, cancellationToken).ConfigureAwait(false);
            _ledgers?.Delete(key);

            var status = outcome.RangesResumed > 0 ? ShareUploadStatus.Resumed : ShareUploadStatus.Uploaded;
            return Result(info, name, remotePath, publicUri, outcome.Md5, outcome.BytesSent, clock.Elapsed, status, outcome.RangesSent, outcome.RangesResumed);
        }

        // ---------------------------------------------------------------- helpers

        private async Task<ShareDirectoryClient> EnsureDirectoryAsync(string localFile, CancellationToken ct)
        {
            ShareDirectoryClient dir = _share.GetRootDirectoryClient();
            if (_target.DirectoryPath.Length == 0)
            {
                await EnsureShareExistsAsync(localFile, ct).ConfigureAwait(false);
                return dir;
            }
            await _directoryGate.WaitAsync(ct).ConfigureAwait(false);
            try
            {
                string path = string.Empty;
                foreach (string part in _target.DirectoryPath.Split('/'))
                {
                    path = path.Length == 0 ? part : path + "/" + part;
                    dir = dir.GetSubdirectoryClient(part);
                    if (_knownDirectories.Contains(path)) continue;
                    string shown = _target.ShareName + "/" + path;
                    await Call(() => dir.CreateIfNotExistsAsync(cancellationToken: ct), "creating directory", localFile, shown, ct).ConfigureAwait(false);
                    _knownDirectories.Add(path);
                }
                return dir;
            }
            finally { _directoryGate.Release(); }
        }

        private async Task EnsureShareExistsAsync(string localFile, CancellationToken ct)
        {
            if (_knownDirectories.Contains(string.Empty)) return;
            var exists = await Call(() => _share.GetRootDirectoryClient().ExistsAsync(ct), "checking share", localFile, _target.ShareName, ct).ConfigureAwait(false);
            if (!exists.Value)
                throw new ShareOperationException(ShareFailureKind.ShareNotFound, _connection.Redact("'" + localFile + "': the share '" + _target.ShareName +
                    "' does not exist on storage account '" + _connection.AccountName + "'. Check the share name in the site configuration."), localFile, 404, "ShareNotFound");
            _knownDirectories.Add(string.Empty);
        }

        private async Task<ShareFileProperties> TryGetPropertiesAsync(ShareFileClient file, string localFile, string shown, CancellationToken ct)
        {
            try
            {
                return (await RetryAsync(() => file.GetPropertiesAsync(cancellationToken: ct), ct).ConfigureAwait(false)).Value;
            }
            catch (RequestFailedException ex) when (ex.Status == 404 && ex.ErrorCode != "ShareNotFound")
            {
                return null;
            }
            catch (Exception ex) when (!(ex is OperationCanceledException && ct.IsCancellationRequested))
            {
                throw ShareErrors.Map(ex, _connection, "reading properties of", localFile, shown);
            }
        }

        private async Task<UploadLedger> LoadUsableLedgerAsync(string key, ShareFileClient tempFile, long size, string localFile, string shown, CancellationToken ct)
        {
            UploadLedger ledger = _ledgers?.Load(key);
            if (ledger == null || ledger.RangeSize != _options.RangeSize || ledger.Size != size || ledger.Ranges.Count == 0) return null;
            ShareFileProperties props = await TryGetPropertiesAsync(tempFile, localFile, shown, ct).ConfigureAwait(false);
            if (props == null || props.ContentLength != size) return null;
            // Every acknowledged range must still be present on the temporary remote file.
            ShareFileRangeInfo ranges = (await Call(() => tempFile.GetRangeListAsync(new ShareFileGetRangeListOptions(), cancellationToken: ct), "listing ranges of", localFile, shown, ct).ConfigureAwait(false)).Value;
            var present = ranges.Ranges.Select(r => (Start: r.Offset, End: r.Offset + (r.Length ?? 0))).ToList();
            ledger.Ranges = ledger.Ranges.Where(r =>
            {
                long start = (long)r.Index * ledger.RangeSize;
                long end = Math.Min(size, start + ledger.RangeSize);
                return present.Any(p => p.Start <= start && p.End >= end);
            }).ToList();
            return ledger.Ranges.Count == 0 ? null : ledger;
        }

        private async Task VerifyAsync(ShareFileClient file, long size, byte[] md5, string localFile, string shown, CancellationToken ct)
        {
            ShareFileProperties props = (await Call(() => file.GetPropertiesAsync(cancellationToken: ct), "verifying", localFile, shown, ct).ConfigureAwait(false)).Value;
            if (props.ContentLength != size || props.ContentHash == null || !props.ContentHash.SequenceEqual(md5))
                throw new ShareOperationException(ShareFailureKind.VerificationFailed, _connection.Redact("'" + localFile + "': after the upload the remote file '" + shown +
                    "' has size " + props.ContentLength + " and an MD5 that " + (props.ContentHash == null ? "is missing" : "differs") + "; expected size " + size + " and the local MD5."), localFile);
        }

        private static async Task DeleteQuietlyAsync(ShareFileClient file)
        {
            try { await file.DeleteIfExistsAsync().ConfigureAwait(false); }
            catch (Exception) { /* best effort: a stale .partial-* never looks complete */ }
        }

        internal ShareOperationException Changed(string localFile, string how) =>
            new ShareOperationException(ShareFailureKind.LocalFileChanged, _connection.Redact("'" + localFile + "' changed while it was being uploaded (" + how +
                "); the upload of this file was aborted and nothing was left under its name. Upload it again once it is complete."), localFile);

        internal static async Task<byte[]> ComputeMd5Async(string path, CancellationToken ct)
        {
            #pragma warning disable CA5351 // Azure Files Content-MD5 is the protocol's integrity check, not a security control
            using (var md5 = MD5.Create())
            #pragma warning restore CA5351
            using (var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan))
            {
                byte[] buffer = new byte[1 << 20];
                int n;
                while ((n = await fs.ReadAsync(buffer, 0, buffer.Length, ct).ConfigureAwait(false)) > 0) md5.TransformBlock(buffer, 0, n, null, 0);
                md5.TransformFinalBlock(buffer, 0, 0);
                return md5.Hash;
            }
        }

        /// <summary>One SDK call with our retry loop on top of the SDK's; failures mapped to <see cref="ShareOperationException"/>.</summary>
        internal async Task<T> Call<T>(Func<Task<T>> action, string operation, string localFile, string shown, CancellationToken ct)
        {
            try { return await RetryAsync(action, ct).ConfigureAwait(false); }
            catch (Exception ex) when (!(ex is OperationCanceledException && ct.IsCancellationRequested))
            {
                throw ShareErrors.Map(ex, _connection, operation, localFile, shown);
            }
        }

        internal async Task<T> RetryAsync<T>(Func<Task<T>> action, CancellationToken ct)
        {
            var random = new Random();
            for (int attempt = 1; ; attempt++)
            {
                try { return await action().ConfigureAwait(false); }
                catch (Exception ex) when (attempt < _options.MaxAttemptsPerRange && !ct.IsCancellationRequested && ShareErrors.IsTransient(ex))
                {
                    double ms = Math.Min(_options.MaxRetryDelay.TotalMilliseconds, _options.RetryDelay.TotalMilliseconds * Math.Pow(2, attempt - 1));
                    #pragma warning disable CA5394 // retry jitter, not a secret
                    ms *= 0.75 + 0.5 * random.NextDouble();
                    #pragma warning restore CA5394
                    await Task.Delay(TimeSpan.FromMilliseconds(ms), ct).ConfigureAwait(false);
                }
            }
        }

        private static ShareUploadResult Result(FileInfo info, string name, string remotePath, Uri uri, byte[] md5, long sent, TimeSpan elapsed,
            ShareUploadStatus status, int rangesSent, int rangesResumed)
        {
            return new ShareUploadResult
            {
                Name = name,
                LocalPath = info.FullName,
                Uri = uri,
                RemotePath = remotePath,
                Bytes = info.Length,
                BytesSent = sent,
                Md5Base64 = md5 == null ? null : Convert.ToBase64String(md5),
                Md5Hex = md5 == null ? null : Hex(md5),
                Duration = elapsed,
                MegabytesPerSecond = elapsed.TotalSeconds > 0 ? info.Length / elapsed.TotalSeconds / 1e6 : 0,
                Status = status,
                RangesSent = rangesSent,
                RangesResumed = rangesResumed,
            };
        }

        internal static string Hex(byte[] bytes)
        {
            var sb = new System.Text.StringBuilder(bytes.Length * 2);
            foreach (byte b in bytes) sb.Append(b.ToString("x2", CultureInfo.InvariantCulture));
            return sb.ToString();
        }

        internal ShareUploadOptions Options => _options;
        internal UploadLedgerStore Ledgers => _ledgers;
        internal ShareConnection Connection => _connection;
    }
}
