using System;
using System.Buffers;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.IO.Hashing;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using HamletPS.Dicom.IO;

namespace HamletPS.Core.Archive
{
    /// <summary>
    /// Writes a ZIP archive whose entries are compressed in parallel and written in the order they were added.
    /// The archive is written to "&lt;path&gt;.partial" and renamed to its final name by <see cref="Complete"/>; cancellation,
    /// an error or disposing before Complete deletes the partial file. Memory is bounded: at most
    /// <see cref="ParallelZipWriterOptions.MaxEntriesInFlight"/> entries are held, each in pooled chunks up to the spill threshold
    /// and in a temporary file beyond it. CRC-32 and SHA-256 are computed in the same pass as compression.
    /// Add* methods are meant for one producer thread; they block while the pipeline is full.
    /// </summary>
    public sealed class ParallelZipWriter : IDisposable
    {
        private const int ReadChunk = 256 * 1024;
        private const int StateOpen = 0, StateCompleting = 1, StateCompleted = 2, StateAborted = 3;

        private readonly ParallelZipWriterOptions _options;
        private readonly CancellationToken _cancellationToken;
        private readonly CancellationTokenRegistration _registration;
        private readonly CancellationTokenSource _abort = new CancellationTokenSource();
        private readonly SemaphoreSlim _slots;
        private readonly SemaphoreSlim _workers;
        private readonly BlockingCollection<EntryJob> _queue = new BlockingCollection<EntryJob>();
        private readonly HashSet<string> _names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        private readonly List<ZipEntryResult> _written = new List<ZipEntryResult>();
        private readonly object _gate = new object();
        private readonly object _writtenGate = new object();
        private readonly Task _writerTask;
        private FileStream _out;
        private readonly byte[] _copyBuffer = new byte[1 << 20];
        private long _bytesIn;
        private int _queued;
        private int _spilled;
        private int _state;
        private Exception _failure;
        private bool _filesRemoved;

