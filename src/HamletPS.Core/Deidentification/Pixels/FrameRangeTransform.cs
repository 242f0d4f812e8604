using System;
using System.Collections.Generic;
using HamletPS.Dicom.Data;

namespace HamletPS.Core.Deidentification.Pixels
{
    /// <summary>
    /// A streaming change to the same byte ranges of every frame of uncompressed pixel data, applied as the writer reads the
    /// value from its source (never the whole value in memory). The ranges are offsets within a frame, sorted, not overlapping.
    /// Each piece of a range met in a buffer is handed to <see cref="OnSegment"/> with its ordinal: its position in the
    /// concatenation of every range of every frame, in value order (frame 0's ranges, then frame 1's...). That concatenation is
    /// what <see cref="PixelOriginals"/> keeps.
    /// </summary>
    internal abstract class FrameRangeTransform : DicomValueTransform
    {
        private readonly long _valueOffset;
        private readonly long _frameBytes;
        private readonly long _frames;
        private readonly long[] _starts;
        private readonly long[] _ends;
        private readonly long[] _before; // bytes of the ranges before range i within a frame
        private readonly long _perFrame;

        protected FrameRangeTransform(long valueOffset, long frameBytes, long frames, IReadOnlyList<KeyValuePair<long, long>> ranges)
        {
            _valueOffset = valueOffset;
            _frameBytes = frameBytes;
            _frames = frames;
            _starts = new long[ranges.Count];
            _ends = new long[ranges.Count];
            _before = new long[ranges.Count];
            long sum = 0;
            for (int i = 0; i < ranges.Count; i++)
            {
                _starts[i] = ranges[i].Key;
                _ends[i] = ranges[i].Value;
                _before[i] = sum;
                sum += _ends[i] - _starts[i];
            }
            _perFrame = sum;
        }

        /// <summary>Bytes of all ranges in one frame.</summary>
        protected long PerFrame => _perFrame;

        /// <summary>Changes buffer[index, index + count), which holds the range bytes at <paramref name="ordinal"/> of the concatenation.</summary>
        protected abstract void OnSegment(long ordinal, byte[] buffer, int index, int count);

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
                    if (a < b) OnSegment(f * _perFrame + _before[i] + (a - _starts[i]), buffer, (int)(frameStart + a - bufferBase), (int)(b - a));
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
