using System;
using System.IO;
using HamletPS.Dicom.Data;
using HamletPS.Dicom.Dictionary;

namespace HamletPS.Core.Review
{
    /// <summary>
    /// Renders one frame of uncompressed pixel data as a small RGB tile (nearest neighbour), downsampled while reading: only the
    /// sampled rows of the chosen frame are read from the file (seeking past the rest), so memory is one row plus the tile whatever the
    /// image size or frame count. Greyscale uses the header's first Window Center/Width (after Rescale Slope/Intercept),
    /// else the sampled minimum and maximum; MONOCHROME1 is inverted. RT Dose is colour-washed over its sampled range.
    /// Returns null (with a reason) for what it cannot draw: encapsulated (compressed) pixel data, 1-bit data, odd layouts.
    /// </summary>
    public static class FrameRenderer
    {
        /// <summary>Longest side of a tile, in pixels.</summary>
        public const int TileSize = 96;

        /// <summary>Largest value loaded whole when it cannot be read in place (e.g. from a deflated file).</summary>
        private const long MaxLoadedValue = 64L * 1024 * 1024;

        /// <summary>Draws frame <paramref name="frame"/> of <paramref name="file"/>, which was read from <paramref name="source"/> (a
        /// seekable stream its large values refer to; it is read from, not disposed), or from loaded values when null.</summary>
        public static ThumbnailTile Render(DicomFile file, Stream source, int frame, bool doseColourWash, out string problem)
        {
            problem = null;
            DicomDataset ds = file.Dataset;
            DicomElement pixels = ds.GetElement(DicomTags.PixelData);
            int rows = ds.GetIntOrDefault(DicomTags.Rows, 0), cols = ds.GetIntOrDefault(DicomTags.Columns, 0);
            int bits = ds.GetIntOrDefault(DicomTags.BitsAllocated, 0), spp = ds.GetIntOrDefault(DicomTags.SamplesPerPixel, 1);
            int planar = ds.GetIntOrDefault(DicomTags.PlanarConfiguration, 0);
            bool signed = ds.GetIntOrDefault(DicomTags.PixelRepresentation, 0) == 1;
            string photometric = (ds.GetString(DicomTags.PhotometricInterpretation) ?? "MONOCHROME2").Trim();
            if (pixels == null) { problem = "no pixel data"; return null; }
            if (pixels is DicomFragmentSequence || (file.TransferSyntax != null && file.TransferSyntax.IsEncapsulated)) { problem = "compressed pixel data (no codec)"; return null; }
            if (rows <= 0 || cols <= 0 || (bits != 8 && bits != 16 && bits != 32) || (spp != 1 && spp != 3)) { problem = "pixel layout not drawn"; return null; }
            if (spp == 3 && !photometric.StartsWith("RGB", StringComparison.Ordinal)) { problem = "colour space " + photometric + " not drawn"; return null; }

            int bytesPerSample = bits / 8;
            long frameBytes = (long)rows * cols * spp * bytesPerSample;
            if (frameBytes * (frame + 1) > pixels.Length) { problem = "pixel data shorter than its frames"; return null; }
            // nearest neighbour onto a tile whose longer side is TileSize: rows are read once each, only those sampled
            double scale = (double)Math.Max(rows, cols) / TileSize;
            int tw = Math.Max(1, Math.Min(TileSize, (int)Math.Round(cols / scale))), th = Math.Max(1, Math.Min(TileSize, (int)Math.Round(rows / scale)));
            var sourceRow = new int[th];
            var sourceColumn = new int[tw];
            for (int y = 0; y < th; y++) sourceRow[y] = Math.Min(rows - 1, (int)(y * scale));
            for (int x = 0; x < tw; x++) sourceColumn[x] = Math.Min(cols - 1, (int)(x * scale));

            using (var reader = RowReader.Open(pixels, source, MaxLoadedValue))
            {
                if (reader == null) { problem = "pixel data too large to load"; return null; }
                bool bigEndian = reader.InPlace && pixels.Reference.SourceIsBigEndian; // loaded values are little endian already
                long frameStart = frameBytes * frame;
                if (spp == 3) return RenderRgb(reader, frameStart, rows, cols, bytesPerSample, planar, sourceRow, sourceColumn, scale);
                var values = new double[tw * th];
                var row = new byte[cols * bytesPerSample];
                double slope = ds.TryGetDouble(DicomTags.RescaleSlope, out double s) && s != 0 ? s : 1;
                double intercept = ds.TryGetDouble(DicomTags.RescaleIntercept, out double ic) ? ic : 0;
                double min = double.MaxValue, max = double.MinValue;
                for (int y = 0; y < th; y++)
                {
                    if (y == 0 || sourceRow[y] != sourceRow[y - 1]) reader.Read(frameStart + (long)sourceRow[y] * cols * bytesPerSample, row);
                    for (int x = 0; x < tw; x++)
                    {
                        double v = Sample(row, sourceColumn[x] * bytesPerSample, bytesPerSample, signed, bigEndian) * slope + intercept;
                        values[y * tw + x] = v;
                        if (v < min) min = v;
                        if (v > max) max = v;
                    }
                }
                double lo = min, hi = max;
                if (!doseColourWash && ds.TryGetDouble(DicomTags.WindowCenter, out double center) && ds.TryGetDouble(DicomTags.WindowWidth, out double width) && width > 1)
                {
                    lo = center - width / 2;
                    hi = center + width / 2;
                }
                bool invert = photometric == "MONOCHROME1";
                var rgb = new byte[tw * th * 3];
                for (int i = 0; i < values.Length; i++)
                {
                    double t = hi > lo ? (values[i] - lo) / (hi - lo) : 0;
                    t = t < 0 ? 0 : t > 1 ? 1 : t;
                    if (doseColourWash) Wash(t, rgb, i * 3);
                    else
                    {
                        byte g = (byte)Math.Round((invert ? 1 - t : t) * 255);
                        rgb[i * 3] = rgb[i * 3 + 1] = rgb[i * 3 + 2] = g;
                    }
                }
                return new ThumbnailTile(tw, th, rgb) { Scale = scale };
            }
        }

