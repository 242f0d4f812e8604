using System;
using System.Collections.Generic;

namespace HamletPS.Core.Deidentification.Pixels
{
    /// <summary>
    /// Zeroes the masked byte ranges of every frame as the writer streams the pixel data, first handing their original bytes to
    /// the <see cref="PixelOriginals"/> collector (when there is one) for the re-identification record.
    /// </summary>
    internal sealed class PixelMaskTransform : FrameRangeTransform
    {
        private readonly PixelOriginals _originals;

        public PixelMaskTransform(long valueOffset, long frameBytes, long frames, IReadOnlyList<KeyValuePair<long, long>> ranges, PixelOriginals originals = null)
            : base(valueOffset, frameBytes, frames, ranges)
        {
            _originals = originals;
        }

        protected override void OnSegment(long ordinal, byte[] buffer, int index, int count)
        {
            _originals?.Capture(ordinal, buffer, index, count);
            Array.Clear(buffer, index, count);
        }
    }
}
