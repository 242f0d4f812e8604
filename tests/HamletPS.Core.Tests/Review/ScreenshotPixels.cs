using System;
using System.IO;
using System.IO.Compression;

namespace HamletPS.Core.Tests.Review
{
    /// <summary>
    /// A minimal PNG reader for browser screenshots (8-bit RGB or RGBA, not interlaced): inflates the IDAT chunks and undoes
    /// the five row filters. Test-only; enough to look at what Chromium drew.
    /// </summary>
    internal sealed class ScreenshotPixels
    {
        private ScreenshotPixels(int width, int height, byte[] rgb)
        {
            Width = width;
            Height = height;
            Rgb = rgb;
        }

        public int Width { get; }

        public int Height { get; }

        /// <summary>RGB, 3 bytes a pixel, row by row.</summary>
        public byte[] Rgb { get; }

        public (byte R, byte G, byte B) At(int x, int y) { int i = (y * Width + x) * 3; return (Rgb[i], Rgb[i + 1], Rgb[i + 2]); }

        public static ScreenshotPixels Read(string path)
        {
            byte[] png = File.ReadAllBytes(path);
            int width = 0, height = 0, channels = 0;
            var idat = new MemoryStream();
            for (int at = 8; at + 8 <= png.Length;)
            {
                int length = (png[at] << 24) | (png[at + 1] << 16) | (png[at + 2] << 8) | png[at + 3];
                string type = System.Text.Encoding.ASCII.GetString(png, at + 4, 4);
                if (type == "IHDR")
                {
                    width = Big(png, at + 8);
                    height = Big(png, at + 12);
                    if (png[at + 16] != 8 || png[at + 20] != 0) throw new InvalidDataException("only 8-bit non-interlaced screenshots");
                    channels = png[at + 17] == 2 ? 3 : png[at + 17] == 6 ? 4 : throw new InvalidDataException("colour type " + png[at + 17]);
                }
                else if (type == "IDAT") idat.Write(png, at + 8, length);
                else if (type == "IEND") break;
                at += 12 + length;
            }
            idat.Position = 0;
            var raw = new MemoryStream();
            using (var z = new ZLibStream(idat, CompressionMode.Decompress)) z.CopyTo(raw);
            byte[] data = raw.ToArray();
            int stride = width * channels;
            var previous = new byte[stride];
            var current = new byte[stride];
            var rgb = new byte[width * height * 3];
            for (int y = 0; y < height; y++)
            {
                int filter = data[y * (stride + 1)];
                Buffer.BlockCopy(data, y * (stride + 1) + 1, current, 0, stride);
                for (int i = 0; i < stride; i++)
                {
                    int a = i >= channels ? current[i - channels] : 0, b = previous[i], c = i >= channels ? previous[i - channels] : 0;
                    int add = filter switch { 0 => 0, 1 => a, 2 => b, 3 => (a + b) / 2, 4 => Paeth(a, b, c), _ => throw new InvalidDataException("filter " + filter) };
                    current[i] = (byte)(current[i] + add);
                }
                for (int x = 0; x < width; x++)
                    for (int k = 0; k < 3; k++) rgb[(y * width + x) * 3 + k] = current[x * channels + k];
                (previous, current) = (current, previous);
            }
            return new ScreenshotPixels(width, height, rgb);
        }

        private static int Paeth(int a, int b, int c)
        {
            int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
            return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
        }

        private static int Big(byte[] b, int at) => (b[at] << 24) | (b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3];
    }
}
