using System;
using System.Collections.Generic;
using System.Linq;
using HamletPS.Core.Deidentification;
using HamletPS.Core.Deidentification.Pixels;
using HamletPS.Dicom.Data;
using HamletPS.Dicom.Dictionary;

namespace HamletPS.Core.Review
{
    /// <summary>
    /// Which regions protect masked in an instance, found from the protected file and the site's profile only (never the
    /// re-identification record): an instance whose De-identification Method Code Sequence holds the Clean Pixel Data Option
    /// (113101, DCM) was masked by a pixel rule; the rule is the profile's first rule whose condition matches the protected
    /// header (the condition fields - SOP class, modality, manufacturer, model, rows, columns, Image Type - are kept by
    /// protect), and its rectangles are outlined on the thumbnail in <see cref="Colour"/>. When that rule is not a mask rule
    /// (the profile changed since, or a condition field was rewritten) the page says the instance was masked by a rule it cannot name.
    /// </summary>
    internal static class MaskOutline
    {
        /// <summary>The outline colour (magenta: never produced by the greyscale ramp or the dose wash).</summary>
        public static readonly (byte R, byte G, byte B) Colour = (255, 0, 255);

        private static readonly DicomTag MethodCodeSequence = new DicomTag(0x0012, 0x0064);

        /// <summary>Whether protect recorded that it cleaned the pixels (Clean Pixel Data Option in the method code sequence).</summary>
        public static bool IsCleaned(DicomDataset ds) =>
            ds.GetItems(MethodCodeSequence).Any(i => string.Equals((i.GetString(DicomTags.CodeValue) ?? string.Empty).Trim(), PixelMasker.CleanPixelDataCode, StringComparison.Ordinal));

        /// <summary>The profile's mask rule for a cleaned instance, or null (not cleaned, or no mask rule matches the protected header).</summary>
        public static PixelRule RuleFor(DicomDataset ds, DeidentificationProfile profile)
        {
            if (profile == null || !IsCleaned(ds)) return null;
            PixelRule rule = profile.Pixels.Decide(ds).Rule;
            return rule != null && rule.Action == PixelRuleAction.Mask ? rule : null;
        }

        /// <summary>Outlines each rectangle (clipped to the image) on the tile, one tile pixel wide.</summary>
        public static void Draw(ThumbnailTile tile, IEnumerable<PixelRectangle> rectangles)
        {
            foreach (PixelRectangle r in rectangles)
            {
                int left = (int)Math.Floor(r.X / tile.Scale), top = (int)Math.Floor(r.Y / tile.Scale);
                int right = (int)Math.Ceiling((r.X + (long)r.Width) / tile.Scale) - 1, bottom = (int)Math.Ceiling((r.Y + (long)r.Height) / tile.Scale) - 1;
                if (left >= tile.Width || top >= tile.Height) continue;
                right = Math.Min(right, tile.Width - 1);
                bottom = Math.Min(bottom, tile.Height - 1);
                for (int x = left; x <= right; x++)
                {
                    Set(tile, x, top);
                    Set(tile, x, bottom);
                }
                for (int y = top; y <= bottom; y++)
                {
                    Set(tile, left, y);
                    Set(tile, right, y);
                }
            }
        }

        private static void Set(ThumbnailTile tile, int x, int y)
        {
            int at = (y * tile.Width + x) * 3;
            tile.Rgb[at] = Colour.R;
            tile.Rgb[at + 1] = Colour.G;
            tile.Rgb[at + 2] = Colour.B;
        }
    }
}
