using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using HamletPS.Dicom.Data;
using HamletPS.Dicom.Dictionary;
using HamletPS.Dicom.IO;

namespace HamletPS.Core.Deidentification.Pixels
{
    /// <summary>
    /// Applies a mask rule to a protected instance: the rule's rectangles are set to 0 in every frame of the uncompressed pixel
    /// data (Bits Allocated 8, 16 or 32; Samples per Pixel 1 or 3, either Planar Configuration; signed or not) and the matching
    /// bits of every overlay plane (60xx,3000) are cleared. Pixel data kept in the source file is masked while the writer copies
    /// it (<see cref="PixelMaskTransform"/>), frame by frame; nothing is loaded whole. Then Burned In Annotation is set to NO and
    /// the Clean Pixel Data Option (113101, DCM) is added to the De-identification Method Code Sequence. What cannot be masked
    /// (compressed pixel data: HamletPS has no image codecs; other layouts) is refused with the reason, so the file is withheld.
    /// What the mask blanks goes to the re-identification record: the original overlay elements as changes, the original bytes
    /// of the masked pixel ranges as <see cref="PixelOriginals"/> (captured as the writer streams them); <see cref="Restore"/>
    /// puts them back for Unprotect.
    /// </summary>
    public static class PixelMasker
    {
        public const string CleanPixelDataCode = "113101";
        public const string CleanPixelDataMeaning = "Clean Pixel Data Option";
        private static readonly DicomTag DeidentificationMethodCodeSequence = new DicomTag(0x0012, 0x0064);

        /// <summary>Why the rule cannot mask this instance (checked before anything is changed), or null when it can.</summary>
        public static string CannotMask(DicomFile file, PixelRule rule)
        {
            var ds = file.Dataset;
            if (ds.Contains(DicomTags.EncapsulatedDocument))
                return "pixel rule '" + rule.Name + "' masks, but this is an encapsulated document: it can only be dropped (action: drop) or kept";
            var pixels = ds.GetElement(DicomTags.PixelData);
            if (pixels == null) return ds.Contains(new DicomTag(0x7FE0, 0x0008)) || ds.Contains(new DicomTag(0x7FE0, 0x0009))
                ? "pixel rule '" + rule.Name + "' masks, but float pixel data is not supported: drop it (action: drop)" : null;
            if (pixels is DicomFragmentSequence || file.TransferSyntax != null && file.TransferSyntax.IsEncapsulated)
                return "pixel rule '" + rule.Name + "' must mask compressed pixel data (" + (file.TransferSyntax?.Name ?? "encapsulated") +
                    "): HamletPS has no image codecs - decompress upstream (e.g. dcmdjpeg, gdcmconv --raw) or make the rule drop";
            return Geometry.Of(ds, pixels.Length, out string problem) == null ? "pixel rule '" + rule.Name + "': " + problem : null;
        }

        /// <summary>
        /// Masks the rule's rectangles and records the method; throws <see cref="ProtectionRefusedException"/> when it cannot. With
        /// a <paramref name="record"/>, the original overlay elements are added to its changes and (unless
        /// <paramref name="keepOriginals"/> is false: no vault keeps the record) the collector of the masked pixel ranges'
        /// original bytes is returned (complete once the file has been written), else null.
        /// </summary>
        public static PixelOriginals Apply(DicomFile file, PixelRule rule, InstanceChangeRecord record = null, bool keepOriginals = true)
        {
            string cannot = CannotMask(file, rule);
            if (cannot != null) throw new ProtectionRefusedException("PixelDataNotMaskable", cannot);
            var ds = file.Dataset;
            var pixels = ds.GetElement(DicomTags.PixelData);
            PixelOriginals originals = null;
            if (pixels != null)
            {
                var g = Geometry.Of(ds, pixels.Length, out _);
                var ranges = g.Ranges(rule.Rectangles);
                if (record != null && keepOriginals)
                {
                    // A big-endian source is swapped as it is written: its original bytes would not fit the protected file's order.
                    bool swapped = g.BytesPerSample > 1 && (pixels.IsReference ? pixels.Reference.SourceIsBigEndian : file.TransferSyntax != null && file.TransferSyntax.IsBigEndian);
                    originals = PixelOriginals.StartCapture(g.Frames, g.FrameBytes, ranges, swapped ? "the source is big-endian" : null);
                }
                if (pixels.IsReference)
                {
                    var r = pixels.Reference;
                    var transform = new PixelMaskTransform(r.Offset, g.FrameBytes, g.Frames, ranges, originals);
                    ds.AddOrUpdate(new DicomElement(pixels.Tag, pixels.VR, new DicomValueReference(DicomValueSource.Transformed(r.Source, transform), r.Offset, r.Length, r.SourceIsBigEndian)));
                }
                else
                {
                    byte[] bytes = (byte[])pixels.GetBytes().Clone();
                    new PixelMaskTransform(0, g.FrameBytes, g.Frames, ranges, originals).Apply(0, bytes, 0, bytes.Length);
                    ds.AddOrUpdate(new DicomElement(pixels.Tag, pixels.VR, bytes));
                }
            }
            MaskOverlays(ds, rule.Rectangles, record);
            ds.AddOrUpdate(DicomTags.BurnedInAnnotation, DicomVR.CS, "NO");
            var seq = ds.GetSequence(DeidentificationMethodCodeSequence);
            if (seq != null && !seq.Items.Any(i => (i.GetString(DicomTags.CodeValue) ?? "").Trim() == CleanPixelDataCode))
            {
                var item = new DicomDataset();
                item.AddOrUpdate(DicomTags.CodeValue, DicomVR.SH, CleanPixelDataCode);
                item.AddOrUpdate(DicomTags.CodingSchemeDesignator, DicomVR.SH, DeidentificationMethodCodes.Scheme);
                item.AddOrUpdate(DicomTags.CodeMeaning, DicomVR.LO, CleanPixelDataMeaning);
                seq.Items.Add(item);
            }
            return originals;
        }

