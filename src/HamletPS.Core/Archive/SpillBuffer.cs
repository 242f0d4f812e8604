using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using HamletPS.Dicom.IO;

namespace HamletPS.Core.Archive
{
    /// <summary>
    /// A write-then-read-once buffer of pooled chunks that moves to a temporary file (deleted on close) once it grows past a threshold,
    /// so a multi-GB compressed entry never sits in memory.
    /// </summary>
    internal sealed class SpillBuffer : Stream
    {
        internal const int ChunkSize = 128 * 1024;

        private readonly long _threshold;
        private readonly string _tempDirectory;
        private readonly List<byte[]> _chunks = new List<byte[]>();
        private int _usedInLast = ChunkSize;
        private long _length;
        private FileStream _spill;

        public SpillBuffer(long threshold, string tempDirectory)
        {
            _threshold = threshold;
            _tempDirectory = string.IsNullOrEmpty(tempDirectory) ? Path.GetTempPath() : tempDirectory;
        }

        public bool Spilled => _spill != null;

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => _length;
        public override long Position { get => _length; set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count)
        {
            if (_spill != null)
            {
                _spill.Write(buffer, offset, count);
                _length += count;
                return;
            }
            while (count > 0)
            {
                if (_usedInLast == ChunkSize)
                {
                    _chunks.Add(ArrayPool<byte>.Shared.Rent(ChunkSize));
                    _usedInLast = 0;
                }
                int n = Math.Min(count, ChunkSize - _usedInLast);
                Buffer.BlockCopy(buffer, offset, _chunks[_chunks.Count - 1], _usedInLast, n);
                _usedInLast += n;
                offset += n;
                count -= n;
                _length += n;
            }
            if (_length > _threshold) SpillToFile();
        }

        private void SpillToFile()
        {
            string path = TemporaryFileName.InFolder(_tempDirectory);
            _spill = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 20, FileOptions.DeleteOnClose);
            for (int i = 0; i < _chunks.Count; i++)
            {
                _spill.Write(_chunks[i], 0, i == _chunks.Count - 1 ? _usedInLast : ChunkSize);
                ArrayPool<byte>.Shared.Return(_chunks[i]);
            }
            _chunks.Clear();
        }

        /// <summary>Copies everything written so far to <paramref name="destination"/>.</summary>
        public void WriteTo(Stream destination)
        {
            if (_spill != null)
            {
                _spill.Flush();
                _spill.Position = 0;
                _spill.CopyTo(destination, 1 << 20);
                return;
            }
            for (int i = 0; i < _chunks.Count; i++)
                destination.Write(_chunks[i], 0, i == _chunks.Count - 1 ? _usedInLast : ChunkSize);
        }

        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                foreach (byte[] chunk in _chunks) ArrayPool<byte>.Shared.Return(chunk);
                _chunks.Clear();
                _spill?.Dispose();
                _spill = null;
            }
            base.Dispose(disposing);
        }
    }
}
