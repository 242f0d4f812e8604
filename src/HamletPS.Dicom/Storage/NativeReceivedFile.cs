using System;
using System.IO;
using System.Runtime.InteropServices;
using HamletPS.Dicom.IO;

namespace HamletPS.Dicom.Storage
{
    /// <summary>
    /// Linux: a received file written with plain system calls — <c>open(O_CREAT|O_EXCL)</c>, one <c>write</c> per fragment,
    /// <c>close</c> — instead of a <see cref="FileStream"/>, whose open adds <c>flock</c>, <c>fstat</c>, <c>fstatfs</c> and
    /// <c>lseek</c> calls (and two more <c>flock</c>s at close) to every received file. The file is opened read-write so the
    /// received data set can be checked through <see cref="OpenReader"/> (<c>pread</c> on the same descriptor) without opening
    /// it again. Every <see cref="WritebackChunk"/> bytes the kernel is asked to start writing the finished range back
    /// (<c>sync_file_range</c>), so the final sync has little left to wait for. Not thread-safe (one association writes it).
    /// </summary>
    internal sealed class NativeReceivedFile : Stream, IDurableFile
    {
        private const int O_RDWR = 2, O_CREAT = 0x40, O_EXCL = 0x80, O_CLOEXEC = 0x80000, O_DSYNC = 0x1000;
        private const int EINTR = 4, EEXIST = 17, ENOSPC = 28, EDQUOT = 122;
        private int _fd;
        private readonly long _chunk;
        private long _written;
        private long _writebackStart;

        /// <summary>True where this type works: Linux (glibc) on x64 or arm64, whose open flags are the ones above.</summary>
        public static bool IsSupported { get; } = NativeFileSync.IsAvailable &&
            (RuntimeInformation.ProcessArchitecture == Architecture.X64 || RuntimeInformation.ProcessArchitecture == Architecture.Arm64);

        /// <param name="dataSync">O_DSYNC: every write returns once its data is on the device (measured alternative to a final sync).</param>
        public NativeReceivedFile(string path, long writebackChunk, bool dataSync = false)
        {
            Name = path;
            _chunk = dataSync ? 0 : writebackChunk;
            byte[] p = NativePath.Of(path);
            int flags = O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC | (dataSync ? O_DSYNC : 0);
            while ((_fd = Libc.open(p, flags, 0x1B6 /* 0666, less the umask */)) < 0)
            {
                int errno = Marshal.GetLastWin32Error();
                if (errno == EINTR) continue;
                throw Error("cannot create the file", errno);
            }
        }

        public string Name { get; }

        /// <summary>Bytes between writeback hints (0: none).</summary>
        public long WritebackChunk => _chunk;

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => _fd >= 0;
        public override long Length => _written;
        public override long Position { get => _written; set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count)
        {
            if (_fd < 0) throw new ObjectDisposedException(nameof(NativeReceivedFile));
            if (offset < 0 || count < 0 || offset + count > buffer.Length) throw new ArgumentOutOfRangeException(nameof(count));
            while (count > 0)
            {
                long n = (long)Libc.write(_fd, ref buffer[offset], (IntPtr)count);
                if (n < 0)
                {
                    int errno = Marshal.GetLastWin32Error();
                    if (errno == EINTR) continue;
                    throw Error("write failed", errno);
                }
                offset += (int)n;
                count -= (int)n;
                _written += n;
            }
            if (_chunk > 0 && _written - _writebackStart >= _chunk)
            {
                NativeFileSync.StartWriteback(_fd, _writebackStart, _written - _writebackStart);
                _writebackStart = _written;
            }
        }

        /// <summary>A read-only, seekable view of what was written so far (<c>pread</c>; no second open). Valid while this is open.</summary>
        public Stream OpenReader() => new Reader(this);

        public void WriteOut() => NativeFileSync.WriteOutAndWait(_fd);

        public void SyncAll() => NativeFileSync.FullSync(_fd);

        public void DataSync() => NativeFileSync.DataSync(_fd);

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            int fd = _fd;
            _fd = -1;
            if (fd >= 0) _ = Libc.close(fd); // not retryable (Linux frees the descriptor even on error); durability is the sync's job
            base.Dispose(disposing);
        }

        ~NativeReceivedFile()
        {
            Dispose(false);
        }

        private static IOException Error(string what, int errno)
        {
            string reason = errno == ENOSPC || errno == EDQUOT ? "no space left on device" : errno == EEXIST ? "file exists" : "errno " + errno;
            return new IOException(what + ": " + reason);
        }

        private int ReadAt(long position, byte[] buffer, int offset, int count)
        {
            if (_fd < 0) throw new ObjectDisposedException(nameof(NativeReceivedFile));
            if (count == 0) return 0;
            while (true)
            {
                long n = (long)Libc.pread(_fd, ref buffer[offset], (IntPtr)count, position);
                if (n >= 0) return (int)n;
                int errno = Marshal.GetLastWin32Error();
                if (errno != EINTR) throw Error("read failed", errno);
            }
        }

        private sealed class Reader : Stream
        {
            private readonly NativeReceivedFile _file;
            private long _position;

            public Reader(NativeReceivedFile file) => _file = file;

            public override bool CanRead => true;
            public override bool CanSeek => true;
            public override bool CanWrite => false;
            public override long Length => _file._written;
            public override long Position { get => _position; set => _position = value; }

            public override int Read(byte[] buffer, int offset, int count)
            {
                if (offset < 0 || count < 0 || offset + count > buffer.Length) throw new ArgumentOutOfRangeException(nameof(count));
                if (_position >= Length) return 0;
                int n = _file.ReadAt(_position, buffer, offset, (int)Math.Min(count, Length - _position));
                _position += n;
                return n;
            }

            public override long Seek(long offset, SeekOrigin origin)
            {
                long p = origin == SeekOrigin.Begin ? offset : origin == SeekOrigin.Current ? _position + offset : Length + offset;
                if (p < 0) throw new IOException("seek before the start of the file");
                return _position = p;
            }

            public override void Flush()
            {
            }

            public override void SetLength(long value) => throw new NotSupportedException();
            public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        }
    }
}
