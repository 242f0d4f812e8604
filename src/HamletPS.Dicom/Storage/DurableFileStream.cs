using System.IO;

namespace HamletPS.Dicom.Storage
{
    /// <summary>
    /// A new file written sequentially and made durable at the end. On Linux, every <see cref="WritebackChunk"/> bytes the
    /// kernel is asked to start writing the finished range back (<c>sync_file_range</c>), so the data goes to the device while
    /// the rest still streams in and the final <see cref="Flush(bool)"/> (<c>fdatasync</c>) has little left to wait for.
    /// Elsewhere <see cref="Flush(bool)"/> is the platform's own (FlushFileBuffers, fsync).
    /// </summary>
    internal sealed class DurableFileStream : FileStream, IDurableFile
    {
        private readonly long _chunk;
        private long _written;
        private long _writebackStart;

        public DurableFileStream(string path, int bufferSize, long writebackChunk)
            : base(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read, bufferSize, FileOptions.None)
        {
            _chunk = NativeFileSync.IsAvailable ? writebackChunk : 0;
        }

        /// <summary>Bytes between writeback hints (0: none).</summary>
        public long WritebackChunk => _chunk;

        public override void Write(byte[] array, int offset, int count)
        {
            base.Write(array, offset, count);
            _written += count;
            if (_chunk > 0 && _written - _writebackStart >= _chunk)
            {
                base.Flush();
                NativeFileSync.StartWriteback(SafeFileHandle, _writebackStart, _written - _writebackStart);
                _writebackStart = _written;
            }
        }

        /// <summary>Writes the data to the device and waits (Linux), without the device-cache flush or inode commit of a sync.</summary>
        public void WriteOut()
        {
            base.Flush();
            if (NativeFileSync.IsAvailable) NativeFileSync.WriteOutAndWait(SafeFileHandle);
        }

        /// <summary>fsync (Linux): data, size and every inode change, on journaling file systems also the rename that set the ctime.</summary>
        public void SyncAll()
        {
            base.Flush();
            if (NativeFileSync.IsAvailable) NativeFileSync.FullSync(SafeFileHandle);
            else base.Flush(true);
        }

        public void DataSync() => Flush(true);

        public override void Flush(bool flushToDisk)
        {
            if (!flushToDisk || !NativeFileSync.IsAvailable)
            {
                base.Flush(flushToDisk);
                return;
            }
            base.Flush();
            NativeFileSync.DataSync(SafeFileHandle);
        }
    }
}
