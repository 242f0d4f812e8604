using System;
using System.IO;
using System.Text;

namespace HamletPS.Core.Archive
{
    /// <summary>ZIP (APPNOTE 6.3) constants and little-endian helpers shared by the writer and the reader.</summary>
    internal static class ZipFormat
    {
        public const uint LocalHeaderSignature = 0x04034b50;
        public const uint CentralHeaderSignature = 0x02014b50;
        public const uint EndOfCentralDirectorySignature = 0x06054b50;
        public const uint Zip64EndOfCentralDirectorySignature = 0x06064b50;
        public const uint Zip64LocatorSignature = 0x07064b50;
        public const ushort Zip64ExtraId = 0x0001;
        public const ushort FlagUtf8 = 0x0800;
        public const ushort FlagDataDescriptor = 0x0008;
        public const ushort FlagEncrypted = 0x0001;
        public const ushort VersionDefault = 20;
        public const ushort VersionZip64 = 45;
        public const ushort MadeByUnix = 3 << 8;
        public const uint UnixRegularFile644 = 0x81A4u << 16;
        public const int LocalHeaderSize = 30;
        public const int CentralHeaderSize = 46;
        public const int EndOfCentralDirectorySize = 22;
        public const int Zip64EndOfCentralDirectorySize = 56;
        public const int Zip64LocatorSize = 20;

        public static readonly Encoding Utf8 = new UTF8Encoding(false, true);

        public static bool IsAscii(string s)
        {
            foreach (char c in s) if (c > 0x7E) return false;
            return true;
        }

        /// <summary>MS-DOS date and time (local time, 2-second resolution, clamped to 1980..2107).</summary>
        public static void ToDosDateTime(DateTime time, out ushort dosTime, out ushort dosDate)
        {
            if (time.Kind == DateTimeKind.Utc) time = time.ToLocalTime();
            if (time.Year < 1980) time = new DateTime(1980, 1, 1);
            if (time.Year > 2107) time = new DateTime(2107, 12, 31, 23, 59, 58);
            dosTime = (ushort)((time.Hour << 11) | (time.Minute << 5) | (time.Second / 2));
            dosDate = (ushort)(((time.Year - 1980) << 9) | (time.Month << 5) | time.Day);
        }

        public static void Put16(byte[] b, int at, int v) { b[at] = (byte)v; b[at + 1] = (byte)(v >> 8); }

        public static void Put32(byte[] b, int at, uint v)
        {
            b[at] = (byte)v; b[at + 1] = (byte)(v >> 8); b[at + 2] = (byte)(v >> 16); b[at + 3] = (byte)(v >> 24);
        }

        public static void Put64(byte[] b, int at, long v) { Put32(b, at, (uint)v); Put32(b, at + 4, (uint)((ulong)v >> 32)); }

        public static ushort Get16(byte[] b, int at) => (ushort)(b[at] | (b[at + 1] << 8));

        public static uint Get32(byte[] b, int at) => (uint)(b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24));

        public static long Get64(byte[] b, int at) => (long)(Get32(b, at) | ((ulong)Get32(b, at + 4) << 32));

        public static void ReadExactly(Stream s, byte[] buffer, int count)
        {
            int done = 0;
            while (done < count)
            {
                int n = s.Read(buffer, done, count - done);
                if (n <= 0) throw new EndOfStreamException();
                done += n;
            }
        }
    }
}
