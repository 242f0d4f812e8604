using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Text;

namespace HamletPS.Core.Deidentification.Pixels
{
    /// <summary>
    /// The original bytes of the regions a mask rule blanked in one instance's pixel data, kept in its re-identification record
    /// (sealed in the vault with the rest of the record; never in the released file) so that Unprotect can put them back. They
    /// are captured while the mask is applied (<see cref="PixelMaskTransform"/>, as the writer streams the value: the ranges of
    /// every frame in value order), deflated as they come, and bounded: when the deflated bytes would exceed
    /// <see cref="MaxStoredBytes"/> (or the capture is not complete or not in order) they are dropped and the record says why,
    /// so a cine with masked regions that do not compress stays within the record's bound and memory stays flat in frame count;
    /// the instance is masked and released all the same (the site still holds its original file).
    /// </summary>
    [SuppressMessage("Design", "CA1001", Justification = "The deflate stream is disposed when the capture finishes or is dropped (Finish runs when the record is written); one abandoned with a failed file holds only zlib state, which its SafeHandle releases.")]
    public sealed class PixelOriginals
    {
        /// <summary>The most deflated bytes one record keeps (16 MiB).</summary>
        public const long MaxStoredBytes = 16L << 20;

        /// <summary>Above this many raw bytes the originals are not even compressed (the deflated form could not fit).</summary>
        private const long MaxRawBytes = MaxStoredBytes * 64;

        private readonly List<KeyValuePair<long, long>> _ranges;
        private MemoryStream _buffer;
        private DeflateStream _deflate;
        private long _cursor;
        private bool _finished;

        private PixelOriginals(long frames, long frameBytes, List<KeyValuePair<long, long>> ranges)
        {
            Frames = frames;
            FrameBytes = frameBytes;
            _ranges = ranges;
            foreach (var r in ranges) PerFrame += r.Value - r.Key;
        }

        /// <summary>Frames of the pixel data.</summary>
        public long Frames { get; }

        /// <summary>Bytes of one frame.</summary>
        public long FrameBytes { get; }

        /// <summary>The masked byte ranges within a frame (start, end), sorted, not overlapping.</summary>
        public IReadOnlyList<KeyValuePair<long, long>> Ranges => _ranges;

        /// <summary>Masked bytes per frame.</summary>
        public long PerFrame { get; }

        /// <summary>Masked bytes in all frames: the length of the kept originals once inflated.</summary>
        public long TotalBytes => Frames * PerFrame;

        /// <summary>The deflated originals (after <see cref="Finish"/>), or null when they were not kept (<see cref="NotKeptReason"/>).</summary>
        public byte[] Deflated { get; private set; }

        /// <summary>Why the originals were not kept (no patient value), or null.</summary>
        public string NotKeptReason { get; private set; }

        /// <summary>A collector for a mask about to be applied; <paramref name="notKept"/> gives a reason up front (nothing is captured then).</summary>
        internal static PixelOriginals StartCapture(long frames, long frameBytes, List<KeyValuePair<long, long>> ranges, string notKept = null)
        {
            var o = new PixelOriginals(frames, frameBytes, ranges);
            if (notKept == null && o.TotalBytes > MaxRawBytes)
                notKept = "the masked regions hold " + o.TotalBytes.ToString(CultureInfo.InvariantCulture) + " bytes, more than a record keeps";
            if (notKept != null) o.NotKeptReason = notKept;
            else
            {
                o._buffer = new MemoryStream();
                o._deflate = new DeflateStream(o._buffer, CompressionLevel.Fastest, true);
            }
            return o;
        }

        /// <summary>Takes the original bytes at <paramref name="ordinal"/> of the concatenated ranges; bytes seen before are skipped, a gap drops the capture.</summary>
        internal void Capture(long ordinal, byte[] buffer, int index, int count)
        {
            if (_deflate == null) return;
            long end = ordinal + count;
            if (end <= _cursor) return; // read again (the same source bytes): already kept
            if (ordinal > _cursor) { Drop("the masked regions were not read in order"); return; }
            int skip = (int)(_cursor - ordinal);
            _deflate.Write(buffer, index + skip, count - skip);
            _cursor = end;
            if (_buffer.Length > MaxStoredBytes)
                Drop("the masked regions' original bytes do not fit the record's bound (" + (MaxStoredBytes >> 20).ToString(CultureInfo.InvariantCulture) + " MiB deflated)");
        }

        /// <summary>Completes the capture (after the file was written): the originals are kept when every masked byte was seen.</summary>
        internal void Finish()
        {
            if (_finished) return;
            _finished = true;
            if (_deflate == null) return;
            if (_cursor != TotalBytes) { Drop("the pixel data was not written whole, so its masked regions were not all seen"); return; }
            _deflate.Dispose();
            if (_buffer.Length > MaxStoredBytes) { Drop("the masked regions' original bytes do not fit the record's bound"); return; }
            Deflated = _buffer.ToArray();
            _buffer = null;
            _deflate = null;
        }

        private void Drop(string reason)
        {
            _deflate?.Dispose();
            _deflate = null;
            _buffer = null;
            NotKeptReason = reason;
        }

