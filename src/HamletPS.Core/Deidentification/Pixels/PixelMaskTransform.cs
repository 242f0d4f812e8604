using System;
using System.Collections.Generic;
using HamletPS.Dicom.Data;

namespace HamletPS.Core.Deidentification.Pixels
{
    /// <summary>
    /// Zeroes the masked byte ranges of every frame of uncompressed pixel data as the writer streams it from the source (never
    /// the whole value in memory). The ranges are the same in every frame (offsets within a frame, sorted, not overlapping).
    /// </summary>
    internal sealed class PixelMaskTransform : DicomValueTransform
    {
        private readonly long _valueOffset;
        private readonly long _frameBytes;
        private readonly long _frames;
        private readonly long[] _starts;
        private readonly long[] _ends;

        public PixelMaskTransform(long valueOffset, long frameBytes, long frames, IReadOnlyList<KeyValuePair<long, long>> ranges)
        {
            _valueOffset = valueOffset;
            _frameBytes = frameBytes;
            _frames = frames;
            _starts = new long[ranges.Count];
            _ends = new long[ranges.Count];
            for (int i = 0; i < ranges.Count; i++) { _starts[i] = ranges[i].Key; _ends[i] = ranges[i].Value; }
        }

        public override void Apply(long sourcePosition, byte[] buffer, int offset, int count)
        {
            long from = Math.Max(0, sourcePosition - _valueOffset);
            long to = Math.Min(_frames * _frameBytes, sourcePosition - _valueOffset + count);
            if (from >= to || _starts.Length == 0) return;
            long bufferBase = sourcePosition - _valueOffset - offset; // value offset of buffer[0]
            for (long f = from / _frameBytes; f <= (to - 1) / _frameBytes; f++)
            {
                long frameStart = f * _frameBytes;
                long inFrom = from - frameStart, inTo = to - frameStart;
                int i = FirstEndingAfter(inFrom);
                for (; i < _starts.Length && _starts[i] < inTo; i++)
                {
                    long a = Math.Max(_starts[i], inFrom), b = Math.Min(_ends[i], inTo);
                    if (a < b) Array.Clear(buffer, (int)(frameStart + a - bufferBase), (int)(b - a));
                }
            }
        }

        private int FirstEndingAfter(long position)
        {
            int lo = 0, hi = _ends.Length;
            while (lo < hi)
            {
                int mid = (lo + hi) / 2;
                if (_ends[mid] <= position) lo = mid + 1; else hi = mid;
            }
            return lo;
        }
    }
}
