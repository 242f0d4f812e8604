using System;
using System.Globalization;
using System.Runtime.InteropServices;

namespace HamletPS.Synthetic
{
    /// <summary>
    /// Renders axial CT slices of <see cref="PhantomAnatomy"/>: 16-bit unsigned stored values (12 bits used), rescale intercept
    /// -1024 and slope 1, so air is about -1000 HU, fat -50, soft tissue 20..40, lung -800, bone 700..1200, with scanner-like
    /// noise from a cheap per-slice generator. Rendering works row by row on spans (no per-pixel shape tests), so 2000 slices
    /// of 512x512 take seconds. The same seed renders the same bytes.
    /// </summary>
    public sealed class CtPhantom
    {
        public const double RescaleIntercept = -1024;
        public const double RescaleSlope = 1;
        public const int BitsStored = 12;
        private const int MaxStored = (1 << BitsStored) - 1;

        private readonly ulong _seed;

        /// <param name="size">Rows and columns (square images).</param>
        /// <param name="sliceCount">Number of slices.</param>
        /// <param name="sliceThickness">Slice thickness and spacing in mm.</param>
        /// <param name="seed">Noise seed.</param>
        /// <param name="fieldOfView">Reconstruction diameter in mm (pixel spacing = fieldOfView / size).</param>
        /// <param name="shiftX">Anatomy shift in mm (used for a CBCT of the same patient).</param>
        public CtPhantom(int size = 512, int sliceCount = 100, double sliceThickness = 3.0, ulong seed = 1, double fieldOfView = 500,
            double shiftX = 0, double shiftY = 0, double shiftZ = 0)
        {
            if (size < 8 || size > 4096) throw new ArgumentOutOfRangeException(nameof(size), "Image size must be 8..4096.");
            if (sliceCount < 1) throw new ArgumentOutOfRangeException(nameof(sliceCount));
            if (sliceThickness <= 0) throw new ArgumentOutOfRangeException(nameof(sliceThickness));
            Rows = size;
            Columns = size;
            SliceCount = sliceCount;
            SliceThickness = sliceThickness;
            FieldOfView = fieldOfView;
            PixelSpacing = fieldOfView / size;
            _seed = seed;
            Anatomy = new PhantomAnatomy(SliceZ(0), SliceZ(sliceCount - 1), shiftX, shiftY, shiftZ);
        }

        public int Rows { get; }
        public int Columns { get; }
        public int SliceCount { get; }
        public double SliceThickness { get; }
        public double FieldOfView { get; }

        /// <summary>Row and column spacing in mm.</summary>
        public double PixelSpacing { get; }

        public PhantomAnatomy Anatomy { get; }

        /// <summary>Bytes of one slice's pixel data (Rows x Columns x 2).</summary>
        public int SliceByteCount => Rows * Columns * 2;

        /// <summary>Patient x (and y) of the centre of the first column (row).</summary>
        public double Origin => -FieldOfView / 2 + PixelSpacing / 2;

        /// <summary>Table position (z, mm) of slice <paramref name="index"/>: slices run head-wards from negative z, centred on 0.</summary>
        public double SliceZ(int index) => Math.Round((index - (SliceCount - 1) / 2.0) * SliceThickness, 3);

        /// <summary>Image Position (Patient) of a slice: x, y, z of the centre of the first pixel.</summary>
        public double[] ImagePosition(int index) => new[] { Math.Round(Origin, 4), Math.Round(Origin, 4), SliceZ(index) };

        /// <summary>Image Orientation (Patient) for axial head-first-supine images.</summary>
        public static double[] ImageOrientation => new double[] { 1, 0, 0, 0, 1, 0 };

        /// <summary>Renders a slice into a new little-endian 16-bit buffer.</summary>
        public byte[] RenderSlice(int index)
        {
            var buffer = new byte[SliceByteCount];
            RenderSlice(index, buffer);
            return buffer;
        }

