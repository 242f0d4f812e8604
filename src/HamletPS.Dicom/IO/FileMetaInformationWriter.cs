using System.IO;
using System.Text;
using HamletPS.Dicom.Dictionary;

namespace HamletPS.Dicom.IO
{
    /// <summary>
    /// Writes the Part 10 header of a received object (PS3.10 7.1): 128-byte preamble, "DICM", and the group 0002 file meta
    /// elements in Explicit VR Little Endian — group length, version 00 01, media storage SOP class/instance from the C-STORE
    /// command, the negotiated transfer syntax, our implementation class UID and version name, and the sender's AE title.
    /// </summary>
    public static class FileMetaInformationWriter
    {
        public static byte[] Build(string sopClassUid, string sopInstanceUid, string transferSyntaxUid, string sourceAeTitle)
        {
            var group = new MemoryStream(256);
            Element(group, 0x0001, "OB", new byte[] { 0x00, 0x01 });
            Element(group, 0x0002, "UI", Uid(sopClassUid));
            Element(group, 0x0003, "UI", Uid(sopInstanceUid));
            Element(group, 0x0010, "UI", Uid(transferSyntaxUid));
            Element(group, 0x0012, "UI", Uid(DicomUids.ImplementationClassUid));
            Element(group, 0x0013, "SH", Text(IO.DicomWriter.ImplementationVersionName));
            if (!string.IsNullOrEmpty(sourceAeTitle)) Element(group, 0x0016, "AE", Text(sourceAeTitle));

            var all = new MemoryStream(144 + (int)group.Length + 12);
            all.Write(new byte[128], 0, 128);
            all.Write(Encoding.ASCII.GetBytes("DICM"), 0, 4);
            uint length = (uint)group.Length;
            Element(all, 0x0000, "UL", new[] { (byte)length, (byte)(length >> 8), (byte)(length >> 16), (byte)(length >> 24) });
            group.Position = 0;
            group.CopyTo(all);
            return all.ToArray();
        }

        private static byte[] Uid(string uid)
        {
            byte[] b = Encoding.ASCII.GetBytes(uid ?? string.Empty);
            if ((b.Length & 1) == 0) return b;
            var padded = new byte[b.Length + 1];
            b.CopyTo(padded, 0);
            return padded;                       // UI pads with NUL
        }

        private static byte[] Text(string text)
        {
            string t = text ?? string.Empty;
            if ((t.Length & 1) == 1) t += " ";   // SH/AE pad with space
            return Encoding.ASCII.GetBytes(t);
        }

        private static void Element(Stream s, ushort element, string vr, byte[] value)
        {
            s.WriteByte(0x02); s.WriteByte(0x00);
            s.WriteByte((byte)element); s.WriteByte((byte)(element >> 8));
            s.WriteByte((byte)vr[0]); s.WriteByte((byte)vr[1]);
            if (vr == "OB" || vr == "UN" || vr == "SQ")
            {
                s.WriteByte(0); s.WriteByte(0);
                uint len = (uint)value.Length;
                s.WriteByte((byte)len); s.WriteByte((byte)(len >> 8)); s.WriteByte((byte)(len >> 16)); s.WriteByte((byte)(len >> 24));
            }
            else
            {
                s.WriteByte((byte)value.Length); s.WriteByte((byte)(value.Length >> 8));
            }
            s.Write(value, 0, value.Length);
        }
    }
}
