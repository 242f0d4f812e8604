using System;
using System.Globalization;
using HamletPS.Dicom.Data;
using HamletPS.Dicom.Dictionary;

namespace HamletPS.Synthetic
{
    /// <summary>
    /// A synthetic image instance with the canary patient's name and MRN drawn into its pixels (top banner, <see cref="BitmapFont"/>)
    /// and in its header: Secondary Capture or ultrasound, any frame count, Bits Allocated 8/16/32, Samples per Pixel 1 or 3, either
    /// Planar Configuration, signed or not, optionally with an overlay plane that carries the text too. The banner is plain black
    /// (OCR reads it best), the body below it holds a gradient so that a test can see that only masked regions changed.
    /// </summary>
    public sealed class PixelCanaryImage
    {
        public const string Manufacturer = "SYNTHETIC SCANNERS";
        public const string Model = "CAPTURE 9";

        /// <summary>The text drawn in the first and second banner lines.</summary>
        public static readonly string[] BannerLines = { CanaryStudy.FamilyName, CanaryStudy.PatientId };

        public string SopClassUid { get; set; } = DicomUids.SecondaryCaptureImageStorage;
        public string Modality { get; set; } = "OT";
        public int Rows { get; set; } = 128;
        public int Columns { get; set; } = 256;
        public int Frames { get; set; } = 1;
        public int BitsAllocated { get; set; } = 8;
        public int SamplesPerPixel { get; set; } = 1;
        public int PlanarConfiguration { get; set; }
        public bool Signed { get; set; }
        public bool Overlay { get; set; }
        public string BurnedInAnnotation { get; set; } = "YES";
        public int Scale { get; set; } = 3;
        public ulong Seed { get; set; } = 19;

        /// <summary>The banner rectangle holding all drawn text: x, y, width, height.</summary>
        public (int X, int Y, int Width, int Height) TextRegion =>
            (0, 0, Columns, 4 + BannerLines.Length * (BitmapFont.GlyphHeight + 3) * Scale);

        /// <summary>An ultrasound multi-frame cine (modality US) of <paramref name="frames"/> frames.</summary>
        public static PixelCanaryImage Ultrasound(int frames) => new PixelCanaryImage
        {
            SopClassUid = DicomUids.UltrasoundMultiFrameImageStorage, Modality = "US", Frames = frames, BurnedInAnnotation = null,
        };

        public DicomFile Build()
        {
            var uids = new SyntheticUidFactory(Seed);
            var ds = new DicomDataset();
            ds.AddOrUpdate(DicomTags.SpecificCharacterSet, "ISO_IR 100");
            ds.AddOrUpdate(DicomTags.SOPClassUID, SopClassUid);
            ds.AddOrUpdate(DicomTags.SOPInstanceUID, uids.Create("pixel-canary-instance"));
            ds.AddOrUpdate(DicomTags.PatientName, CanaryStudy.FamilyName + "^" + CanaryStudy.GivenName);
            ds.AddOrUpdate(DicomTags.PatientID, CanaryStudy.PatientId);
            ds.AddOrUpdate(DicomTags.PatientBirthDate, CanaryStudy.BirthDate);
            ds.AddOrUpdate(DicomTags.PatientSex, "O");
            ds.AddOrUpdate(DicomTags.StudyInstanceUID, uids.Create("pixel-canary-study"));
            ds.AddOrUpdate(DicomTags.SeriesInstanceUID, uids.Create("pixel-canary-series-" + Modality));
            ds.AddOrUpdate(DicomTags.StudyDate, "20240105");
            ds.AddOrUpdate(DicomTags.StudyTime, "101500");
            ds.AddOrUpdate(DicomTags.StudyID, "1");
            ds.AddOrUpdate(DicomTags.AccessionNumber, "");
            ds.AddOrUpdate(DicomTags.ReferringPhysicianName, "");
            ds.AddOrUpdate(DicomTags.Modality, Modality);
            ds.AddOrUpdate(DicomTags.SeriesNumber, "7");
            ds.AddOrUpdate(DicomTags.InstanceNumber, "1");
            ds.AddOrUpdate(DicomTags.Manufacturer, Manufacturer);
            ds.AddOrUpdate(DicomTags.ManufacturerModelName, Model);
            ds.AddOrUpdate(DicomTags.ConversionType, "WSD");
            ds.AddOrUpdate(DicomTags.ImageType, "DERIVED", "SECONDARY");
            if (BurnedInAnnotation != null) ds.AddOrUpdate(DicomTags.BurnedInAnnotation, BurnedInAnnotation);
            ds.AddOrUpdate(DicomTags.SamplesPerPixel, DicomVR.US, SamplesPerPixel);
            ds.AddOrUpdate(DicomTags.PhotometricInterpretation, SamplesPerPixel == 3 ? "RGB" : "MONOCHROME2");
            if (SamplesPerPixel == 3) ds.AddOrUpdate(DicomTags.PlanarConfiguration, DicomVR.US, PlanarConfiguration);
            if (Frames > 1)
            {
                ds.AddOrUpdate(DicomTags.NumberOfFrames, Frames.ToString(CultureInfo.InvariantCulture));
                ds.AddOrUpdate(new DicomElement(DicomTags.FrameIncrementPointer, DicomVR.AT, new byte[] { 0x18, 0x00, 0x63, 0x10 })); // (0018,1063) Frame Time
                ds.AddOrUpdate(DicomTags.FrameTime, "33.3");
            }
            ds.AddOrUpdate(DicomTags.Rows, DicomVR.US, Rows);
            ds.AddOrUpdate(DicomTags.Columns, DicomVR.US, Columns);
            ds.AddOrUpdate(DicomTags.BitsAllocated, DicomVR.US, BitsAllocated);
            ds.AddOrUpdate(DicomTags.BitsStored, DicomVR.US, BitsAllocated);
            ds.AddOrUpdate(DicomTags.HighBit, DicomVR.US, BitsAllocated - 1);
            ds.AddOrUpdate(DicomTags.PixelRepresentation, DicomVR.US, Signed ? 1 : 0);
            if (Overlay) AddOverlay(ds);
            ds.AddOrUpdate(new DicomElement(DicomTags.PixelData, BitsAllocated == 8 ? DicomVR.OB : DicomVR.OW, Pixels()));
            return new DicomFile(ds);
        }