        /// <summary>
        /// Unprotect: writes the kept original bytes back into the masked ranges of the pixel data (streamed like the mask, when
        /// the value stays in its file). Returns null when done, else why the pixels stay masked (nothing changed then).
        /// </summary>
        public static string Restore(DicomFile file, PixelOriginals originals)
        {
            if (originals == null) return "the record holds no original pixels (written by an earlier HamletPS)";
            if (originals.Deflated == null) return "protect did not keep the original pixels: " + originals.NotKeptReason;
            var ds = file.Dataset;
            var pixels = ds.GetElement(DicomTags.PixelData);
            if (pixels == null || pixels is DicomFragmentSequence || file.TransferSyntax != null && file.TransferSyntax.IsEncapsulated)
                return "the file has no uncompressed pixel data to restore into";
            if (pixels.Length < originals.Frames * originals.FrameBytes)
                return "the pixel data is shorter than the record's layout";
            if (!originals.InflatesWhole()) throw new InvalidDataException("The vault record's original pixels do not match its layout.");
            var ranges = originals.Ranges;
            if (pixels.IsReference)
            {
                var r = pixels.Reference;
                var transform = new PixelRestoreTransform(r.Offset, originals, ranges);
                ds.AddOrUpdate(new DicomElement(pixels.Tag, pixels.VR, new DicomValueReference(DicomValueSource.Transformed(r.Source, transform), r.Offset, r.Length, r.SourceIsBigEndian)));
            }
            else
            {
                byte[] bytes = (byte[])pixels.GetBytes().Clone();
                new PixelRestoreTransform(0, originals, ranges).Apply(0, bytes, 0, bytes.Length);
                ds.AddOrUpdate(new DicomElement(pixels.Tag, pixels.VR, bytes));
            }
            return null;
        }

        /// <summary>Clears the overlay bits (60xx,3000, one bit per pixel) under the rectangles, in every overlay frame.</summary>
        private static void MaskOverlays(DicomDataset ds, IReadOnlyList<PixelRectangle> rects, InstanceChangeRecord record)
        {
            for (ushort group = 0x6000; group <= 0x601E; group += 2)
            {
                var data = ds.GetElement(new DicomTag(group, 0x3000));
                if (data == null) continue;
                int rows = ds.GetIntOrDefault(new DicomTag(group, 0x0010), 0), cols = ds.GetIntOrDefault(new DicomTag(group, 0x0011), 0);
                int frames = Math.Max(1, ds.GetIntOrDefault(new DicomTag(group, 0x0015), 1));
                var origin = ds.GetInts(new DicomTag(group, 0x0050));
                int originRow = origin != null && origin.Length == 2 ? origin[0] : 1, originCol = origin != null && origin.Length == 2 ? origin[1] : 1;
                byte[] bits = (byte[])data.GetBytes().Clone();
                long plane = (long)rows * cols;
                if (rows <= 0 || cols <= 0 || bits.LongLength * 8 < plane * frames)
                    throw new ProtectionRefusedException("PixelDataNotMaskable", "overlay group " + group.ToString("X4", CultureInfo.InvariantCulture) + " has inconsistent rows/columns/frames; cannot mask it");
                for (int f = 0; f < frames; f++)
                    foreach (var r in rects)
                        for (int y = r.Y; y < r.Y + r.Height; y++)
                        {
                            int oy = y - (originRow - 1);
                            if (oy < 0 || oy >= rows) continue;
                            for (int x = r.X; x < r.X + r.Width; x++)
                            {
                                int ox = x - (originCol - 1);
                                if (ox < 0 || ox >= cols) continue;
                                long bit = f * plane + (long)oy * cols + ox;
                                bits[bit >> 3] &= (byte)~(1 << (int)(bit & 7));
                            }
                        }
                record?.Changes.Add(new ElementChange("", false, ElementChangeKind.Original, data.Tag, InstanceChangeRecord.Detach(data)));
                ds.AddOrUpdate(new DicomElement(data.Tag, data.VR, bits));
            }
        }

