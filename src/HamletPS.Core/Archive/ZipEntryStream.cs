using System;
using System.IO;
using System.IO.Compression;

namespace HamletPS.Core.Archive
{
    /// <summary>
    /// The uncompressed bytes of one archive entry as a seekable, read-only stream, without extracting it: a stored entry is
    /// read in place from any offset; a deflated one is inflated as it is read, a forward seek inflates and discards up to the target, a
    /// backward seek starts inflating again from the entry's start. The entry never yields more than its declared
    /// uncompressed size, and data that inflates past it or ends before it is refused (<see cref="InvalidDataException"/>
    /// naming the entry), so a zip bomb costs at most the bytes a reader asks for. Uses the archive's one file handle:
    /// not for use from two threads at once.
    /// </summary>
    public sealed class ZipEntryStream : Stream
    {
        private readonly Func<long, Stream> _openRaw;
        private readonly bool _deflated;
        private readonly string _entryPath;
        private readonly long _length;
        private Stream _raw;
        private Stream _inflater;
        private long _position;   // where the next read starts (what the caller sees)
        private long _produced;   // bytes produced so far by the current raw/inflater stream
        private byte[] _skip;

        internal ZipEntryStream(Func<long, Stream> openRaw, bool deflated, string entryPath, long length)
        {
            _openRaw = openRaw;
            _deflated = deflated;
            _entryPath = entryPath;
            _length = length;
        }

        public override bool CanRead => true;
        public override bool CanSeek => true;
        public override bool CanWrite => false;
        public override long Length => _length;

        public override long Position
        {
            get => _position;
            set
            {
                if (value < 0) throw new ArgumentOutOfRangeException(nameof(value));
                _position = value;
            }
        }

        public override long Seek(long offset, SeekOrigin origin)
        {
            long target = origin == SeekOrigin.Begin ? offset : origin == SeekOrigin.Current ? _position + offset : _length + offset;
            Position = target;
            return _position;
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (buffer == null) throw new ArgumentNullException(nameof(buffer));
            if (_position >= _length || count <= 0) return 0;
            if (count > _length - _position) count = (int)(_length - _position);
            if (_raw == null || _position < _produced || !_deflated && _position != _produced) Restart();
            while (_produced < _position)
            {
                if (_skip == null) _skip = new byte[64 * 1024];
                int n = Source.Read(_skip, 0, (int)Math.Min(_skip.Length, _position - _produced));
                if (n <= 0) throw Short();
                _produced += n;
            }
            int got = Source.Read(buffer, offset, count);
            if (got <= 0) throw Short();
            _produced += got;
            _position += got;
            if (_produced == _length && _deflated && Source.ReadByte() >= 0)
                throw new InvalidDataException("archive entry '" + _entryPath + "' inflates past its declared size of " + _length + " bytes");
            return got;
        }

        private Stream Source => _inflater ?? _raw;

        private void Restart()
        {
            _inflater?.Dispose();
            _raw?.Dispose();
            long start = _deflated ? 0 : _position; // a stored entry is read in place from any offset
            _raw = _openRaw(start);
            _inflater = _deflated ? new DeflateStream(_raw, CompressionMode.Decompress, leaveOpen: true) : null;
            _produced = start;
        }

        private InvalidDataException Short() =>
            new InvalidDataException("archive entry '" + _entryPath + "' ends at byte " + _produced + ", before its declared size of " + _length + " bytes");

        public override void Flush() { }
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _inflater?.Dispose();
                _raw?.Dispose();
                _inflater = _raw = null;
            }
            base.Dispose(disposing);
        }
    }
}
