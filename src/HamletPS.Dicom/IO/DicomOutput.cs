using System;
using System.Buffers;
using System.Buffers.Binary;
using System.IO;

namespace HamletPS.Dicom.IO
{
    /// <summary>A pooled write buffer over a stream with little/big endian primitives.</summary>
    internal sealed class DicomOutput : IDisposable
    {
        private readonly Stream _stream;
        private byte[] _buf;
        private bool _returned;
        private int _len;

        public DicomOutput(Stream stream, int size = 64 * 1024)
        {
            _stream = stream;
            _buf = ArrayPool<byte>.Shared.Rent(size);
        }

        public long Written { get; private set; }

        /// <summary>Sources of referenced values opened during this write (shared by nested outputs, disposed by the writer).</summary>
        public Data.DicomValueSourceSession? Sources { get; set; }

        private void Room(int n)
        {
            if (_buf.Length - _len < n) Flush();
        }

        public void Flush()
        {
            if (_len > 0) _stream.Write(_buf, 0, _len);
            _len = 0;
        }

        /// <summary>The underlying stream, after flushing the buffer (for large copies).</summary>
        public Stream FlushAndGetStream()
        {
            Flush();
            return _stream;
        }

        public void WriteUInt16(ushort v, bool bigEndian)
        {
            Room(2);
            if (bigEndian) BinaryPrimitives.WriteUInt16BigEndian(new Span<byte>(_buf, _len, 2), v);
            else BinaryPrimitives.WriteUInt16LittleEndian(new Span<byte>(_buf, _len, 2), v);
            _len += 2;
            Written += 2;
        }

        public void WriteUInt32(uint v, bool bigEndian)
        {
            Room(4);
            if (bigEndian) BinaryPrimitives.WriteUInt32BigEndian(new Span<byte>(_buf, _len, 4), v);
            else BinaryPrimitives.WriteUInt32LittleEndian(new Span<byte>(_buf, _len, 4), v);
            _len += 4;
            Written += 4;
        }

        public void WriteByte(byte b)
        {
            Room(1);
            _buf[_len++] = b;
            Written++;
        }

        public void WriteBytes(byte[] data, int offset, int count)
        {
            if (count > _buf.Length / 2)
            {
                Flush();
                _stream.Write(data, offset, count);
            }
            else
            {
                Room(count);
                Buffer.BlockCopy(data, offset, _buf, _len, count);
                _len += count;
            }
            Written += count;
        }

        /// <summary>Writes binary numbers swapped to big endian unit by unit (the source array is left untouched).</summary>
        public void WriteSwapped(byte[] data, int unit)
        {
            int count = data.Length;
            int done = 0;
            while (done < count)
            {
                int chunk = Math.Min(count - done, (_buf.Length / 2) - (_buf.Length / 2) % 8);
                Room(chunk);
                Buffer.BlockCopy(data, done, _buf, _len, chunk);
                Data.ByteOrder.SwapInPlace(_buf, _len, chunk, unit);
                _len += chunk;
                done += chunk;
            }
            Written += count;
        }

        public void AddWritten(long n) => Written += n;

        public void Dispose()
        {
            if (!_returned)
            {
                Flush();
                ArrayPool<byte>.Shared.Return(_buf);
                _returned = true;
                _buf = Array.Empty<byte>();
            }
        }
    }
}