        /// <summary>The layout of uncompressed pixel data.</summary>
        private sealed class Geometry
        {
            public int Rows, Columns, Samples, BytesPerSample, Planar;
            public long Frames, FrameBytes;

            public static Geometry Of(DicomDataset ds, long valueLength, out string problem)
            {
                problem = null;
                var g = new Geometry
                {
                    Rows = ds.GetIntOrDefault(DicomTags.Rows, 0),
                    Columns = ds.GetIntOrDefault(DicomTags.Columns, 0),
                    Samples = ds.GetIntOrDefault(DicomTags.SamplesPerPixel, 1),
                    Planar = ds.GetIntOrDefault(DicomTags.PlanarConfiguration, 0),
                };
                int bits = ds.GetIntOrDefault(DicomTags.BitsAllocated, 0);
                _ = int.TryParse((ds.GetString(DicomTags.NumberOfFrames) ?? "1").Trim(), out int frames); // unreadable: one frame, as below
                g.Frames = Math.Max(1, frames);
                if (bits != 8 && bits != 16 && bits != 32) problem = "Bits Allocated " + bits + " cannot be masked (8, 16 or 32)";
                else if (g.Samples != 1 && g.Samples != 3) problem = "Samples per Pixel " + g.Samples + " cannot be masked (1 or 3)";
                else if (g.Planar != 0 && g.Planar != 1) problem = "Planar Configuration " + g.Planar + " is not valid";
                else if (g.Rows <= 0 || g.Columns <= 0) problem = "Rows/Columns missing";
                if (problem != null) return null;
                g.BytesPerSample = bits / 8;
                g.FrameBytes = (long)g.Rows * g.Columns * g.Samples * g.BytesPerSample;
                if (valueLength < g.FrameBytes * g.Frames)
                {
                    problem = "the pixel data (" + valueLength + " bytes) is shorter than Rows x Columns x Samples x Frames says (" + g.FrameBytes * g.Frames + ")";
                    return null;
                }
                return g;
            }

            /// <summary>The byte ranges to clear within one frame, sorted and merged; rectangles are clipped to the image.</summary>
            public List<KeyValuePair<long, long>> Ranges(IReadOnlyList<PixelRectangle> rects)
            {
                var list = new List<KeyValuePair<long, long>>();
                long pixel = (long)BytesPerSample * (Planar == 0 ? Samples : 1);
                long planeBytes = (long)Rows * Columns * BytesPerSample;
                int planes = Planar == 0 ? 1 : Samples;
                foreach (var r in rects)
                {
                    int x0 = Math.Min(r.X, Columns), x1 = (int)Math.Min((long)r.X + r.Width, Columns);
                    int y0 = Math.Min(r.Y, Rows), y1 = (int)Math.Min((long)r.Y + r.Height, Rows);
                    if (x0 >= x1 || y0 >= y1) continue;
                    for (int p = 0; p < planes; p++)
                        for (int y = y0; y < y1; y++)
                        {
                            long start = p * planeBytes + ((long)y * Columns + x0) * pixel;
                            list.Add(new KeyValuePair<long, long>(start, start + (x1 - x0) * pixel));
                        }
                }
                list.Sort((a, b) => a.Key.CompareTo(b.Key));
                var merged = new List<KeyValuePair<long, long>>();
                foreach (var kv in list)
                {
                    if (merged.Count > 0 && kv.Key <= merged[merged.Count - 1].Value)
                    {
                        var last = merged[merged.Count - 1];
                        merged[merged.Count - 1] = new KeyValuePair<long, long>(last.Key, Math.Max(last.Value, kv.Value));
                    }
                    else merged.Add(kv);
                }
                return merged;
            }
        }
    }
}