        /// <summary>The value of one sample of a lit text pixel and of the background at (x, y).</summary>
        private long Foreground => BitsAllocated == 8 ? (Signed ? 127 : 255) : BitsAllocated == 16 ? (Signed ? 32000 : 65000) : (Signed ? 2000000000L : 4000000000L);

        private long Background(int x, int y, int frame) => ((x + 2 * y + 5 * frame) % 64) + 1;

        private byte[] Pixels()
        {
            int bytes = BitsAllocated / 8;
            long frameBytes = (long)Rows * Columns * SamplesPerPixel * bytes;
            var data = new byte[frameBytes * Frames + (frameBytes * Frames % 2)];
            var lit = new bool[(long)Rows * Columns];
            int line = 0;
            foreach (string text in BannerLines)
            {
                BitmapFont.Draw(text, 4, 4 + line * (BitmapFont.GlyphHeight + 3) * Scale, Scale, (x, y) => { if (x < Columns && y < Rows) lit[(long)y * Columns + x] = true; });
                line++;
            }
            int banner = TextRegion.Height;
            long foreground = Foreground;
            bool interleaved = PlanarConfiguration == 0 || SamplesPerPixel == 1;
            long planeSamples = (long)Rows * Columns;
            // The frame is written sample by sample into its place (a plain banner reads best); frames differ in the background.
            for (int f = 0; f < Frames; f++)
                for (int y = 0; y < Rows; y++)
                {
                    long rowPixel = (long)y * Columns;
                    for (int x = 0; x < Columns; x++)
                    {
                        bool on = lit[rowPixel + x];
                        long background = y < banner ? 0 : Background(x, y, f);
                        for (int s = 0; s < SamplesPerPixel; s++)
                        {
                            long v = on ? foreground : y < banner ? 0 : background + s;
                            long index = interleaved ? (rowPixel + x) * SamplesPerPixel + s : s * planeSamples + rowPixel + x;
                            long at = f * frameBytes + index * bytes;
                            if (bytes == 1) data[at] = (byte)v;
                            else for (int b = 0; b < bytes; b++) data[at + b] = (byte)(v >> (8 * b));
                        }
                    }
                }
            return data;
        }

        private void AddOverlay(DicomDataset ds)
        {
            ds.AddOrUpdate(DicomTags.OverlayRows, DicomVR.US, Rows);
            ds.AddOrUpdate(DicomTags.OverlayColumns, DicomVR.US, Columns);
            ds.AddOrUpdate(DicomTags.OverlayType, "G");
            ds.AddOrUpdate(DicomTags.OverlayOrigin, DicomVR.SS, 1, 1);
            ds.AddOrUpdate(DicomTags.OverlayBitsAllocated, DicomVR.US, 1);
            ds.AddOrUpdate(DicomTags.OverlayBitPosition, DicomVR.US, 0);
            long plane = (long)Rows * Columns;
            var bits = new byte[((plane + 15) / 16) * 2];
            BitmapFont.Draw(BannerLines[1], 4, 4, Scale, (x, y) =>
            {
                if (x >= Columns || y >= Rows) return;
                long bit = (long)y * Columns + x;
                bits[bit >> 3] |= (byte)(1 << (int)(bit & 7));
            });
            ds.AddOrUpdate(new DicomElement(DicomTags.OverlayData, DicomVR.OW, bits));
        }
    }
}
