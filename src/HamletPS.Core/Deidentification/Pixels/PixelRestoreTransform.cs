using System.Collections.Generic;

namespace HamletPS.Core.Deidentification.Pixels
{
    /// <summary>Unprotect's inverse of <see cref="PixelMaskTransform"/>: writes the kept original bytes back into the masked ranges as the writer streams the pixel data.</summary>
    internal sealed class PixelRestoreTransform : FrameRangeTransform
    {
        private readonly PixelOriginals.Reader _reader;

        public PixelRestoreTransform(long valueOffset, PixelOriginals originals, IReadOnlyList<KeyValuePair<long, long>> ranges)
            : base(valueOffset, originals.FrameBytes, originals.Frames, ranges)
        {
            _reader = originals.OpenReader();
        }

        protected override void OnSegment(long ordinal, byte[] buffer, int index, int count) => _reader.Read(ordinal, buffer, index, count);
    }
}