        private static ThumbnailTile RenderRgb(RowReader reader, long frameStart, int rows, int cols, int bytesPerSample, int planar, int[] sourceRow, int[] sourceColumn, double scale)
        {
            int tw = sourceColumn.Length, th = sourceRow.Length;
            var rgb = new byte[tw * th * 3];
            int shift = (bytesPerSample - 1) * 8;
            if (planar == 0)
            {
                var row = new byte[cols * 3 * bytesPerSample];
                for (int y = 0; y < th; y++)
                {
                    if (y == 0 || sourceRow[y] != sourceRow[y - 1]) reader.Read(frameStart + (long)sourceRow[y] * cols * 3 * bytesPerSample, row);
                    for (int x = 0; x < tw; x++)
                        for (int c = 0; c < 3; c++)
                            rgb[(y * tw + x) * 3 + c] = (byte)(Unsigned(row, (sourceColumn[x] * 3 + c) * bytesPerSample, bytesPerSample) >> shift);
                }
            }
            else
            {
                var row = new byte[cols * bytesPerSample];
                long plane = (long)rows * cols * bytesPerSample;
                for (int c = 0; c < 3; c++)
                    for (int y = 0; y < th; y++)
                    {
                        if (y == 0 || sourceRow[y] != sourceRow[y - 1]) reader.Read(frameStart + c * plane + (long)sourceRow[y] * cols * bytesPerSample, row);
                        for (int x = 0; x < tw; x++)
                            rgb[(y * tw + x) * 3 + c] = (byte)(Unsigned(row, sourceColumn[x] * bytesPerSample, bytesPerSample) >> shift);
                    }
            }
            return new ThumbnailTile(tw, th, rgb) { Scale = scale };
        }

        private static uint Unsigned(byte[] b, int at, int size) =>
            size == 1 ? b[at] : size == 2 ? (uint)(b[at] | b[at + 1] << 8) : (uint)(b[at] | b[at + 1] << 8 | b[at + 2] << 16 | b[at + 3] << 24);

        private static double Sample(byte[] b, int at, int size, bool signed, bool bigEndian)
        {
            if (bigEndian && size > 1) Array.Reverse(b, at, size);
            uint u = Unsigned(b, at, size);
            if (bigEndian && size > 1) Array.Reverse(b, at, size);
            if (!signed) return u;
            return size == 1 ? (sbyte)u : size == 2 ? (short)u : (double)(int)u;
        }

        /// <summary>Dose colour wash: dark below 5 % of the range, then blue, cyan, green, yellow, red.</summary>
        private static void Wash(double t, byte[] rgb, int at)
        {
            if (t < 0.05)
            {
                rgb[at] = rgb[at + 1] = rgb[at + 2] = 16;
                return;
            }
            double r = Clamp(1.5 - Math.Abs(4 * t - 3)), g = Clamp(1.5 - Math.Abs(4 * t - 2)), b = Clamp(1.5 - Math.Abs(4 * t - 1));
            rgb[at] = (byte)(r * 255);
            rgb[at + 1] = (byte)(g * 255);
            rgb[at + 2] = (byte)(b * 255);
        }

        private static double Clamp(double v) => v < 0 ? 0 : v > 1 ? 1 : v;

        /// <summary>Reads byte ranges of a pixel value: from its source stream in place, or from the loaded value.</summary>
        private sealed class RowReader : IDisposable
        {
            private readonly Stream _file;
            private readonly long _offset;
            private readonly byte[] _bytes;

            private RowReader(Stream file, long offset, byte[] bytes)
            {
                _file = file;
                _offset = offset;
                _bytes = bytes;
            }

            public static RowReader Open(DicomElement pixels, Stream source, long maxLoaded)
            {
                if (pixels.IsReference && source != null && source.CanSeek) return new RowReader(source, pixels.Reference.Offset, null);
                if (pixels.Length > maxLoaded) return null;
                return new RowReader(null, 0, pixels.GetBytes());
            }

            /// <summary>Whether the bytes come straight from the file (in its byte order).</summary>
            public bool InPlace => _file != null;

            public void Read(long position, byte[] destination)
            {
                if (_bytes != null)
                {
                    int n = (int)Math.Max(0, Math.Min(destination.Length, _bytes.Length - position));
                    Buffer.BlockCopy(_bytes, (int)position, destination, 0, n);
                    if (n < destination.Length) Array.Clear(destination, n, destination.Length - n);
                    return;
                }
                _file.Seek(_offset + position, SeekOrigin.Begin);
                int total = 0;
                while (total < destination.Length)
                {
                    int got = _file.Read(destination, total, destination.Length - total);
                    if (got <= 0) throw new EndOfStreamException(_file is FileStream fs ? fs.Name + ": pixel data ends early (byte offset " + (_offset + position + total) + ")." : "pixel data ends early.");
                    total += got;
                }
            }

            public void Dispose() { } // the source belongs to the caller
        }
    }
}
