using System;
using System.IO;
using System.Text;

namespace HamletPS.Dicom.IO
{
    /// <summary>
    /// Reads just enough of a Part 10 file for sending it: the group 0002 elements (Explicit VR Little Endian, PS3.10 7.1) give
    /// the SOP class, SOP instance and transfer syntax, and the offset where the data set starts. Bounded: the meta group may
    /// not exceed 64 KiB.
    /// </summary>
    public sealed class FileMetaInformationProbe
    {
        private const int MaxMetaLength = 64 * 1024;

        public string? Path { get; private set; }

        public string? SopClassUid { get; private set; }

        public string? SopInstanceUid { get; private set; }

        public string? TransferSyntaxUid { get; private set; }

        /// <summary>Byte offset of the first data set element (after the file meta group).</summary>
        public long DataSetOffset { get; private set; }

        /// <summary>Length of the data set in bytes (file length minus <see cref="DataSetOffset"/>).</summary>
        public long DataSetLength { get; private set; }

        /// <summary>Probes a file; throws <see cref="DicomFormatException"/> naming the file and offset when it is not Part 10.</summary>
        public static FileMetaInformationProbe Read(string path)
        {
            using (var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096))
                return Read(fs, path);
        }

        public static FileMetaInformationProbe Read(Stream stream, string path)
        {
            var probe = new FileMetaInformationProbe { Path = path };
            var head = new byte[132];
            if (ReadFully(stream, head, 0, 132) < 132 || Encoding.ASCII.GetString(head, 128, 4) != "DICM")
                throw new DicomFormatException(path, 128, "no DICM prefix: not a DICOM Part 10 file");
            long pos = 132;
            var hdr = new byte[12];
            byte[] value = new byte[256];
            while (true)
            {
                int got = ReadFully(stream, hdr, 0, 8);
                if (got < 8) throw new DicomFormatException(path, pos, "file ends inside the file meta group");
                ushort group = (ushort)(hdr[0] | hdr[1] << 8);
                if (group != 0x0002)
                {
                    probe.DataSetOffset = pos;
                    break;
                }
                ushort element = (ushort)(hdr[2] | hdr[3] << 8);
                string vr = Encoding.ASCII.GetString(hdr, 4, 2);
                long length;
                int headerLength = 8;
                if (vr == "OB" || vr == "OW" || vr == "OF" || vr == "SQ" || vr == "UT" || vr == "UN" || vr == "UC" || vr == "UR" || vr == "OD" || vr == "OL" || vr == "OV")
                {
                    if (ReadFully(stream, hdr, 8, 4) < 4) throw new DicomFormatException(path, pos, "file ends inside a file meta element header");
                    length = (uint)(hdr[8] | hdr[9] << 8 | hdr[10] << 16 | hdr[11] << 24);
                    headerLength = 12;
                }
                else
                {
                    length = (ushort)(hdr[6] | hdr[7] << 8);
                }
                if (pos + headerLength + length - 132 > MaxMetaLength)
                    throw new DicomFormatException(path, pos, "file meta group longer than " + MaxMetaLength + " bytes");
                if (value.Length < length) value = new byte[length];
                if (ReadFully(stream, value, 0, (int)length) < length) throw new DicomFormatException(path, pos, "file ends inside a file meta element");
                string Text() => Encoding.ASCII.GetString(value, 0, (int)length).TrimEnd('\0', ' ');
                switch (element)
                {
                    case 0x0002: probe.SopClassUid = Text(); break;
                    case 0x0003: probe.SopInstanceUid = Text(); break;
                    case 0x0010: probe.TransferSyntaxUid = Text(); break;
                }
                pos += headerLength + length;
            }
            if (string.IsNullOrEmpty(probe.SopClassUid)) throw new DicomFormatException(path, 132, "file meta group lacks Media Storage SOP Class UID (0002,0002)");
            if (string.IsNullOrEmpty(probe.SopInstanceUid)) throw new DicomFormatException(path, 132, "file meta group lacks Media Storage SOP Instance UID (0002,0003)");
            if (string.IsNullOrEmpty(probe.TransferSyntaxUid)) throw new DicomFormatException(path, 132, "file meta group lacks Transfer Syntax UID (0002,0010)");
            probe.DataSetLength = Math.Max(0, stream.Length - probe.DataSetOffset);
            return probe;
        }

        private static int ReadFully(Stream s, byte[] b, int offset, int count)
        {
            int total = 0;
            while (total < count)
            {
                int n = s.Read(b, offset + total, count - total);
                if (n <= 0) break;
                total += n;
            }
            return total;
        }
    }
}
