using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Compression;
using System.Text;

namespace HamletPS.Synthetic
{
    /// <summary>
    /// Files an attacker or a broken sender could send, built byte by byte (our writer would refuse to make them): deflate
    /// bombs and floods of tiny elements. Every identifying value in them is synthetic.
    /// </summary>
    public static class HostileDicom
    {
        /// <summary>Secondary Capture Image Storage: any SOP class will do, the receiver's default list accepts this one.</summary>
        public const string SopClassUid = "1.2.840.10008.5.1.4.1.1.7";

        public const string DeflatedTransferSyntax = "1.2.840.10008.1.2.1.99";
        public const string ExplicitLittleTransferSyntax = "1.2.840.10008.1.2.1";
        public const string PatientId = "SYNBOMB01";

        /// <summary>
        /// A Deflated Explicit VR Little Endian Part 10 file whose dataset declares a private OB value of
        /// <paramref name="declaredLength"/> bytes and then holds <paramref name="zeros"/> zero bytes: a few hundred kilobytes on
        /// disk for hundreds of megabytes inflated. Returns the deflated dataset bytes (what a C-STORE would carry).
        /// </summary>
        public static byte[] WriteDeflateBombOneValue(string path, string sopInstanceUid, uint declaredLength, long zeros)
        {
            byte[] body = Deflate(s =>
            {
                Header(s, sopInstanceUid);
                Element(s, 0x0009, 0x0010, "LO", Text("HAMLET BOMB"));
                LongHeader(s, 0x0009, 0x1001, "OB", declaredLength);
                WriteZeros(s, zeros);
            });
            WritePart10(path, sopInstanceUid, DeflatedTransferSyntax, body);
            return body;
        }

        /// <summary>
        /// A Deflated Explicit VR Little Endian file whose dataset is a private sequence of <paramref name="items"/> items, each
        /// holding one zero value of <paramref name="valueLength"/> bytes (under the 64 KiB at which values are referenced): every
        /// value is legal on its own, together they inflate to items × valueLength bytes.
        /// </summary>
        public static byte[] WriteDeflateBombManyValues(string path, string sopInstanceUid, int items, int valueLength)
        {
            byte[] body = Deflate(s =>
            {
                Header(s, sopInstanceUid);
                Element(s, 0x0009, 0x0010, "LO", Text("HAMLET BOMB"));
                LongHeader(s, 0x0009, 0x1002, "SQ", 0xFFFFFFFFu);
                var zero = new byte[valueLength];
                for (int i = 0; i < items; i++)
                {
                    ItemHeader(s, 0xE000, 0xFFFFFFFFu);
                    Element(s, 0x0009, 0x0010, "LO", Text("HAMLET BOMB"));
                    LongHeader(s, 0x0009, 0x1001, "OB", (uint)valueLength);
                    s.Write(zero, 0, zero.Length);
                    ItemHeader(s, 0xE00D, 0);
                }
                ItemHeader(s, 0xE0DD, 0);
            });
            WritePart10(path, sopInstanceUid, DeflatedTransferSyntax, body);
            return body;
        }

        /// <summary>
        /// An Explicit VR Little Endian file (not compressed) whose dataset is a private sequence of <paramref name="items"/>
        /// items of one two-byte element each: 22 bytes per item on disk, many objects in memory.
        /// </summary>
        public static void WriteTinyElementFlood(string path, string sopInstanceUid, int items)
        {
            using var ms = new MemoryStream();
            Header(ms, sopInstanceUid);
            Element(ms, 0x0009, 0x0010, "LO", Text("HAMLET FLOOD"));
            LongHeader(ms, 0x0009, 0x1002, "SQ", 0xFFFFFFFFu);
            var item = new MemoryStream();
            Element(item, 0x0009, 0x1001, "US", new byte[] { 1, 0 });
            byte[] itemBody = item.ToArray();
            for (int i = 0; i < items; i++)
            {
                ItemHeader(ms, 0xE000, (uint)itemBody.Length);
                ms.Write(itemBody, 0, itemBody.Length);
            }
            ItemHeader(ms, 0xE0DD, 0);
            WritePart10(path, sopInstanceUid, ExplicitLittleTransferSyntax, ms.ToArray());
        }

