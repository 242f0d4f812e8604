using System;
using System.IO;

namespace HamletPS.Dicom.IO
{
    /// <summary>
    /// The output of a sealed write (<see cref="DicomWriteOptions.ContentSeal"/>): forwards every write to the file and then
    /// hands the same bytes to the seal, so the seal sees exactly what was written. Write-only, forward-only.
    /// </summary>
    internal sealed class ContentSealStream : Stream
    {
        private readonly Stream _inner;
        private readonly DicomContentSeal _seal;

        public ContentSealStream(Stream inner, DicomContentSeal seal)
        {
            _inner = inner;
            _seal = seal;
        }

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count)
        {
            _inner.Write(buffer, offset, count);
            _seal.Append(buffer, offset, count);
        }

        public override void WriteByte(byte value) => Write(new[] { value }, 0, 1);

        public override void Flush() => _inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
