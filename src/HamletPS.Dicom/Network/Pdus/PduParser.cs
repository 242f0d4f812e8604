using System.Text;

namespace HamletPS.Dicom.Network
{
    /// <summary>Bounds-checked big-endian reader over one received PDU; every read is checked against the end of its container.</summary>
    internal sealed class PduParser
    {
        private readonly byte[] _bytes;
        private readonly int _start;

        public PduParser(byte[] bytes, int offset, int count)
        {
            _bytes = bytes;
            _start = offset;
            Position = offset;
            End = offset + count;
        }

        public int Position { get; private set; }

        /// <summary>The underlying buffer (for zero-copy PDV segments).</summary>
        public byte[] Array => _bytes;

        public int End { get; }

        public bool AtEnd => Position >= End;

        /// <summary>Offset relative to the start of the parsed span, for error messages.</summary>
        public int Offset => Position - _start;

        public void Need(int count, string what)
        {
            if (count < 0 || End - Position < count)
                throw new PduFormatException(Offset, what + " needs " + count + " bytes but only " + (End - Position) + " remain");
        }

        public byte Byte(string what)
        {
            Need(1, what);
            return _bytes[Position++];
        }

        public int UInt16(string what)
        {
            Need(2, what);
            int v = (_bytes[Position] << 8) | _bytes[Position + 1];
            Position += 2;
            return v;
        }

        public uint UInt32(string what)
        {
            Need(4, what);
            uint v = ((uint)_bytes[Position] << 24) | ((uint)_bytes[Position + 1] << 16) | ((uint)_bytes[Position + 2] << 8) | _bytes[Position + 3];
            Position += 4;
            return v;
        }

        public void Skip(int count, string what)
        {
            Need(count, what);
            Position += count;
        }

        public byte[] Bytes(int count, string what)
        {
            Need(count, what);
            var b = new byte[count];
            System.Buffer.BlockCopy(_bytes, Position, b, 0, count);
            Position += count;
            return b;
        }

        /// <summary>ASCII text with trailing spaces and NUL padding removed (UIDs may be NUL padded by some peers).</summary>
        public string Ascii(int count, string what)
        {
            Need(count, what);
            string s = Encoding.ASCII.GetString(_bytes, Position, count);
            Position += count;
            return s.TrimEnd(' ', '\0');
        }

        /// <summary>A parser over the next <paramref name="count"/> bytes, advancing this one past them.</summary>
        public PduParser Sub(int count, string what)
        {
            Need(count, what);
            var sub = new PduParser(_bytes, Position, count);
            Position += count;
            return sub;
        }
    }
}
