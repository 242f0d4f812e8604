using System;
using System.IO;
using System.Text;
using HamletPS.Dicom.IO;
using HamletPS.Dicom.Network;
using HamletPS.Dicom.Dictionary;

namespace HamletPS.Bench.Network
{
    /// <summary>
    /// Minimal valid CT Image Storage files (synthetic, no real person): file meta + an Implicit VR Little Endian data set with
    /// the identifying module attributes and 16-bit pixel data sized to reach the requested file size.
    /// </summary>
    public static class SyntheticCtWriter
    {
        public const string CtImageStorage = "1.2.840.10008.5.1.4.1.1.2";

        public static void WriteSeries(string folder, int count, long bytesPerFile)
        {
            Directory.CreateDirectory(folder);
            string study = "2.25." + Guid.NewGuid().ToString("N").Substring(0, 24).Select16();
            for (int i = 0; i < count; i++)
            {
                string sop = study + "." + (i + 1);
                WriteFile(Path.Combine(folder, "CT" + (i + 1).ToString("D5") + ".dcm"), sop, study, i, bytesPerFile);
            }
        }

        private static string Select16(this string hex) => System.Numerics.BigInteger.Parse("0" + hex, System.Globalization.NumberStyles.HexNumber).ToString();

        public static void WriteFile(string path, string sopInstanceUid, string studyUid, int index, long bytesPerFile)
        {
            using (var fs = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
            {
                byte[] meta = FileMetaInformationWriter.Build(CtImageStorage, sopInstanceUid, DicomUids.ImplicitVRLittleEndian, "BENCHGEN");
                fs.Write(meta, 0, meta.Length);
                var ds = new MemoryStream();
                Str(ds, 0x0008, 0x0016, CtImageStorage, true);
                Str(ds, 0x0008, 0x0018, sopInstanceUid, true);
                Str(ds, 0x0008, 0x0060, "CT", false);
                Str(ds, 0x0010, 0x0010, "Synthetic^Bench", false);
                Str(ds, 0x0010, 0x0020, "BENCH0001", false);
                Str(ds, 0x0020, 0x000D, studyUid, true);
                Str(ds, 0x0020, 0x000E, studyUid + ".1", true);
                Str(ds, 0x0020, 0x0013, (index + 1).ToString(), false);
                long pixelBytes = Math.Max(2, (bytesPerFile - meta.Length - ds.Length - 100) & ~1L);
                int columns = 512;
                int rows = (int)Math.Max(1, pixelBytes / (columns * 2));
                pixelBytes = (long)rows * columns * 2;
                U16(ds, 0x0028, 0x0002, 1);
                Str(ds, 0x0028, 0x0004, "MONOCHROME2", false);
                U16(ds, 0x0028, 0x0010, (ushort)rows);
                U16(ds, 0x0028, 0x0011, (ushort)columns);
                U16(ds, 0x0028, 0x0100, 16);
                U16(ds, 0x0028, 0x0101, 16);
                U16(ds, 0x0028, 0x0102, 15);
                U16(ds, 0x0028, 0x0103, 1);
                Header(ds, 0x7FE0, 0x0010, (uint)pixelBytes);
                ds.WriteTo(fs);
                var chunk = new byte[1 << 16];
                new Random(index).NextBytes(chunk);
                for (long left = pixelBytes; left > 0; left -= chunk.Length) fs.Write(chunk, 0, (int)Math.Min(chunk.Length, left));
            }
        }

        private static void Header(Stream s, ushort g, ushort e, uint len)
        {
            s.WriteByte((byte)g); s.WriteByte((byte)(g >> 8)); s.WriteByte((byte)e); s.WriteByte((byte)(e >> 8));
            s.WriteByte((byte)len); s.WriteByte((byte)(len >> 8)); s.WriteByte((byte)(len >> 16)); s.WriteByte((byte)(len >> 24));
        }

        private static void Str(Stream s, ushort g, ushort e, string v, bool uid)
        {
            if (v.Length % 2 == 1) v += uid ? "\0" : " ";
            Header(s, g, e, (uint)v.Length);
            byte[] b = Encoding.ASCII.GetBytes(v);
            s.Write(b, 0, b.Length);
        }

        private static void U16(Stream s, ushort g, ushort e, ushort v)
        {
            Header(s, g, e, 2);
            s.WriteByte((byte)v); s.WriteByte((byte)(v >> 8));
        }
    }
}
