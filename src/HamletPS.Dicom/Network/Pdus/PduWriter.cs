using System;
using System.Diagnostics.CodeAnalysis;
using System.IO;
using System.Text;

namespace HamletPS.Dicom.Network
{
    /// <summary>Big-endian byte builder for PDUs and items (PS3.8 9.3: all multi-byte fields are big endian).</summary>
    [SuppressMessage("Design", "CA1001", Justification = "The MemoryStream buffer holds no unmanaged resource.")]
    internal sealed class PduWriter
    {
        private readonly MemoryStream _buffer = new MemoryStream(256);

        public int Position => (int)_buffer.Position;

        public void Byte(int value) => _buffer.WriteByte((byte)value);

        public void Zeros(int count)
        {
            for (int i = 0; i < count; i++) _buffer.WriteByte(0);
        }

        public void UInt16(int value)
        {
            _buffer.WriteByte((byte)(value >> 8));
            _buffer.WriteByte((byte)value);
        }

        public void UInt32(uint value)
        {
            _buffer.WriteByte((byte)(value >> 24));
            _buffer.WriteByte((byte)(value >> 16));
            _buffer.WriteByte((byte)(value >> 8));
            _buffer.WriteByte((byte)value);
        }

        public void Bytes(byte[] bytes) => _buffer.Write(bytes, 0, bytes.Length);

        public void Ascii(string value)
        {
            byte[] b = Encoding.ASCII.GetBytes(value ?? string.Empty);
            _buffer.Write(b, 0, b.Length);
        }

        /// <summary>An AE title field: 16 bytes, space padded (PS3.8 9.3.2).</summary>
        public void AeTitle(string value)
        {
            string v = value ?? string.Empty;
            if (v.Length > 16) throw new ArgumentException("AE title longer than 16 characters");
            Ascii(v.PadRight(16, ' '));
        }

        /// <summary>Reserves a 16-bit length field; returns its position for <see cref="PatchUInt16"/>.</summary>
        public int ReserveUInt16()
        {
            int at = Position;
            UInt16(0);
            return at;
        }

        public int ReserveUInt32()
        {
            int at = Position;
            UInt32(0);
            return at;
        }

        /// <summary>Writes the number of bytes after the field at <paramref name="at"/> into it.</summary>
        public void PatchUInt16(int at)
        {
            int length = Position - at - 2;
            if (length > 0xFFFF) throw new InvalidOperationException("item longer than 65535 bytes");
            byte[] raw = _buffer.GetBuffer();
            raw[at] = (byte)(length >> 8);
            raw[at + 1] = (byte)length;
        }

        public void PatchUInt32(int at)
        {
            uint length = (uint)(Position - at - 4);
            byte[] raw = _buffer.GetBuffer();
            raw[at] = (byte)(length >> 24);
            raw[at + 1] = (byte)(length >> 16);
            raw[at + 2] = (byte)(length >> 8);
            raw[at + 3] = (byte)length;
        }

        /// <summary>An item with a 1-byte type, reserved byte and 2-byte length holding an ASCII UID or name.</summary>
        public void StringItem(ItemType type, string value)
        {
            Byte((byte)type);
            Byte(0);
            byte[] b = Encoding.ASCII.GetBytes(value ?? string.Empty);
            UInt16(b.Length);
            Bytes(b);
        }

        public byte[] ToArray() => _buffer.ToArray();
    }
}
