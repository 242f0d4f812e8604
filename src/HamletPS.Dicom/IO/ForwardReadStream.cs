using System;
using System.IO;

namespace HamletPS.Dicom.IO
{
    /// <summary>
    /// Base of the read-only, forward-only streams of the toolkit and the workflow (a prefix put back before a file, a
    /// transcoding pipe, a bounded slice of an archive): no length, no position, no seeking, no writing. Derived classes
    /// implement <see cref="Stream.Read(byte[], int, int)"/> only.
    /// </summary>
    public abstract class ForwardReadStream : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
