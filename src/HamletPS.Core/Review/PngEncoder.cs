using System;
using System.IO;
using System.IO.Compression;
using System.Text;

namespace HamletPS.Core.Review
{
    /// <summary>
    /// Writes an 8-bit RGB image as a PNG (signature, IHDR, one IDAT, IEND; filter type 0 on every row): the zlib stream
    /// is a raw deflate with its two-byte header and Adler-32 trailer, each chunk carries its CRC-32 (ISO 3309).
    /// </summary>
    public static class PngEncoder
    {
        private static readonly uint[] CrcTable = BuildCrcTable();

        /// <summary>Encodes <paramref name="rgb"/> (width*height*3 bytes, row by row, top to bottom).</summary>
        public static byte[] EncodeRgb(int width, int height, byte[] rgb)
        {
            if (width <= 0 || height <= 0) throw new ArgumentOutOfRangeException(nameof(width), "A PNG needs at least one pixel.");
            if (rgb == null || rgb.Length < (long)width * height * 3) throw new ArgumentException("Fewer pixel bytes than width*height*3.", nameof(rgb));
            using (var png = new MemoryStream())
            {
                png.Write(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, 0, 8);
                var header = new byte[13];
                WriteBigEndian(header, 0, (uint)width);
                WriteBigEndian(header, 4, (uint)height);
                header[8] = 8;  // bit depth
                header[9] = 2;  // colour type: truecolour
                WriteChunk(png, "IHDR", header);
                WriteChunk(png, "IDAT", Zlib(width, height, rgb));
                WriteChunk(png, "IEND", Array.Empty<byte>());
                return png.ToArray();
            }
        }

        private static byte[] Zlib(int width, int height, byte[] rgb)
        {
            using (var output = new MemoryStream())
            {
                output.WriteByte(0x78);
                output.WriteByte(0x9C);
                uint a = 1, b = 0;
                int stride = width * 3;
                using (var deflate = new DeflateStream(output, CompressionLevel.Optimal, leaveOpen: true))
                {
                    var filter = new byte[1];
                    for (int y = 0; y < height; y++)
                    {
                        deflate.Write(filter, 0, 1);
                        b = (b + a) % 65521; // Adler-32 of the filter byte (0)
                        deflate.Write(rgb, y * stride, stride);
                        for (int i = y * stride, end = i + stride; i < end; i++)
                        {
                            a = (a + rgb[i]) % 65521;
                            b = (b + a) % 65521;
                        }
                    }
                }
                var trailer = new byte[4];
                WriteBigEndian(trailer, 0, (b << 16) | a);
                output.Write(trailer, 0, 4);
                return output.ToArray();
            }
        }

        private static void WriteChunk(Stream png, string type, byte[] data)
        {
            var length = new byte[4];
            WriteBigEndian(length, 0, (uint)data.Length);
            png.Write(length, 0, 4);
            byte[] typeBytes = Encoding.ASCII.GetBytes(type);
            png.Write(typeBytes, 0, 4);
            png.Write(data, 0, data.Length);
            uint crc = Crc32(0xFFFFFFFFu, typeBytes);
            crc = Crc32(crc, data) ^ 0xFFFFFFFFu;
            var crcBytes = new byte[4];
            WriteBigEndian(crcBytes, 0, crc);
            png.Write(crcBytes, 0, 4);
        }

        private static uint Crc32(uint crc, byte[] data)
        {
            foreach (byte d in data) crc = CrcTable[(crc ^ d) & 0xFF] ^ (crc >> 8);
            return crc;
        }

        private static uint[] BuildCrcTable()
        {
            var table = new uint[256];
            for (uint n = 0; n < 256; n++)
            {
                uint c = n;
                for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
                table[n] = c;
            }
            return table;
        }

        private static void WriteBigEndian(byte[] buffer, int offset, uint value)
        {
            buffer[offset] = (byte)(value >> 24);
            buffer[offset + 1] = (byte)(value >> 16);
            buffer[offset + 2] = (byte)(value >> 8);
            buffer[offset + 3] = (byte)value;
        }
    }
}