        /// <summary>Renders a slice into <paramref name="buffer"/> (at least <see cref="SliceByteCount"/> bytes), little endian.</summary>
        public void RenderSlice(int index, byte[] buffer)
        {
            if (buffer == null || buffer.Length < SliceByteCount) throw new ArgumentException("Buffer too small for one slice.", nameof(buffer));
            if (index < 0 || index >= SliceCount) throw new ArgumentOutOfRangeException(nameof(index));
            var pixels = MemoryMarshal.Cast<byte, ushort>(buffer.AsSpan(0, SliceByteCount));
            double z = SliceZ(index);
            var a = Anatomy;
            var body = a.Body(z);
            var muscle = a.Muscle(z);
            var lungL = a.LungLeft(z);
            var lungR = a.LungRight(z);
            var heart = a.Heart(z);
            var tumour = a.Tumour(z);
            var vb = a.VertebralBody(z);
            var marrow = a.VertebralMarrow(z);
            var arch = a.VertebralArch(z);
            var canal = a.SpinalCanal(z);
            uint state = (uint)(SyntheticRandom.Mix(_seed * 0x9E3779B97F4A7C15UL + (ulong)index + 1) | 1);
            for (int row = 0; row < Rows; row++)
            {
                var line = pixels.Slice(row * Columns, Columns);
                double y = Origin + row * PixelSpacing;
                Fill(line, 0, Columns, -1000, 2, ref state);
                // couch: carbon-fibre shells around a foam core, below the patient
                double couch = a.CouchTop;
                if (y >= couch && y < couch + 26)
                {
                    int from = Column(-240), to = Column(240);
                    bool shell = y < couch + 3 || y >= couch + 23;
                    Fill(line, from, to, shell ? 250 : -750, shell ? 25 : 12, ref state);
                }
                Paint(line, body, y, -50, 10, ref state);
                Paint(line, muscle, y, 25, 10, ref state);
                if (lungL.HasValue) Paint(line, lungL.Value, y, -810, 22, ref state);
                if (lungR.HasValue) Paint(line, lungR.Value, y, -800, 22, ref state);
                if (heart.HasValue) Paint(line, heart.Value, y, 40, 10, ref state);
                if (tumour.HasValue) Paint(line, tumour.Value, y, 35, 10, ref state);
                Paint(line, vb, y, 1150, 35, ref state);
                Paint(line, marrow, y, 720, 30, ref state);
                Paint(line, arch, y, 950, 35, ref state);
                Paint(line, canal, y, 30, 10, ref state);
            }
            if (!BitConverter.IsLittleEndian)
                for (int i = 0; i < pixels.Length; i++) pixels[i] = (ushort)((pixels[i] << 8) | (pixels[i] >> 8));
        }

        private int Column(double x) => (int)Math.Round((x - Origin) / PixelSpacing);

        private void Paint(Span<ushort> line, PhantomEllipse e, double y, int hu, int noise, ref uint state)
        {
            double dy = (y - e.CenterY) / e.RadiusY;
            if (dy <= -1 || dy >= 1) return;
            double half = e.RadiusX * Math.Sqrt(1 - dy * dy);
            int from = (int)Math.Ceiling((e.CenterX - half - Origin) / PixelSpacing);
            int to = (int)Math.Floor((e.CenterX + half - Origin) / PixelSpacing) + 1;
            Fill(line, from, to, hu, noise, ref state);
        }

        /// <summary>Fills [from, to) with stored values for <paramref name="hu"/> plus triangular noise of about <paramref name="noise"/> HU.</summary>
        private static void Fill(Span<ushort> line, int from, int to, int hu, int noise, ref uint state)
        {
            if (from < 0) from = 0;
            if (to > line.Length) to = line.Length;
            int stored = hu + 1024;
            uint s = state;
            for (int i = from; i < to; i++)
            {
                s ^= s << 13;
                s ^= s >> 17;
                s ^= s << 5;
                int tri = (int)(s & 0xFF) + (int)((s >> 8) & 0xFF) - 255; // triangular, sd ~104
                int v = stored + ((tri * noise) >> 7);
                line[i] = (ushort)(v < 0 ? 0 : v > MaxStored ? MaxStored : v);
            }
            state = s;
        }

        public override string ToString() =>
            string.Format(CultureInfo.InvariantCulture, "CtPhantom {0}x{1}x{2}, {3:0.###} mm pixels, {4:0.###} mm slices", Columns, Rows, SliceCount, PixelSpacing, SliceThickness);
    }
}
