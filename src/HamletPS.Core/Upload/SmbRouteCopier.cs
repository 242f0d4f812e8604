using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using HamletPS.Dicom.IO;

namespace HamletPS.Core.Upload
{
    /// <summary>
    /// The -Destination route: copies a file to a mounted share (drive letter, UNC path or local folder) as
    /// <c>&lt;name&gt;.partial</c>, flushes it to the server, re-reads it to verify SHA-256, and only then renames it to its
    /// real name, so the central team never picks up a half-copied archive. An identical file already there is skipped.
    /// </summary>
    public sealed class SmbRouteCopier
    {
        public const string PartialSuffix = TemporaryFileName.Suffix;
        private readonly SmbCopyOptions _options;

        public SmbRouteCopier(SmbCopyOptions options = null)
        {
            _options = options ?? new SmbCopyOptions();
        }

        public async Task<SmbCopyResult> CopyAsync(string localPath, string destinationFolder, string destinationName = null,
            IProgress<UploadProgress> progress = null, CancellationToken cancellationToken = default)
        {
            var source = new FileInfo(Path.GetFullPath(localPath));
            if (!source.Exists) throw new FileNotFoundException("The file to copy does not exist.", source.FullName);
            if (!Directory.Exists(destinationFolder))
                throw new DirectoryNotFoundException("The destination folder '" + destinationFolder + "' does not exist or the share is not mounted.");
            string name = destinationName ?? source.Name;
            string destination = Path.Combine(destinationFolder, name);
            string partial = TemporaryFileName.Fixed(destination);
            var clock = Stopwatch.StartNew();
            long size = source.Length;
            long lastWrite = source.LastWriteTimeUtc.Ticks;

            bool replace = false;
            if (File.Exists(destination))
            {
                if (new FileInfo(destination).Length == size)
                {
                    var local = await HashAsync(source.FullName, null, cancellationToken).ConfigureAwait(false);
                    var there = await HashAsync(destination, null, cancellationToken).ConfigureAwait(false);
                    if (local.Sha256.SequenceEqual(there.Sha256)) return Result(source, destination, local, clock.Elapsed, SmbCopyStatus.Skipped);
                }
                replace = _options.Force || (_options.ConfirmOverwrite != null && _options.ConfirmOverwrite(destination));
                if (!replace) return Result(source, destination, null, clock.Elapsed, SmbCopyStatus.NotOverwritten);
            }

            Hashes sent;
            try
            {
                var throttle = new UploadProgressMeter(progress, name, size, 0, _options.ProgressInterval);
                using (var sha = SHA256.Create())
                #pragma warning disable CA5351 // Azure Files Content-MD5 is the protocol's integrity check, not a security control
                using (var md5 = MD5.Create())
                #pragma warning restore CA5351
                {
                    using (var input = new FileStream(source.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan))
                    using (var output = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.None))
                    {
                        byte[] buffer = new byte[_options.BufferSize];
                        int n;
                        while ((n = await input.ReadAsync(buffer, 0, buffer.Length, cancellationToken).ConfigureAwait(false)) > 0)
                        {
                            sha.TransformBlock(buffer, 0, n, null, 0);
                            md5.TransformBlock(buffer, 0, n, null, 0);
                            await output.WriteAsync(buffer, 0, n, cancellationToken).ConfigureAwait(false);
                            throttle.Add(n);
                        }
                        output.Flush(flushToDisk: true);
                    }
                    sha.TransformFinalBlock(Array.Empty<byte>(), 0, 0);
                    md5.TransformFinalBlock(Array.Empty<byte>(), 0, 0);
                    sent = new Hashes(sha.Hash, md5.Hash);
                }
                var now = new FileInfo(source.FullName);
                if (now.Length != size || now.LastWriteTimeUtc.Ticks != lastWrite)
                    throw new IOException("'" + source.FullName + "' changed while it was being copied; the copy was discarded.");
                Hashes written = await HashAsync(partial, null, cancellationToken).ConfigureAwait(false);
                if (!written.Sha256.SequenceEqual(sent.Sha256) || new FileInfo(partial).Length != size)
                    throw new IOException("The copy of '" + source.FullName + "' at '" + partial + "' does not read back with the same SHA-256; it was discarded.");
                if (replace && File.Exists(destination)) File.Replace(partial, destination, null);
                else File.Move(partial, destination);
                throttle.Complete();
            }
            catch (Exception)
            {
                TryDelete(partial);
                throw;
            }
            return Result(source, destination, sent, clock.Elapsed, SmbCopyStatus.Copied);
        }

        private sealed class Hashes
        {
            public Hashes(byte[] sha256, byte[] md5) { Sha256 = sha256; Md5 = md5; }
            public byte[] Sha256 { get; }
            public byte[] Md5 { get; }
        }

        private static async Task<Hashes> HashAsync(string path, IProgress<long> progress, CancellationToken ct)
        {
            using (var sha = SHA256.Create())
            #pragma warning disable CA5351 // Azure Files Content-MD5 is the protocol's integrity check, not a security control
            using (var md5 = MD5.Create())
            #pragma warning restore CA5351
            using (var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan))
            {
                byte[] buffer = new byte[1 << 20];
                int n;
                while ((n = await fs.ReadAsync(buffer, 0, buffer.Length, ct).ConfigureAwait(false)) > 0)
                {
                    sha.TransformBlock(buffer, 0, n, null, 0);
                    md5.TransformBlock(buffer, 0, n, null, 0);
                    progress?.Report(n);
                }
                sha.TransformFinalBlock(Array.Empty<byte>(), 0, 0);
                md5.TransformFinalBlock(Array.Empty<byte>(), 0, 0);
                return new Hashes(sha.Hash, md5.Hash);
            }
        }

        private static SmbCopyResult Result(FileInfo source, string destination, Hashes hashes, TimeSpan elapsed, SmbCopyStatus status) => new SmbCopyResult
        {
            Name = Path.GetFileName(destination),
            LocalPath = source.FullName,
            DestinationPath = destination,
            Bytes = source.Length,
            Sha256Hex = hashes == null ? null : ShareUploader.Hex(hashes.Sha256),
            Md5Base64 = hashes == null ? null : Convert.ToBase64String(hashes.Md5),
            Md5Hex = hashes == null ? null : ShareUploader.Hex(hashes.Md5),
            Duration = elapsed,
            MegabytesPerSecond = elapsed.TotalSeconds > 0 ? source.Length / elapsed.TotalSeconds / 1e6 : 0,
            Status = status,
        };

        private static void TryDelete(string path)
        {
            try { File.Delete(path); }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
    }
}
