using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using Azure;
using Azure.Storage;
using Azure.Storage.Files.Shares;
using Azure.Storage.Files.Shares.Models;

namespace HamletPS.Core.Upload
{
    /// <summary>
    /// Sends the ranges of one file: a single sequential reader (which also feeds the whole-file MD5 and checks that the
    /// file is unchanged) hands pooled buffers to at most MaxParallelRanges concurrent range writes, each carrying its
    /// own Content-MD5. Acknowledged ranges go into the ledger; ranges the ledger already holds are re-read and compared
    /// but not re-sent.
    /// </summary>
    internal sealed class RangeSender
    {
        internal sealed class Outcome
        {
            public byte[] Md5;
            public long BytesSent;
            public int RangesSent;
            public int RangesResumed;
        }

        private readonly ShareUploader _owner;
        private readonly ShareFileClient _file;
        private readonly FileInfo _info;
        private readonly UploadLedger _ledger;
        private readonly string _shown;
        private readonly IProgress<UploadProgress> _progress;
        private readonly long _size;
        private readonly long _lastWrite;
        private readonly Stopwatch _sinceSave = Stopwatch.StartNew();
        private long _bytesSent;
        private int _rangesSent;
        private Exception _failure;

        public RangeSender(ShareUploader owner, ShareFileClient file, FileInfo info, UploadLedger ledger, string shown, IProgress<UploadProgress> progress)
        {
            _owner = owner;
            _file = file;
            _info = info;
            _ledger = ledger;
            _shown = shown;
            _progress = progress;
            _size = info.Length;
            _lastWrite = info.LastWriteTimeUtc.Ticks;
        }