        private static byte[] Deflate(Action<Stream> write)
        {
            using var ms = new MemoryStream();
            using (var deflate = new DeflateStream(ms, CompressionLevel.SmallestSize, leaveOpen: true)) write(deflate);
            return ms.ToArray();
        }

        private static void Header(Stream s, string sopInstanceUid)
        {
            Element(s, 0x0008, 0x0016, "UI", Uid(SopClassUid));
            Element(s, 0x0008, 0x0018, "UI", Uid(sopInstanceUid));
            Element(s, 0x0008, 0x0060, "CS", Text("OT"));
            Element(s, 0x0010, 0x0010, "PN", Text("Bomb^Synthetic"));
            Element(s, 0x0010, 0x0020, "LO", Text(PatientId));
        }

        private static void WritePart10(string path, string sopInstanceUid, string transferSyntax, byte[] body)
        {
            var group = new MemoryStream();
            Element(group, 0x0002, 0x0001, "OB", new byte[] { 0, 1 });
            Element(group, 0x0002, 0x0002, "UI", Uid(SopClassUid));
            Element(group, 0x0002, 0x0003, "UI", Uid(sopInstanceUid));
            Element(group, 0x0002, 0x0010, "UI", Uid(transferSyntax));
            Element(group, 0x0002, 0x0012, "UI", Uid("2.25.1"));
            using var fs = new FileStream(path, FileMode.Create, FileAccess.Write);
            fs.Write(new byte[128], 0, 128);
            fs.Write(Encoding.ASCII.GetBytes("DICM"), 0, 4);
            var length = new byte[4];
            BinaryPrimitives.WriteUInt32LittleEndian(length, (uint)group.Length);
            Element(fs, 0x0002, 0x0000, "UL", length);
            group.Position = 0;
            group.CopyTo(fs);
            fs.Write(body, 0, body.Length);
        }

        private static void WriteZeros(Stream s, long count)
        {
            var zero = new byte[1 << 20];
            while (count > 0)
            {
                int n = (int)Math.Min(count, zero.Length);
                s.Write(zero, 0, n);
                count -= n;
            }
        }

        private static byte[] Text(string value)
        {
            if (value.Length % 2 == 1) value += " ";
            return Encoding.ASCII.GetBytes(value);
        }

        private static byte[] Uid(string value)
        {
            var b = Encoding.ASCII.GetBytes(value);
            if (b.Length % 2 == 0) return b;
            Array.Resize(ref b, b.Length + 1);
            return b;
        }

        private static void Element(Stream s, ushort group, ushort element, string vr, byte[] value)
        {
            if (vr == "OB" || vr == "SQ" || vr == "UN" || vr == "UT")
            {
                LongHeader(s, group, element, vr, (uint)value.Length);
            }
            else
            {
                var h = new byte[8];
                BinaryPrimitives.WriteUInt16LittleEndian(h.AsSpan(0), group);
                BinaryPrimitives.WriteUInt16LittleEndian(h.AsSpan(2), element);
                h[4] = (byte)vr[0];
                h[5] = (byte)vr[1];
                BinaryPrimitives.WriteUInt16LittleEndian(h.AsSpan(6), (ushort)value.Length);
                s.Write(h, 0, 8);
            }
            s.Write(value, 0, value.Length);
        }

        private static void LongHeader(Stream s, ushort group, ushort element, string vr, uint length)
        {
            var h = new byte[12];
            BinaryPrimitives.WriteUInt16LittleEndian(h.AsSpan(0), group);
            BinaryPrimitives.WriteUInt16LittleEndian(h.AsSpan(2), element);
            h[4] = (byte)vr[0];
            h[5] = (byte)vr[1];
            BinaryPrimitives.WriteUInt32LittleEndian(h.AsSpan(8), length);
            s.Write(h, 0, 12);
        }

        private static void ItemHeader(Stream s, ushort element, uint length)
        {
            var h = new byte[8];
            BinaryPrimitives.WriteUInt16LittleEndian(h.AsSpan(0), 0xFFFE);
            BinaryPrimitives.WriteUInt16LittleEndian(h.AsSpan(2), element);
            BinaryPrimitives.WriteUInt32LittleEndian(h.AsSpan(4), length);
            s.Write(h, 0, 8);
        }
    }
}
