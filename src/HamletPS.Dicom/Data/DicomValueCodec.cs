using System;
using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace HamletPS.Dicom.Data
{
    /// <summary>Binary number encoding/decoding of element values (in-memory values are little endian).</summary>
    internal static class DicomValueCodec
    {
        /// <summary>Number of binary values in the element (0 for strings).</summary>
        public static int BinaryCount(DicomVR vr, int byteLength)
        {
            if (vr == DicomVR.AT) return byteLength / 4;
            if (vr.IsString || vr.UnitSize <= 1) return 0;
            return byteLength / vr.UnitSize;
        }

        public static bool TryGetBinaryDouble(DicomVR vr, byte[] b, int index, out double value)
        {
            value = 0;
            if (index < 0) return false;
            int size = vr.UnitSize;
            int at = index * size;
            if (vr == DicomVR.AT || vr.IsString || size <= 1 || at + size > b.Length) return false;
            var span = new ReadOnlySpan<byte>(b, at, size);
            if (vr == DicomVR.US || vr == DicomVR.OW) value = BinaryPrimitives.ReadUInt16LittleEndian(span);
            else if (vr == DicomVR.SS) value = BinaryPrimitives.ReadInt16LittleEndian(span);
            else if (vr == DicomVR.UL || vr == DicomVR.OL) value = BinaryPrimitives.ReadUInt32LittleEndian(span);
            else if (vr == DicomVR.SL) value = BinaryPrimitives.ReadInt32LittleEndian(span);
            else if (vr == DicomVR.FL || vr == DicomVR.OF) value = BitConverter.ToSingle(LittleEndianCopy(b, at, 4), 0);
            else if (vr == DicomVR.FD || vr == DicomVR.OD) value = BitConverter.ToDouble(LittleEndianCopy(b, at, 8), 0);
            else if (vr == DicomVR.SV) value = BinaryPrimitives.ReadInt64LittleEndian(span);
            else if (vr == DicomVR.UV || vr == DicomVR.OV) value = BinaryPrimitives.ReadUInt64LittleEndian(span);
            else return false;
            return true;
        }

        public static bool TryGetBinaryLong(DicomVR vr, byte[] b, int index, out long value)
        {
            value = 0;
            int size = vr.UnitSize;
            int at = index * size;
            if (index < 0 || vr == DicomVR.AT || vr.IsString || size <= 1 || at + size > b.Length) return false;
            var span = new ReadOnlySpan<byte>(b, at, size);
            if (vr == DicomVR.US || vr == DicomVR.OW) value = BinaryPrimitives.ReadUInt16LittleEndian(span);
            else if (vr == DicomVR.SS) value = BinaryPrimitives.ReadInt16LittleEndian(span);
            else if (vr == DicomVR.UL || vr == DicomVR.OL) value = BinaryPrimitives.ReadUInt32LittleEndian(span);
            else if (vr == DicomVR.SL) value = BinaryPrimitives.ReadInt32LittleEndian(span);
            else if (vr == DicomVR.SV) value = BinaryPrimitives.ReadInt64LittleEndian(span);
            else if (vr == DicomVR.UV || vr == DicomVR.OV) value = (long)BinaryPrimitives.ReadUInt64LittleEndian(span);
            else if (TryGetBinaryDouble(vr, b, index, out double d) && d == Math.Floor(d) && Math.Abs(d) < 9.2e18) value = (long)d;
            else return false;
            return true;
        }

        private static byte[] LittleEndianCopy(byte[] b, int at, int size)
        {
            var tmp = new byte[size];
            Buffer.BlockCopy(b, at, tmp, 0, size);
            if (!BitConverter.IsLittleEndian) Array.Reverse(tmp);
            return tmp;
        }

        /// <summary>Binary values formatted invariantly and joined with '\' (AT as (gggg,eeee)).</summary>
        public static string FormatBinary(DicomElement e)
        {
            var vr = e.VR;
            if (vr == DicomVR.SQ || e.Data == null) return string.Empty;
            var b = e.Data;
            var sb = new StringBuilder();
            if (vr == DicomVR.AT)
            {
                for (int i = 0; i + 4 <= b.Length; i += 4)
                {
                    if (i > 0) sb.Append('\\');
                    sb.Append(new DicomTag(BinaryPrimitives.ReadUInt16LittleEndian(new ReadOnlySpan<byte>(b, i, 2)),
                                           BinaryPrimitives.ReadUInt16LittleEndian(new ReadOnlySpan<byte>(b, i + 2, 2))).ToString());
                }
                return sb.ToString();
            }
            if (vr.UnitSize <= 1)
            {
                for (int i = 0; i < b.Length; i++) sb.Append(i == 0 ? "" : "\\").Append(b[i].ToString("x2", CultureInfo.InvariantCulture));
                return sb.ToString();
            }
            int count = b.Length / vr.UnitSize;
            bool isFloat = vr == DicomVR.FL || vr == DicomVR.OF || vr == DicomVR.FD || vr == DicomVR.OD;
            for (int i = 0; i < count; i++)
            {
                if (i > 0) sb.Append('\\');
                if (isFloat)
                {
                    TryGetBinaryDouble(vr, b, i, out double d);
                    sb.Append(vr == DicomVR.FL || vr == DicomVR.OF ? ((float)d).ToString("R", CultureInfo.InvariantCulture) : d.ToString("R", CultureInfo.InvariantCulture));
                }
                else if (vr == DicomVR.UV || vr == DicomVR.OV)
                    sb.Append(BinaryPrimitives.ReadUInt64LittleEndian(new ReadOnlySpan<byte>(b, i * 8, 8)).ToString(CultureInfo.InvariantCulture));
                else
                {
                    TryGetBinaryLong(vr, b, i, out long l);
                    sb.Append(l.ToString(CultureInfo.InvariantCulture));
                }
            }
            return sb.ToString();
        }

        /// <summary>Encodes numbers given as text ("512", "-1.5", "(0010,0010)" for AT) in the binary VR.</summary>
        public static byte[] EncodeBinary(DicomVR vr, string[] values)
        {
            if (vr == DicomVR.AT)
            {
                var at = new byte[values.Length * 4];
                for (int i = 0; i < values.Length; i++)
                {
                    var t = DicomTag.Parse(values[i]);
                    BinaryPrimitives.WriteUInt16LittleEndian(new Span<byte>(at, i * 4, 2), t.Group);
                    BinaryPrimitives.WriteUInt16LittleEndian(new Span<byte>(at, i * 4 + 2, 2), t.Element);
                }
                return at;
            }
            var nums = new double[values.Length];
            for (int i = 0; i < values.Length; i++)
            {
                if (!double.TryParse(values[i], NumberStyles.Float, CultureInfo.InvariantCulture, out nums[i]))
                    throw new FormatException("Value " + (i + 1) + " is not a number for VR " + vr.Code + ".");
            }
            return EncodeBinary(vr, nums);
        }

        /// <summary>Encodes numbers in the binary VR (range-checked for integer VRs).</summary>
        public static byte[] EncodeBinary(DicomVR vr, double[] values)
        {
            int size = vr.UnitSize;
            if (vr.IsString || size <= 1 || vr == DicomVR.AT) throw new ArgumentException("VR " + vr.Code + " does not hold binary numbers.");
            var b = new byte[values.Length * size];
            for (int i = 0; i < values.Length; i++)
            {
                var span = new Span<byte>(b, i * size, size);
                double v = values[i];
                if (vr == DicomVR.FL || vr == DicomVR.OF) BinaryPrimitives.WriteInt32LittleEndian(span, SingleBits((float)v));
                else if (vr == DicomVR.FD || vr == DicomVR.OD) BinaryPrimitives.WriteInt64LittleEndian(span, BitConverter.DoubleToInt64Bits(v));
                else
                {
                    if (v != Math.Floor(v)) throw new FormatException("Value " + (i + 1) + " is not an integer for VR " + vr.Code + ".");
                    if (vr == DicomVR.US || vr == DicomVR.OW) BinaryPrimitives.WriteUInt16LittleEndian(span, checked((ushort)v));
                    else if (vr == DicomVR.SS) BinaryPrimitives.WriteInt16LittleEndian(span, checked((short)v));
                    else if (vr == DicomVR.UL || vr == DicomVR.OL) BinaryPrimitives.WriteUInt32LittleEndian(span, checked((uint)v));
                    else if (vr == DicomVR.SL) BinaryPrimitives.WriteInt32LittleEndian(span, checked((int)v));
                    else if (vr == DicomVR.SV) BinaryPrimitives.WriteInt64LittleEndian(span, checked((long)v));
                    else BinaryPrimitives.WriteUInt64LittleEndian(span, checked((ulong)v));
                }
            }
            return b;
        }

        public static byte[] EncodeBinary(DicomVR vr, long[] values)
        {
            int size = vr.UnitSize;
            if (vr == DicomVR.SV || vr == DicomVR.UV || vr == DicomVR.OV)
            {
                var b = new byte[values.Length * 8];
                for (int i = 0; i < values.Length; i++) BinaryPrimitives.WriteInt64LittleEndian(new Span<byte>(b, i * 8, 8), values[i]);
                return b;
            }
            var d = new double[values.Length];
            for (int i = 0; i < values.Length; i++) d[i] = values[i];
            return EncodeBinary(vr, d);
        }

        private static int SingleBits(float f)
        {
            var tmp = BitConverter.GetBytes(f);
            return BitConverter.IsLittleEndian ? BitConverter.ToInt32(tmp, 0) : BinaryPrimitives.ReverseEndianness(BitConverter.ToInt32(tmp, 0));
        }
    }
}