        /// <summary>Starts a new archive at <paramref name="archivePath"/> (written as archivePath + ".partial" until complete).</summary>
        public ParallelZipWriter(string archivePath, ParallelZipWriterOptions options = null, CancellationToken cancellationToken = default)
        {
            if (string.IsNullOrEmpty(archivePath)) throw new ArgumentException("archive path is empty", nameof(archivePath));
            _options = options ?? new ParallelZipWriterOptions();
            ArchivePath = Path.GetFullPath(archivePath);
            PartialPath = TemporaryFileName.Fixed(ArchivePath);
            if (!_options.Overwrite && File.Exists(ArchivePath))
                throw new IOException($"Archive '{ArchivePath}' already exists (set Overwrite to replace it).");
            int parallel = Math.Max(1, _options.MaxDegreeOfParallelism);
            int inFlight = _options.MaxEntriesInFlight > 0 ? _options.MaxEntriesInFlight : 2 * parallel;
            _slots = new SemaphoreSlim(Math.Max(1, inFlight));
            _workers = new SemaphoreSlim(parallel);
            _cancellationToken = cancellationToken;
            cancellationToken.ThrowIfCancellationRequested();
            _out = new FileStream(PartialPath, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
            _registration = cancellationToken.Register(() => Abort(new OperationCanceledException(cancellationToken)));
            _writerTask = Task.Factory.StartNew(WriterLoop, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }

        /// <summary>The final archive path.</summary>
        public string ArchivePath { get; }

        /// <summary>The path written until the archive is complete.</summary>
        public string PartialPath { get; }

        /// <summary>Queues a file. Blocks while the pipeline is full. Level 0..9 (0 = store) applies to Deflate only.</summary>
        public void AddFile(string entryPath, string sourcePath, ZipCompressionMethod method = ZipCompressionMethod.Deflate, int level = 6,
            object tag = null)
        {
            if (string.IsNullOrEmpty(sourcePath)) throw new ArgumentException("source path is empty", nameof(sourcePath));
            Enqueue(new EntryJob(entryPath, sourcePath, null, method, level, File.GetLastWriteTime(sourcePath), tag));
        }

        /// <summary>Queues an entry whose content is in memory (small entries such as manifests).</summary>
        public void AddBytes(string entryPath, byte[] content, ZipCompressionMethod method = ZipCompressionMethod.Deflate, int level = 6,
            DateTime? modified = null, object tag = null)
        {
            if (content == null) throw new ArgumentNullException(nameof(content));
            Enqueue(new EntryJob(entryPath, null, content, method, level, modified ?? DateTime.Now, tag));
        }

        private void Enqueue(EntryJob job)
        {
            ZipEntryPath.Validate(job.EntryPath);
            DeflateLevels.Validate(job.Level);
            if (_state != StateOpen) FailAndThrow();
            lock (_names)
            {
                if (!_names.Add(job.EntryPath))
                    throw new ArgumentException("Duplicate archive entry path (entry paths are compared case-insensitively): " + job.EntryPath);
            }
            try
            {
                _slots.Wait(_abort.Token);
            }
            catch (OperationCanceledException)
            {
                FailAndThrow();
            }
            lock (_gate)
            {
                if (_state != StateOpen) _slots.Release();
                else
                {
                    CancellationToken token = _abort.Token;
                    job.Work = Task.Run(() => Compress(job, token));
                    _queue.Add(job);
                    _queued++;
                    return;
                }
            }
            FailAndThrow();
        }

        // Waits until the writer thread has stopped and the partial file is gone, then throws the reason.
        private void FailAndThrow()
        {
            try { _writerTask.Wait(); } catch (AggregateException) { }
            RemoveFiles();
            ThrowFailure();
        }


        /// <summary>
        /// Blocks until every entry queued so far has been written (e.g. before building a manifest from
        /// <see cref="ParallelZipWriterOptions.EntryWritten"/>). Throws if the archive failed or was cancelled.
        /// </summary>
        public void WaitUntilWritten()
        {
            lock (_writtenGate)
            {
                while (_state == StateOpen && _written.Count < _queued) Monitor.Wait(_writtenGate);
            }
            if (_state != StateOpen) FailAndThrow();
        }

        /// <summary>
        /// Waits for every queued entry, writes the central directory (and ZIP64 end records when needed), flushes,
        /// runs <see cref="ParallelZipWriterOptions.BeforeCommit"/> and renames the partial file to <see cref="ArchivePath"/>.
        /// </summary>
        public ZipWriteResult Complete()
        {
            bool open;
            lock (_gate)
            {
                open = _state == StateOpen;
                if (open)
                {
                    _state = StateCompleting;
                    _queue.CompleteAdding();
                }
            }
            if (!open) FailAndThrow();
            _writerTask.Wait();
            if (_failure != null || _cancellationToken.IsCancellationRequested)
            {
                RemoveFiles();
                ThrowFailure();
            }
            try
            {
                bool zip64 = WriteCentralDirectory();
                if (_options.FlushToDisk) _out.Flush(true);
                long length = _out.Length;
                _out.Dispose();
                _out = null;
                _cancellationToken.ThrowIfCancellationRequested();
                _options.BeforeCommit?.Invoke(PartialPath);
                _cancellationToken.ThrowIfCancellationRequested();
                if (File.Exists(ArchivePath))
                {
                    if (!_options.Overwrite) throw new IOException($"Archive '{ArchivePath}' appeared while it was being written.");
                    HamletPS.Dicom.IO.FileRetry.Run(() => File.Delete(ArchivePath));
                }
                // Retried while an antivirus scanner or backup agent still holds the just-closed file.
                HamletPS.Dicom.IO.FileRetry.Run(() => File.Move(PartialPath, ArchivePath));
                lock (_gate) _state = StateCompleted;
                _registration.Dispose();
                return new ZipWriteResult(ArchivePath, _written.AsReadOnly(), _bytesIn, length, zip64, _spilled);
            }
            catch (Exception ex)
            {
                Abort(ex);
                RemoveFiles();
                throw;
            }
        }

        /// <summary>Abandons an archive that was not completed: stops the workers and deletes the partial file.</summary>
        public void Dispose()
        {
            if (_state != StateCompleted)
            {
                Abort(new ObjectDisposedException(nameof(ParallelZipWriter), "The archive writer was disposed before Complete."));
                try { _writerTask.Wait(); } catch (AggregateException) { }
                RemoveFiles();
            }
            _registration.Dispose();
        }

        private void Abort(Exception reason)
        {
            lock (_gate)
            {
                if (_state == StateCompleted || _state == StateAborted) return;
                _state = StateAborted;
                if (_failure == null) _failure = reason;
                if (!_queue.IsAddingCompleted) _queue.CompleteAdding();
            }
            _abort.Cancel();
            lock (_writtenGate) Monitor.PulseAll(_writtenGate);
        }

        private void ThrowFailure()
        {
            Exception failure = _failure;
            if (failure is OperationCanceledException || _cancellationToken.IsCancellationRequested)
                throw new OperationCanceledException("Writing the archive was cancelled; the partial file was removed.", failure, _cancellationToken);
            if (failure is ObjectDisposedException) throw new ObjectDisposedException(nameof(ParallelZipWriter));
            if (failure != null) throw new IOException($"Writing archive '{ArchivePath}' failed: {failure.Message}", failure);
            throw new InvalidOperationException("The archive has already been completed.");
        }

        private void RemoveFiles()
        {
            lock (_gate)
            {
                if (_filesRemoved || _state == StateCompleted) return;
                _filesRemoved = true;
                try { _out?.Dispose(); } catch (IOException) { }
                _out = null;
                try { if (File.Exists(PartialPath)) File.Delete(PartialPath); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            }
        }

        // ---------------------------------------------------------------- compression (thread pool, in parallel)

        private void Compress(EntryJob job, CancellationToken token)
        {
            _workers.Wait(token);
            try
            {
                CompressCore(job, token);
            }
            finally
            {
                _workers.Release();
            }
        }

        private void CompressCore(EntryJob job, CancellationToken token)
        {
            var crc = new Crc32();
            using (var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
            using (Stream source = job.OpenSource())
            {
                byte[] buffer = ArrayPool<byte>.Shared.Rent(ReadChunk);
                try
                {
                    bool deflate = job.Method == ZipCompressionMethod.Deflate && job.Level > 0;
                    SpillBuffer payload = deflate ? new SpillBuffer(_options.SpillThreshold, _options.TempDirectory) : null;
                    try
                    {
                        Stream compressor = deflate ? DeflateLevels.CreateCompressor(payload, job.Level) : null;
                        long total = 0;
                        int n;
                        while ((n = source.Read(buffer, 0, ReadChunk)) > 0)
                        {
                            token.ThrowIfCancellationRequested();
                            crc.Append(new ReadOnlySpan<byte>(buffer, 0, n));
                            sha.AppendData(buffer, 0, n);
                            compressor?.Write(buffer, 0, n);
                            total += n;
                        }
                        compressor?.Dispose();
                        job.UncompressedSize = total;
                        job.Crc = crc.GetCurrentHashAsUInt32();
                        job.Sha256 = ToHex(sha.GetHashAndReset());
                        if (deflate && payload.Length < total)
                        {
                            job.Payload = payload;
                            job.CompressedSize = payload.Length;
                            job.Method = ZipCompressionMethod.Deflate;
                            payload = null;
                        }
                        else
                        {
                            job.CompressedSize = total;
                            job.Method = ZipCompressionMethod.Store;
                        }
                    }
                    finally
                    {
                        payload?.Dispose();
                    }
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                }
            }
        }

        private static string ToHex(byte[] bytes)
        {
            var chars = new char[bytes.Length * 2];
            for (int i = 0; i < bytes.Length; i++)
            {
                chars[2 * i] = "0123456789abcdef"[bytes[i] >> 4];
                chars[2 * i + 1] = "0123456789abcdef"[bytes[i] & 15];
            }
            return new string(chars);
        }

        // ---------------------------------------------------------------- writing (one thread, in order)

        private void WriterLoop()
        {
            try
            {
                foreach (EntryJob job in _queue.GetConsumingEnumerable())
                {
                    try
                    {
                        if (_abort.IsCancellationRequested) continue;
                        try
                        {
                            job.Work.GetAwaiter().GetResult();
                        }
                        catch (Exception ex) when (!(ex is OperationCanceledException))
                        {
                            throw new IOException($"Entry '{job.EntryPath}': {ex.Message}", ex);
                        }
                        ZipEntryResult result = WriteEntry(job);
                        _bytesIn += result.UncompressedSize;
                        _options.EntryWritten?.Invoke(result);
                        // Counted as written only after the caller's callback ran: WaitUntilWritten relies on it.
                        lock (_writtenGate)
                        {
                            _written.Add(result);
                            Monitor.PulseAll(_writtenGate);
                        }
                        _options.Progress?.Report(new ArchiveProgress(ArchivePath, result.EntryPath, _written.Count,
                            Math.Max(_options.ExpectedEntries, _queued), _bytesIn, _out.Position));
                    }
                    finally
                    {
                        try { job.Work.Wait(); } catch (AggregateException) { }
                        job.Payload?.Dispose();
                        job.Payload = null;
                        _slots.Release();
                    }
                }
            }
            catch (Exception ex)
            {
                Abort(ex);
                foreach (EntryJob job in _queue.GetConsumingEnumerable())
                {
                    try { job.Work.Wait(); } catch (AggregateException) { }
                    job.Payload?.Dispose();
                    _slots.Release();
                }
            }
            if (_state == StateAborted) RemoveFiles();
        }

        private ZipEntryResult WriteEntry(EntryJob job)
        {
            long offset = _out.Position;
            long limit = _options.Zip64SizeLimit;
            bool zip64Sizes = _options.ForceZip64 || job.UncompressedSize >= limit || job.CompressedSize >= limit;
            bool zip64Offset = _options.ForceZip64 || offset >= limit;
            byte[] name = ZipFormat.Utf8.GetBytes(job.EntryPath);
            ushort flags = ZipFormat.IsAscii(job.EntryPath) ? (ushort)0 : ZipFormat.FlagUtf8;
            ZipFormat.ToDosDateTime(job.Modified, out ushort dosTime, out ushort dosDate);
            ushort version = zip64Sizes || zip64Offset ? ZipFormat.VersionZip64 : ZipFormat.VersionDefault;

            int localExtra = zip64Sizes ? 20 : 0;
            var header = new byte[ZipFormat.LocalHeaderSize + name.Length + localExtra];
            ZipFormat.Put32(header, 0, ZipFormat.LocalHeaderSignature);
            ZipFormat.Put16(header, 4, version);
            ZipFormat.Put16(header, 6, flags);
            ZipFormat.Put16(header, 8, (int)job.Method);
            ZipFormat.Put16(header, 10, dosTime);
            ZipFormat.Put16(header, 12, dosDate);
            ZipFormat.Put32(header, 14, job.Crc);
            ZipFormat.Put32(header, 18, zip64Sizes ? 0xFFFFFFFFu : (uint)job.CompressedSize);
            ZipFormat.Put32(header, 22, zip64Sizes ? 0xFFFFFFFFu : (uint)job.UncompressedSize);
            ZipFormat.Put16(header, 26, name.Length);
            ZipFormat.Put16(header, 28, localExtra);
            Buffer.BlockCopy(name, 0, header, ZipFormat.LocalHeaderSize, name.Length);
            if (zip64Sizes)
            {
                int at = ZipFormat.LocalHeaderSize + name.Length;
                ZipFormat.Put16(header, at, ZipFormat.Zip64ExtraId);
                ZipFormat.Put16(header, at + 2, 16);
                ZipFormat.Put64(header, at + 4, job.UncompressedSize);
                ZipFormat.Put64(header, at + 12, job.CompressedSize);
            }
            _out.Write(header, 0, header.Length);

            if (job.Payload != null)
            {
                if (job.Payload.Spilled) Interlocked.Increment(ref _spilled);
                job.Payload.WriteTo(_out);
            }
            else
            {
                CopyStoredSource(job);
            }
            if (_out.Position - offset - header.Length != job.CompressedSize)
                throw new IOException("internal error: entry data length differs from its compressed size");

            job.Central = new CentralRecord(name, flags, dosTime, dosDate, zip64Sizes, zip64Offset, offset);
            _central.Add(job);
            return new ZipEntryResult(job.EntryPath, job.SourcePath, job.Method, job.UncompressedSize, job.CompressedSize, job.Crc, job.Sha256,
                offset, zip64Sizes || zip64Offset, job.Tag);
        }

        // Stored data is read again from the source rather than kept; it must be byte-identical to the first pass.
        private void CopyStoredSource(EntryJob job)
        {
            var crc = new Crc32();
            long total = 0;
            using (Stream source = job.OpenSource())
            {
                int n;
                while ((n = source.Read(_copyBuffer, 0, _copyBuffer.Length)) > 0)
                {
                    _abort.Token.ThrowIfCancellationRequested();
                    total += n;
                    if (total > job.UncompressedSize) break;
                    crc.Append(new ReadOnlySpan<byte>(_copyBuffer, 0, n));
                    _out.Write(_copyBuffer, 0, n);
                }
            }
            if (total != job.UncompressedSize || crc.GetCurrentHashAsUInt32() != job.Crc)
                throw new IOException($"Entry '{job.EntryPath}': the source file changed while it was being archived.");
        }

        private readonly List<EntryJob> _central = new List<EntryJob>();

        private bool WriteCentralDirectory()
        {
            long limit = _options.Zip64SizeLimit;
            long start = _out.Position;
            foreach (EntryJob job in _central)
            {
                CentralRecord c = job.Central;
                int extraLength = (c.Zip64Sizes ? 16 : 0) + (c.Zip64Offset ? 8 : 0);
                if (extraLength > 0) extraLength += 4;
                var h = new byte[ZipFormat.CentralHeaderSize + c.Name.Length + extraLength];
                bool zip64 = c.Zip64Sizes || c.Zip64Offset;
                ZipFormat.Put32(h, 0, ZipFormat.CentralHeaderSignature);
                ZipFormat.Put16(h, 4, ZipFormat.MadeByUnix | ZipFormat.VersionZip64);
                ZipFormat.Put16(h, 6, zip64 ? ZipFormat.VersionZip64 : ZipFormat.VersionDefault);
                ZipFormat.Put16(h, 8, c.Flags);
                ZipFormat.Put16(h, 10, (int)job.Method);
                ZipFormat.Put16(h, 12, c.DosTime);
                ZipFormat.Put16(h, 14, c.DosDate);
                ZipFormat.Put32(h, 16, job.Crc);
                ZipFormat.Put32(h, 20, c.Zip64Sizes ? 0xFFFFFFFFu : (uint)job.CompressedSize);
                ZipFormat.Put32(h, 24, c.Zip64Sizes ? 0xFFFFFFFFu : (uint)job.UncompressedSize);
                ZipFormat.Put16(h, 28, c.Name.Length);
                ZipFormat.Put16(h, 30, extraLength);
                ZipFormat.Put16(h, 32, 0); // comment
                ZipFormat.Put16(h, 34, 0); // disk
                ZipFormat.Put16(h, 36, 0); // internal attributes
                ZipFormat.Put32(h, 38, ZipFormat.UnixRegularFile644);
                ZipFormat.Put32(h, 42, c.Zip64Offset ? 0xFFFFFFFFu : (uint)c.LocalHeaderOffset);
                Buffer.BlockCopy(c.Name, 0, h, ZipFormat.CentralHeaderSize, c.Name.Length);
                if (extraLength > 0)
                {
                    int at = ZipFormat.CentralHeaderSize + c.Name.Length;
                    ZipFormat.Put16(h, at, ZipFormat.Zip64ExtraId);
                    ZipFormat.Put16(h, at + 2, extraLength - 4);
                    at += 4;
                    if (c.Zip64Sizes)
                    {
                        ZipFormat.Put64(h, at, job.UncompressedSize);
                        ZipFormat.Put64(h, at + 8, job.CompressedSize);
                        at += 16;
                    }
                    if (c.Zip64Offset) ZipFormat.Put64(h, at, c.LocalHeaderOffset);
                }
                _out.Write(h, 0, h.Length);
            }
            long size = _out.Position - start;
            long count = _central.Count;
            bool countOver = _options.ForceZip64 || count >= _options.Zip64CountLimit;
            bool sizeOver = _options.ForceZip64 || size >= limit;
            bool startOver = _options.ForceZip64 || start >= limit;
            bool zip64End = countOver || sizeOver || startOver;
            if (zip64End)
            {
                long recordOffset = _out.Position;
                var r = new byte[ZipFormat.Zip64EndOfCentralDirectorySize + ZipFormat.Zip64LocatorSize];
                ZipFormat.Put32(r, 0, ZipFormat.Zip64EndOfCentralDirectorySignature);
                ZipFormat.Put64(r, 4, ZipFormat.Zip64EndOfCentralDirectorySize - 12);
                ZipFormat.Put16(r, 12, ZipFormat.MadeByUnix | ZipFormat.VersionZip64);
                ZipFormat.Put16(r, 14, ZipFormat.VersionZip64);
                ZipFormat.Put32(r, 16, 0);
                ZipFormat.Put32(r, 20, 0);
                ZipFormat.Put64(r, 24, count);
                ZipFormat.Put64(r, 32, count);
                ZipFormat.Put64(r, 40, size);
                ZipFormat.Put64(r, 48, start);
                int at = ZipFormat.Zip64EndOfCentralDirectorySize;
                ZipFormat.Put32(r, at, ZipFormat.Zip64LocatorSignature);
                ZipFormat.Put32(r, at + 4, 0);
                ZipFormat.Put64(r, at + 8, recordOffset);
                ZipFormat.Put32(r, at + 16, 1);
                _out.Write(r, 0, r.Length);
            }
            var e = new byte[ZipFormat.EndOfCentralDirectorySize];
            ZipFormat.Put32(e, 0, ZipFormat.EndOfCentralDirectorySignature);
            ZipFormat.Put16(e, 4, 0);
            ZipFormat.Put16(e, 6, 0);
            ZipFormat.Put16(e, 8, countOver ? 0xFFFF : (int)count);
            ZipFormat.Put16(e, 10, countOver ? 0xFFFF : (int)count);
            ZipFormat.Put32(e, 12, sizeOver ? 0xFFFFFFFFu : (uint)size);
            ZipFormat.Put32(e, 16, startOver ? 0xFFFFFFFFu : (uint)start);
            ZipFormat.Put16(e, 20, 0);
            _out.Write(e, 0, e.Length);
            return zip64End;
        }

        private sealed class EntryJob
        {
            public EntryJob(string entryPath, string sourcePath, byte[] content, ZipCompressionMethod method, int level, DateTime modified, object tag)
            {
                EntryPath = entryPath;
                SourcePath = sourcePath;
                Content = content;
                Method = method;
                Level = level;
                Modified = modified;
                Tag = tag;
            }

            public readonly string EntryPath;
            public readonly string SourcePath;
            public readonly byte[] Content;
            public readonly int Level;
            public readonly DateTime Modified;
            public readonly object Tag;
            public ZipCompressionMethod Method;
            public Task Work;
            public SpillBuffer Payload;
            public long UncompressedSize;
            public long CompressedSize;
            public uint Crc;
            public string Sha256;
            public CentralRecord Central;

            public Stream OpenSource() => Content != null
                ? (Stream)new MemoryStream(Content, false)
                : new FileStream(SourcePath, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        }

        private sealed class CentralRecord
        {
            public CentralRecord(byte[] name, ushort flags, ushort dosTime, ushort dosDate, bool zip64Sizes, bool zip64Offset, long localHeaderOffset)
            {
                Name = name;
                Flags = flags;
                DosTime = dosTime;
                DosDate = dosDate;
                Zip64Sizes = zip64Sizes;
                Zip64Offset = zip64Offset;
                LocalHeaderOffset = localHeaderOffset;
            }

            public readonly byte[] Name;
            public readonly ushort Flags;
            public readonly ushort DosTime;
            public readonly ushort DosDate;
            public readonly bool Zip64Sizes;
            public readonly bool Zip64Offset;
            public readonly long LocalHeaderOffset;
        }
    }
}