        /// <summary>The layout as record text: frames, frame bytes, ranges, and whether the originals were kept.</summary>
        internal string Layout()
        {
            Finish();
            var sb = new StringBuilder();
            sb.Append("frames=").Append(Frames.ToString(CultureInfo.InvariantCulture)).Append('\n');
            sb.Append("frameBytes=").Append(FrameBytes.ToString(CultureInfo.InvariantCulture)).Append('\n');
            sb.Append("ranges=");
            for (int i = 0; i < _ranges.Count; i++)
            {
                if (i > 0) sb.Append(',');
                sb.Append(_ranges[i].Key.ToString(CultureInfo.InvariantCulture)).Append('-').Append(_ranges[i].Value.ToString(CultureInfo.InvariantCulture));
            }
            sb.Append('\n');
            if (Deflated != null) sb.Append("kept=deflate\ndeflatedBytes=").Append(Deflated.Length.ToString(CultureInfo.InvariantCulture)).Append('\n');
            else sb.Append("notKept=").Append(NotKeptReason).Append('\n');
            return sb.ToString();
        }

        /// <summary>Reads what <see cref="Layout"/> and <see cref="Deflated"/> wrote into a record.</summary>
        internal static PixelOriginals Parse(string layout, byte[] deflated)
        {
            long frames = -1, frameBytes = -1, deflatedBytes = -1;
            List<KeyValuePair<long, long>> ranges = null;
            string notKept = null;
            bool kept = false;
            foreach (var line in layout.Split(new[] { '\n' }, StringSplitOptions.RemoveEmptyEntries))
            {
                int eq = line.IndexOf('=');
                if (eq <= 0) throw new InvalidDataException("The vault record's pixel layout is malformed.");
                string key = line.Substring(0, eq), value = line.Substring(eq + 1);
                switch (key)
                {
                    case "frames": frames = long.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture); break;
                    case "frameBytes": frameBytes = long.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture); break;
                    case "ranges":
                        ranges = new List<KeyValuePair<long, long>>();
                        long last = 0;
                        foreach (var r in value.Split(new[] { ',' }, StringSplitOptions.RemoveEmptyEntries))
                        {
                            int dash = r.IndexOf('-');
                            if (dash <= 0) throw new InvalidDataException("The vault record's pixel ranges are malformed.");
                            long a = long.Parse(r.Substring(0, dash), NumberStyles.None, CultureInfo.InvariantCulture);
                            long b = long.Parse(r.Substring(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture);
                            if (a < last || b <= a) throw new InvalidDataException("The vault record's pixel ranges are not sorted.");
                            ranges.Add(new KeyValuePair<long, long>(a, b));
                            last = b;
                        }
                        break;
                    case "kept": kept = value == "deflate"; break;
                    case "deflatedBytes": deflatedBytes = long.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture); break;
                    case "notKept": notKept = value; break;
                    default: break; // a later field this version does not know
                }
            }
            if (frames < 1 || frameBytes < 1 || ranges == null || (ranges.Count > 0 && ranges[ranges.Count - 1].Value > frameBytes))
                throw new InvalidDataException("The vault record's pixel layout is incomplete.");
            var o = new PixelOriginals(frames, frameBytes, ranges) { _finished = true };
            if (kept && deflated != null && deflatedBytes >= 0 && deflatedBytes <= deflated.Length)
            {
                if (deflatedBytes < deflated.Length) Array.Resize(ref deflated, (int)deflatedBytes); // the element's pad byte
                o.Deflated = deflated;
            }
            else o.NotKeptReason = notKept ?? "the record holds no original pixels";
            return o;
        }

        /// <summary>True when the kept originals inflate to exactly <see cref="TotalBytes"/> (checked before anything is written).</summary>
        internal bool InflatesWhole()
        {
            if (Deflated == null) return false;
            var scratch = new byte[81920];
            long total = 0;
            try
            {
                using (var inflate = new DeflateStream(new MemoryStream(Deflated, false), CompressionMode.Decompress))
                {
                    int n;
                    while ((n = inflate.Read(scratch, 0, scratch.Length)) > 0)
                    {
                        total += n;
                        if (total > TotalBytes) return false;
                    }
                }
            }
            catch (InvalidDataException) { return false; }
            return total == TotalBytes;
        }

        internal Reader OpenReader() => new Reader(this);

        /// <summary>Reads the inflated originals forward; a read before the current position starts again from the beginning.</summary>
        [SuppressMessage("Design", "CA1001", Justification = "The inflate stream is disposed once the last original byte is read; one left by a failed write holds only zlib state, which its SafeHandle releases.")]
        internal sealed class Reader
        {
            private readonly PixelOriginals _owner;
            private DeflateStream _inflate;
            private long _position;

            public Reader(PixelOriginals owner) { _owner = owner; }

            public void Read(long ordinal, byte[] buffer, int index, int count)
            {
                if (_inflate == null || ordinal < _position)
                {
                    _inflate?.Dispose();
                    _inflate = new DeflateStream(new MemoryStream(_owner.Deflated, false), CompressionMode.Decompress);
                    _position = 0;
                }
                if (ordinal > _position)
                {
                    var scratch = new byte[Math.Min(81920, ordinal - _position)];
                    while (_position < ordinal)
                    {
                        int n = _inflate.Read(scratch, 0, (int)Math.Min(scratch.Length, ordinal - _position));
                        if (n <= 0) throw new InvalidDataException("The vault record's original pixels end early.");
                        _position += n;
                    }
                }
                while (count > 0)
                {
                    int n = _inflate.Read(buffer, index, count);
                    if (n <= 0) throw new InvalidDataException("The vault record's original pixels end early.");
                    index += n;
                    count -= n;
                    _position += n;
                }
                if (_position == _owner.TotalBytes)
                {
                    _inflate.Dispose();
                    _inflate = null;
                }
            }
        }
    }
}
