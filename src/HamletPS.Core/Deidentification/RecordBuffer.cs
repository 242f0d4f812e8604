using System;
using System.Text;
using HamletPS.Dicom.Data;

namespace HamletPS.Core.Deidentification
{
    /// <summary>
    /// A growable byte buffer with the Explicit VR Little Endian pieces <see cref="InstanceChangeRecord.Serialize"/> needs
    /// (element headers, item tags, text values whose length is filled in at the end, plain elements written as the DICOM
    /// writer writes them: odd values padded with the VR's padding byte, short-header VRs too long for 16 bits as UN).
    /// </summary>
    internal sealed class RecordBuffer
    {
        private byte[] _buf;
        private int _len;

        public RecordBuffer(int capacity) { _buf = new byte[Math.Max(capacity, 256)]; }

        private void Room(int n)
        {
            if (_buf.Length - _len >= n) return;
            long size = Math.Max((long)_buf.Length * 2, (long)_len + n);
            if (size > int.MaxValue - 64) throw new InvalidOperationException("The re-identification record is too large.");
            Array.Resize(ref _buf, (int)size);
        }

        public void Write(byte[] bytes) => Write(bytes, 0, bytes.Length);

        public void Write(byte[] bytes, int offset, int count)
        {
            Room(count);
            Buffer.BlockCopy(bytes, offset, _buf, _len, count);
            _len += count;
        }

        public void WriteByte(byte b)
        {
            Room(1);
            _buf[_len++] = b;
        }

        public void WriteUInt16(ushort v)
        {
            Room(2);
            _buf[_len] = (byte)v;
            _buf[_len + 1] = (byte)(v >> 8);
            _len += 2;
        }

        public void WriteUInt32(uint v)
        {
            Room(4);
            PutUInt32(_len, v);
            _len += 4;
        }

        private void PutUInt32(int at, uint v)
        {
            _buf[at] = (byte)v;
            _buf[at + 1] = (byte)(v >> 8);
            _buf[at + 2] = (byte)(v >> 16);
            _buf[at + 3] = (byte)(v >> 24);
        }

        /// <summary>Characters as ASCII ('?' for anything else, as Encoding.ASCII does).</summary>
        public void WriteAscii(string s)
        {
            Room(s.Length);
            for (int i = 0; i < s.Length; i++)
            {
                char c = s[i];
                _buf[_len++] = c < 0x80 ? (byte)c : (byte)'?';
            }
        }

        public void WriteUtf8(string s)
        {
            Room(Encoding.UTF8.GetMaxByteCount(s.Length));
            _len += Encoding.UTF8.GetBytes(s, 0, s.Length, _buf, _len);
        }

        /// <summary>Eight upper-case hex digits.</summary>
        public void WriteHex8(uint v)
        {
            Room(8);
            for (int i = 7; i >= 0; i--)
            {
                int nibble = (int)(v & 0xF);
                _buf[_len + i] = (byte)(nibble < 10 ? '0' + nibble : 'A' + nibble - 10);
                v >>= 4;
            }
            _len += 8;
        }

        public void WriteHeader(DicomTag tag, DicomVR vr, uint length)
        {
            WriteUInt16(tag.Group);
            WriteUInt16(tag.Element);
            WriteByte((byte)vr.Code[0]);
            WriteByte((byte)vr.Code[1]);
            if (vr.HasLongExplicitHeader)
            {
                WriteUInt16(0);
                WriteUInt32(length);
            }
            else WriteUInt16((ushort)length);
        }

        public void WriteItemTag(ushort element, uint length)
        {
            WriteUInt16(0xFFFE);
            WriteUInt16(element);
            WriteUInt32(length);
        }

        /// <summary>Starts a UT element whose value follows; returns where its length goes (see <see cref="EndText"/>).</summary>
        public int BeginText(DicomTag tag)
        {
            WriteHeader(tag, DicomVR.UT, 0);
            return _len;
        }

        /// <summary>Pads the UT value started at <paramref name="valueAt"/> to even length and fills in its length.</summary>
        public void EndText(int valueAt)
        {
            if (((_len - valueAt) & 1) == 1) WriteByte(DicomVR.UT.PaddingByte);
            PutUInt32(valueAt - 4, (uint)(_len - valueAt));
        }

        /// <summary>An element that is neither a sequence nor encapsulated data: header and value (loaded when referenced).</summary>
        public void WritePlainElement(DicomElement e)
        {
            var vr = e.VR;
            byte[] data = e.GetBytes();
            long length = data.Length;
            bool pad = (length & 1) == 1;
            long padded = length + (pad ? 1 : 0);
            if (padded > 0xFFFFFFFEL) throw new InvalidOperationException(e.Tag + ": value too long for DICOM (" + length + " bytes).");
            if (!vr.HasLongExplicitHeader && padded > 0xFFFF) vr = DicomVR.UN;
            WriteHeader(e.Tag, vr, (uint)padded);
            Write(data);
            if (pad) WriteByte(e.VR.PaddingByte);
        }

        public byte[] ToArray()
        {
            var result = new byte[_len];
            Buffer.BlockCopy(_buf, 0, result, 0, _len);
            return result;
        }
    }
}
