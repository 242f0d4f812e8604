using System.Collections.Concurrent;

namespace HamletPS.Core.Upload
{
    /// <summary>A fixed set of range-sized buffers reused across ranges (bounded memory also on .NET Framework, whose shared ArrayPool does not pool 4 MiB arrays).</summary>
    internal sealed class RangeBufferPool
    {
        private readonly ConcurrentBag<byte[]> _free = new ConcurrentBag<byte[]>();
        private readonly int _size;

        public RangeBufferPool(int size) { _size = size; }

        public byte[] Rent() => _free.TryTake(out byte[] b) ? b : new byte[_size];

        public void Return(byte[] buffer)
        {
            if (buffer != null && buffer.Length == _size) _free.Add(buffer);
        }
    }
}