        [SuppressMessage("Reliability", "CA2025", Justification = "Every range task is awaited (WhenAllQuietly) on both paths before the linked token source is disposed.")]
        public async Task<Outcome> RunAsync(CancellationToken ct)
        {
            var options = _owner.Options;
            int rangeSize = _ledger.RangeSize;
            int count = (int)((_size + rangeSize - 1) / rangeSize);
            var acknowledged = _ledger.Ranges.ToDictionary(r => r.Index, r => r.Md5);
            var pool = new RangeBufferPool(rangeSize);
            var gate = new SemaphoreSlim(options.MaxParallelRanges, options.MaxParallelRanges);
            var throttle = new UploadProgressMeter(_progress, _info.Name, _size, 0, options.ProgressInterval);
            var inFlight = new List<Task>();
            int resumed = 0;
            byte[] wholeMd5;

            using (var linked = CancellationTokenSource.CreateLinkedTokenSource(ct))
            using (var whole = IncrementalHash.CreateHash(HashAlgorithmName.MD5))
            using (var stream = new FileStream(_info.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan))
            {
                // The whole-file MD5 runs as an ordered chain beside the sends, so neither hash holds up the reader.
                Task wholeChain = Task.CompletedTask;
                try
                {
                    for (int i = 0; i < count; i++)
                    {
                        try { await gate.WaitAsync(linked.Token).ConfigureAwait(false); }
                        catch (OperationCanceledException) when (!ct.IsCancellationRequested) { break; }
                        if (Volatile.Read(ref _failure) != null) { gate.Release(); break; }
                        EnsureUnchanged();
                        long offset = (long)i * rangeSize;
                        int length = (int)Math.Min(rangeSize, _size - offset);
                        byte[] buffer = pool.Rent();
                        if (await ReadFullyAsync(stream, buffer, length, linked.Token).ConfigureAwait(false) != length)
                        {
                            pool.Return(buffer);
                            gate.Release();
                            throw _owner.Changed(_info.FullName, "it became shorter");
                        }
                        var work = new RangeWork(buffer, length, pool, gate);
                        wholeChain = wholeChain.ContinueWith(_ => { whole.AppendData(work.Buffer, 0, work.Length); work.Release(); },
                            CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
                        if (acknowledged.TryGetValue(i, out string sentMd5))
                        {
                            byte[] md5;
                            #pragma warning disable CA5351 // Azure Files Content-MD5 is the protocol's integrity check, not a security control
                            using (var rangeHash = MD5.Create()) md5 = rangeHash.ComputeHash(buffer, 0, length);
                            #pragma warning restore CA5351
                            work.Release();
                            if (sentMd5 != Convert.ToBase64String(md5))
                                throw _owner.Changed(_info.FullName, "a range sent by an earlier attempt no longer matches the local bytes");
                            resumed++;
                            throttle.Add(length);
                            continue;
                        }
                        inFlight.Add(SendAsync(i, offset, work, throttle, linked, ct));
                        if (inFlight.Count > 4 * options.MaxParallelRanges) inFlight.RemoveAll(t => t.IsCompleted);
                    }
                }
                catch (Exception)
                {
                    linked.Cancel();
                    await WhenAllQuietly(inFlight).ConfigureAwait(false);
                    await WhenAllQuietly(new List<Task> { wholeChain }).ConfigureAwait(false);
                    SaveLedger(force: true);
                    throw;
                }
                await WhenAllQuietly(inFlight).ConfigureAwait(false);
                await wholeChain.ConfigureAwait(false);
                SaveLedger(force: true);
                ct.ThrowIfCancellationRequested();
                if (_failure != null)
                {
                    if (_failure is ShareOperationException soe) throw soe;
                    throw ShareErrors.Map(_failure, _owner.Connection, "writing ranges of", _info.FullName, _shown);
                }
                EnsureUnchanged();
                wholeMd5 = whole.GetHashAndReset();
            }
            throttle.Complete();
            return new Outcome { Md5 = wholeMd5, BytesSent = _bytesSent, RangesSent = _rangesSent, RangesResumed = resumed };
        }

        /// <summary>A buffer shared by the whole-file hash chain and one send; back to the pool (and a slot freed) when both are done.</summary>
        private sealed class RangeWork
        {
            private readonly RangeBufferPool _pool;
            private readonly SemaphoreSlim _gate;
            private int _references = 2;

            public RangeWork(byte[] buffer, int length, RangeBufferPool pool, SemaphoreSlim gate)
            {
                Buffer = buffer;
                Length = length;
                _pool = pool;
                _gate = gate;
            }

            public byte[] Buffer { get; }
            public int Length { get; }

            public void Release()
            {
                if (Interlocked.Decrement(ref _references) != 0) return;
                _pool.Return(Buffer);
                _gate.Release();
            }
        }

        private async Task SendAsync(int index, long offset, RangeWork work, UploadProgressMeter throttle, CancellationTokenSource linked, CancellationToken callerToken)
        {
            try
            {
                await Task.Yield();
                byte[] md5;
                #pragma warning disable CA5351 // Azure Files Content-MD5 is the protocol's integrity check, not a security control
                using (var rangeHash = MD5.Create()) md5 = rangeHash.ComputeHash(work.Buffer, 0, work.Length);
                #pragma warning restore CA5351
                var options = new ShareFileUploadRangeOptions
                {
                    TransferValidation = new UploadTransferValidationOptions { ChecksumAlgorithm = StorageChecksumAlgorithm.MD5, PrecalculatedChecksum = md5 },
                };
                await _owner.RetryAsync(() =>
                {
                    var content = new MemoryStream(work.Buffer, 0, work.Length, writable: false);
                    return _file.UploadRangeAsync(new HttpRange(offset, work.Length), content, options, linked.Token);
                }, linked.Token).ConfigureAwait(false);
                lock (_ledger)
                {
                    _ledger.Ranges.Add(new UploadLedgerRange { Index = index, Md5 = Convert.ToBase64String(md5) });
                    _rangesSent++;
                    _bytesSent += work.Length;
                }
                SaveLedger(force: false);
                throttle.Add(work.Length);
            }
            catch (Exception ex)
            {
                if (!callerToken.IsCancellationRequested && !(ex is OperationCanceledException && linked.IsCancellationRequested))
                {
                    Interlocked.CompareExchange(ref _failure, ex, null);
                    try { linked.Cancel(); } catch (ObjectDisposedException) { }
                }
            }
            finally
            {
                work.Release();
            }
        }

        private void SaveLedger(bool force)
        {
            var store = _owner.Ledgers;
            if (store == null) return;
            lock (_ledger)
            {
                if (!force && _sinceSave.ElapsedMilliseconds < 500) return;
                store.Save(_ledger);
                _sinceSave.Restart();
            }
        }

        private void EnsureUnchanged()
        {
            var now = new FileInfo(_info.FullName);
            if (!now.Exists) throw _owner.Changed(_info.FullName, "it was deleted");
            if (now.Length != _size) throw _owner.Changed(_info.FullName, "its size changed");
            if (now.LastWriteTimeUtc.Ticks != _lastWrite) throw _owner.Changed(_info.FullName, "its last-write time changed");
        }

        private static async Task<int> ReadFullyAsync(Stream stream, byte[] buffer, int length, CancellationToken ct)
        {
            int read = 0;
            while (read < length)
            {
                int n = await stream.ReadAsync(buffer, read, length - read, ct).ConfigureAwait(false);
                if (n == 0) break;
                read += n;
            }
            return read;
        }

        private static async Task WhenAllQuietly(List<Task> tasks)
        {
            try { await Task.WhenAll(tasks).ConfigureAwait(false); }
            catch (Exception) { /* failures are recorded by each task */ }
        }
    }
}
