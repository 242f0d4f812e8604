using System;
using System.IO;

namespace HamletPS.Dicom.Data
{
    /// <summary>A read-only view of a seekable source stream whose bytes pass through a <see cref="DicomValueTransform"/> as they are read.</summary>
    internal sealed class DicomTransformingStream : Stream
    {
        private readonly Stream _inner;
        private readonly bool _ownsInner;
        private readonly DicomValueTransform _transform;

        public DicomTransformingStream(Stream inner, bool ownsInner, DicomValueTransform transform)
        {
            _inner = inner;
            _ownsInner = ownsInner;
            _transform = transform;
        }

        public override bool CanRead => true;
        public override bool CanSeek => true;
        public override bool CanWrite => false;
        public override long Length => _inner.Length;

        public override long Position
        {
            get => _inner.Position;
            set => _inner.Position = value;
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            long at = _inner.Position;
            int n = _inner.Read(buffer, offset, count);
            if (n > 0) _transform.Apply(at, buffer, offset, n);
            return n;
        }

        public override long Seek(long offset, SeekOrigin origin) => _inner.Seek(offset, origin);
        public override void Flush() { }
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing && _ownsInner) _inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
