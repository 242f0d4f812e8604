using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.IO;
using HamletPS.Dicom.Data;
using HamletPS.Dicom.Dictionary;

namespace HamletPS.Dicom.IO
{
    /// <summary>
    /// One forward pass over a stream: buffered, every length checked against the bytes left before anything is allocated,
    /// nesting depth limited, large values kept as references when the source is seekable. Errors are DicomFormatException
    /// with the source and byte offset, never a value.
    /// </summary>
    internal sealed class DicomStreamReader : IDisposable
    {
        private const uint Undefined = 0xFFFFFFFFu;
        private const uint ItemTag = 0xFFFEE000u;
        private const uint ItemDelimitationTag = 0xFFFEE00Du;
        private const uint SequenceDelimitationTag = 0xFFFEE0DDu;
        private const uint PixelDataTag = 0x7FE00010u;
        private const uint MaxInMemoryValue = 0x7FFFFFC7u; // largest byte[] length
        private const uint PixelRepresentationTag = 0x00280103u;

        private readonly Stream _stream;
        private readonly string? _source;
        private readonly DicomReadOptions _options;
        private readonly Func<DicomValueSource>? _valueSourceFactory;
        private DicomValueSource? _valueSource;
        private readonly long _streamLength; // -1 when unknown
        private readonly long _lengthLimit;  // -1 when none (forward-only streams)
        private readonly bool _canSeek;
        private byte[] _buf;
        private bool _returned;
        private int _pos, _len;
        private long _bufStart;
        private int _fill = 8192;
        private long _memory;      // bytes charged against DicomReadOptions.MaxMemory
        private int _outOfOrder;   // elements inserted before others (each costs a shift of the element list)

        /// <summary>Elements out of tag order accepted per read: each is an insertion into a sorted list.</summary>
        internal const int MaxOutOfOrderElements = 4096;

        /// <param name="valueSourceFactory">Creates the source large values refer to; null when values must be loaded.</param>
        /// <param name="lengthLimit">For a forward-only stream, the most bytes it may hold (-1: no limit): lengths are checked against it as against a file's length.</param>
        public DicomStreamReader(Stream stream, string? source, DicomReadOptions options, Func<DicomValueSource>? valueSourceFactory, long lengthLimit = -1)
        {
            _lengthLimit = lengthLimit;
            _stream = stream;
            _source = source;
            _options = options;
            _canSeek = stream.CanSeek;
            _valueSourceFactory = _canSeek ? valueSourceFactory : null;
            _streamLength = _canSeek ? stream.Length : -1;
            _bufStart = _canSeek ? stream.Position : 0;
            _buf = ArrayPool<byte>.Shared.Rent(64 * 1024);
        }

        /// <summary>True once a stop tag ended the read early.</summary>
        public bool Stopped { get; private set; }

        /// <summary>True when values were read past instead of loaded (<see cref="DicomReadOptions.SkipLargeStreamedValues"/>).</summary>
        public bool SkippedValues { get; private set; }

        /// <summary>Bytes charged so far against <see cref="DicomReadOptions.MaxMemory"/>.</summary>
        public long MemoryCharged => _memory;

        /// <summary>Counts memory the read is about to hold; throws before the allocation when it would pass the limit.</summary>
        private void Charge(long bytes, long at)
        {
            _memory += bytes;
            if (_memory > _options.MaxMemory)
                throw Error(at, "the dataset needs more than the " + _options.MaxMemory + " bytes of memory a read may use (DicomReadOptions.MaxMemory: " +
                    "values held in memory plus " + DicomReadOptions.ElementOverhead + " bytes per element, item and fragment)");
        }

        public long Position => _bufStart + _pos;

        /// <summary>The stream's length when it was opened (seekable streams); -1 for forward-only streams.</summary>
        public long StreamLength => _streamLength;

        private long Remaining => _streamLength >= 0 ? _streamLength - Position : _lengthLimit >= 0 ? _lengthLimit - Position : long.MaxValue;

        /// <summary>Why a length cannot be: the bytes left in the file, or the limit of a forward-only stream.</summary>
        private string Exceeds(long length, string what) =>
            what + " " + length + (_streamLength < 0 && _lengthLimit >= 0
                ? " is more than the " + Remaining + " bytes left within the limit of " + _lengthLimit + " bytes"
                : " exceeds the " + Remaining + " bytes left");

        public void Dispose()
        {
            if (!_returned) ArrayPool<byte>.Shared.Return(_buf);
            _returned = true;
            _buf = Array.Empty<byte>();
        }

        /// <summary>Appended to every reason (e.g. that offsets count bytes of the inflated dataset).</summary>
        public string? ReasonSuffix { get; set; }

        public DicomFormatException Error(long offset, string reason, Exception? inner = null) =>
            new DicomFormatException(_source, offset, ReasonSuffix == null ? reason : reason + ReasonSuffix, inner);

        // ----- buffer -----

        /// <summary>Makes n bytes available at _pos; false at end of stream.</summary>
        public bool Ensure(int n)
        {
            if (_len - _pos >= n) return true;
            if (_pos > 0)
            {
                int keep = _len - _pos;
                if (keep > 0) Buffer.BlockCopy(_buf, _pos, _buf, 0, keep);
                _bufStart += _pos;
                _len = keep;
                _pos = 0;
            }
            while (_len < n)
            {
                if (_streamLength >= 0 && _bufStart + _len >= _streamLength) return false; // at the end: no read to learn it
                int want = Math.Max(n - _len, Math.Min(_fill, _buf.Length - _len));
                if (_fill < _buf.Length) _fill *= 2;
                int got = _stream.Read(_buf, _len, want);
                if (got <= 0) return false;
                _len += got;
            }
            return true;
        }

        /// <summary>The bytes already read into the buffer but not consumed (used to chain an inflater after the meta group).</summary>
        public ArraySegment<byte> TakeBuffered()
        {
            var seg = new byte[_len - _pos];
            Buffer.BlockCopy(_buf, _pos, seg, 0, seg.Length);
            _bufStart += _len;
            _pos = _len = 0;
            return new ArraySegment<byte>(seg);
        }

        public byte PeekByte(int at) => _buf[_pos + at];

        public void Advance(int n) => _pos += n;

        public ushort PeekUInt16(int at, bool bigEndian) =>
            bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(new ReadOnlySpan<byte>(_buf, _pos + at, 2))
                      : BinaryPrimitives.ReadUInt16LittleEndian(new ReadOnlySpan<byte>(_buf, _pos + at, 2));

        public uint PeekUInt32(int at, bool bigEndian) =>
            bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(new ReadOnlySpan<byte>(_buf, _pos + at, 4))
                      : BinaryPrimitives.ReadUInt32LittleEndian(new ReadOnlySpan<byte>(_buf, _pos + at, 4));

        public byte[] ReadBytes(int count)
        {
            if (!Ensure(count)) throw Error(Position, "unexpected end of data");
            var b = new byte[count];
            Buffer.BlockCopy(_buf, _pos, b, 0, count);
            _pos += count;
            return b;
        }

        /// <summary>Reads a value whose length was already checked against the remaining bytes.</summary>
        private byte[] ReadValue(uint length, long at)
        {
            int n = (int)length;
            var value = new byte[n];
            int have = Math.Min(_len - _pos, n);
            Buffer.BlockCopy(_buf, _pos, value, 0, have);
            _pos += have;
            if (have == n) return value;
            // the rest straight from the stream (buffer is now empty)
            _bufStart += _pos;
            _pos = _len = 0;
            int done = have;
            if (_streamLength >= 0)
            {
                while (done < n)
                {
                    int got = _stream.Read(value, done, n - done);
                    if (got <= 0) throw Error(at, "unexpected end of data inside a value of length " + length);
                    done += got;
                    _bufStart += got;
                }
                return value;
            }
            return value; // unreachable: non-seekable streams use ReadValueUnknownLength
        }

        /// <summary>For streams of unknown length: grows the array as bytes actually arrive, so a corrupt length cannot force a huge allocation.</summary>
        private byte[] ReadValueUnknownLength(uint length, long at)
        {
            int n = (int)length;
            int have = Math.Min(_len - _pos, n);
            if (have == n)
            {
                var small = new byte[n];
                Buffer.BlockCopy(_buf, _pos, small, 0, n);
                _pos += n;
                return small;
            }
            var value = new byte[Math.Min(n, Math.Max(have, 1 << 20))];
            Buffer.BlockCopy(_buf, _pos, value, 0, have);
            _pos += have;
            _bufStart += _pos;
            _pos = _len = 0;
            int done = have;
            while (done < n)
            {
                if (done == value.Length) Array.Resize(ref value, (int)Math.Min((long)n, (long)value.Length * 2));
                int got = _stream.Read(value, done, value.Length - done);
                if (got <= 0) throw Error(at, "unexpected end of data inside a value of length " + length);
                done += got;
                _bufStart += got;
            }
            return value;
        }

        private void Skip(long count)
        {
            long inBuf = _len - _pos;
            if (count <= inBuf)
            {
                _pos += (int)count;
                return;
            }
            long target = Position + count;
            if (_canSeek)
            {
                _stream.Position = target;
                _bufStart = target;
                _pos = _len = 0;
                return;
            }
            count -= inBuf;
            _bufStart += _len;
            _pos = _len = 0;
            while (count > 0)
            {
                int got = _stream.Read(_buf, 0, (int)Math.Min(count, _buf.Length));
                if (got <= 0) throw Error(Position, "unexpected end of data");
                _bufStart += got;
                count -= got;
            }
        }

        // ----- elements -----

        /// <summary>Reads elements into <paramref name="ds"/> until <paramref name="end"/> (or end of stream / item delimiter when end is -1).</summary>
        public void ReadDataset(DicomDataset ds, long end, bool explicitVR, bool bigEndian, int depth, bool topLevel)
        {
            uint stop = topLevel && _options.StopAtTag.HasValue ? _options.StopAtTag.Value.Value : uint.MaxValue;
            while (true)
            {
                long tagPos = Position;
                if (end >= 0 && tagPos >= end)
                {
                    if (tagPos > end) throw Error(tagPos, "element runs past the end of its item");
                    return;
                }
                if (!Ensure(4))
                {
                    if (_len - _pos == 0 && topLevel && end < 0) return;
                    throw Error(tagPos, topLevel ? "data ends inside an element header" : "data ends inside a sequence item");
                }
                uint tag = ((uint)PeekUInt16(0, bigEndian) << 16) | PeekUInt16(2, bigEndian);
                if (tag >= stop)
                {
                    Stopped = true;
                    return;
                }
                if ((tag >> 16) == 0xFFFE)
                {
                    if (tag == ItemDelimitationTag && !topLevel && end < 0)
                    {
                        if (!Ensure(8)) throw Error(tagPos, "data ends inside an item delimiter");
                        _pos += 8;
                        return;
                    }
                    throw Error(tagPos, "unexpected " + new DicomTag(tag) + " in a dataset");
                }

                DicomVR vr;
                uint length;
                bool vrFromFile = explicitVR;
                if (explicitVR)
                {
                    if (!Ensure(8)) throw Error(tagPos, "data ends inside an element header");
                    if (!DicomVR.TryGet(_buf[_pos + 4], _buf[_pos + 5], out DicomVR? fileVr))
                        throw Error(tagPos + 4, "invalid VR bytes 0x" + _buf[_pos + 4].ToString("X2", CultureInfo.InvariantCulture) + _buf[_pos + 5].ToString("X2", CultureInfo.InvariantCulture) + " for " + new DicomTag(tag));
                    vr = fileVr;
                    if (vr.HasLongExplicitHeader)
                    {
                        if (!Ensure(12)) throw Error(tagPos, "data ends inside an element header");
                        length = PeekUInt32(8, bigEndian);
                        _pos += 12;
                    }
                    else
                    {
                        length = PeekUInt16(6, bigEndian);
                        _pos += 8;
                    }
                }
                else
                {
                    if (!Ensure(8)) throw Error(tagPos, "data ends inside an element header");
                    length = PeekUInt32(4, false);
                    _pos += 8;
                    vr = ImplicitVR(tag, ds, length);
                }

                Charge(DicomReadOptions.ElementOverhead, tagPos);
                DicomElement element;
                if (explicitVR && vr == DicomVR.UN && length != Undefined && KnownVRForUN(tag, ds, length, bigEndian, tagPos) is DicomVR known)
                    // PS3.5 6.2.2: a UN value is the element's value as Implicit VR Little Endian encodes it. Where the dictionary
                    // knows the VR every other reader (pydicom; dcmtk +uc) reads it with that VR, and so do we: Patient ID must be
                    // the same text whichever tool reads it.
                    element = ReadValue(ds, tag, known, length, tagPos, false, false, depth, end);
                else
                    element = ReadValue(ds, tag, vr, length, tagPos, explicitVR, bigEndian, depth, end);
                Add(ds, element, tagPos);
            }
        }

        /// <summary>
        /// Adds an element to the dataset being read. Two elements with one tag are refused: readers disagree on which one counts
        /// (pydicom keeps the last, dcmtk the first), and for an identity attribute that is a different patient.
        /// </summary>
        private void Add(DicomDataset ds, DicomElement element, long tagPos)
        {
            int before = ds.Count;
            bool inOrder = before == 0 || ds.Elements[before - 1].Tag.Value < element.Tag.Value;
            if (!inOrder && ++_outOfOrder > MaxOutOfOrderElements)
                throw Error(tagPos, "more than " + MaxOutOfOrderElements + " elements out of tag order");
            if (!ds.AddFromReader(element))
                throw Error(tagPos, element.Tag + " appears twice in one dataset (readers disagree on which one counts)");
        }

        /// <summary>
        /// The VR to read an explicit UN element of defined length with: the dictionary's when it knows one; null to keep UN
        /// (private data, unknown tags, binary values in Big Endian data, whose byte order is not known there). A value the
        /// dictionary's VR cannot hold (a part of a binary unit, more than an explicit header of that VR can state) is refused:
        /// other readers convert it anyway, and a value kept as bytes would reach the de-identifier as something else.
        /// </summary>
        private DicomVR? KnownVRForUN(uint tag, DicomDataset ds, uint length, bool bigEndian, long tagPos)
        {
            var vr = ImplicitVR(tag, ds, length);
            if (vr == DicomVR.UN) return null;
            if (vr == DicomVR.SQ) return vr; // an implicit VR little endian sequence in any transfer syntax (PS3.5 6.2.2)
            if (!vr.IsString && bigEndian) return null;
            int unit = vr.IsString ? 1 : vr == DicomVR.AT ? 4 : Math.Max(1, vr.UnitSize);
            if ((!vr.HasLongExplicitHeader && length > 0xFFFF) || length % unit != 0)
                throw Error(tagPos, new DicomTag(tag) + " is UN with " + length + " bytes, which its dictionary VR " + vr.Code + " cannot hold");
            return vr;
        }

        /// <summary>
        /// Reads the file meta group: little endian elements of group 0002 (explicit VR, or implicit where a writer got it wrong),
        /// stopping at the first tag of another group.
        /// </summary>
        public void ReadFileMetaGroup(DicomDataset meta)
        {
            while (Ensure(8) && PeekUInt16(0, false) == 0x0002)
            {
                long tagPos = Position;
                uint tag = 0x00020000u | PeekUInt16(2, false);
                bool explicitVR = DicomVR.TryGet(_buf[_pos + 4], _buf[_pos + 5], out var vr);
                uint length;
                if (vr != null && vr.HasLongExplicitHeader) // vr is known exactly when explicitVR
                {
                    if (!Ensure(12)) throw Error(tagPos, "data ends inside a file meta element header");
                    length = PeekUInt32(8, false);
                    _pos += 12;
                }
                else if (vr != null)
                {
                    length = PeekUInt16(6, false);
                    _pos += 8;
                }
                else
                {
                    length = PeekUInt32(4, false);
                    _pos += 8;
                    vr = ImplicitVR(tag, meta, length);
                }
                if (length == Undefined) throw Error(tagPos, "undefined length in the file meta group");
                Charge(DicomReadOptions.ElementOverhead, tagPos);
                Add(meta, ReadValue(meta, tag, vr, length, tagPos, explicitVR, false, 0, -1), tagPos);
            }
        }

        private DicomElement ReadValue(DicomDataset ds, uint tag, DicomVR vr, uint length, long tagPos, bool explicitVR, bool bigEndian, int depth, long end)
        {
            long valuePos = Position;
            var t = new DicomTag(tag);
            if (length == Undefined)
            {
                if (vr == DicomVR.SQ)
                    return ReadSequence(t, DicomVR.SQ, -1, explicitVR, bigEndian, depth + 1);
                if (tag == PixelDataTag || ((vr == DicomVR.OB || vr == DicomVR.OW) && !bigEndian))
                    return ReadFragments(t, explicitVR && vr == DicomVR.OW ? DicomVR.OW : DicomVR.OB, depth); // PS3.5 A.4: OB
                if (vr == DicomVR.UN)
                    // UN of undefined length: a sequence encoded implicit VR little endian (PS3.5 6.2.2)
                    return ReadSequence(t, explicitVR ? DicomVR.UN : DicomVR.SQ, -1, false, false, depth + 1);
                throw Error(tagPos, "undefined length is not allowed for VR " + vr.Code + " of " + t);
            }
            if (length > Remaining) throw Error(tagPos, Exceeds(length, "value length") + " for " + t);
            if (end >= 0 && valuePos + length > end) throw Error(tagPos, "value of " + t + " runs past the end of its item");
            if (vr == DicomVR.SQ)
                return ReadSequence(t, DicomVR.SQ, valuePos + length, explicitVR, bigEndian, depth + 1);

            if (length >= _options.LargeValueThreshold && _valueSourceFactory != null)
            {
                if (_valueSource == null) _valueSource = _valueSourceFactory();
                var reference = new DicomValueReference(_valueSource, valuePos, length, bigEndian && vr.IsSwappedByEndianness);
                Skip(length);
                return new DicomElement(t, vr, reference);
            }
            if (length >= _options.LargeValueThreshold && _options.SkipLargeStreamedValues && !_canSeek)
            {
                Skip(length);
                SkippedValues = true;
                return new DicomElement(t, vr, Array.Empty<byte>());
            }
            if (length > MaxInMemoryValue) throw Error(tagPos, "value length " + length + " of " + t + " is too large to hold in memory (source not seekable)");
            Charge(length, tagPos);
            byte[] value;
            if (length == 0) value = Array.Empty<byte>();
            else if (_len - _pos >= length || _streamLength >= 0) value = ReadValue(length, tagPos);
            else value = ReadValueUnknownLength(length, tagPos);
            if (bigEndian && vr.IsSwappedByEndianness) ByteOrder.SwapInPlace(value, 0, value.Length, vr.UnitSize);
            return new DicomElement(t, vr, value);
        }

        private DicomSequence ReadSequence(DicomTag tag, DicomVR vr, long end, bool explicitVR, bool bigEndian, int depth)
        {
            long start = Position;
            if (depth > _options.MaxNestingDepth) throw Error(start, "sequences nested deeper than " + _options.MaxNestingDepth + " levels");
            var seq = new DicomSequence(tag, vr);
            while (true)
            {
                long itemPos = Position;
                if (end >= 0 && itemPos >= end)
                {
                    if (itemPos > end) throw Error(itemPos, "item runs past the end of sequence " + tag);
                    return seq;
                }
                if (!Ensure(8)) throw Error(itemPos, "data ends inside sequence " + tag);
                uint itemTag = ((uint)PeekUInt16(0, bigEndian) << 16) | PeekUInt16(2, bigEndian);
                uint length = PeekUInt32(4, bigEndian);
                _pos += 8;
                if (itemTag == SequenceDelimitationTag)
                {
                    if (end >= 0) throw Error(itemPos, "sequence delimiter inside defined-length sequence " + tag);
                    return seq;
                }
                if (itemTag != ItemTag) throw Error(itemPos, "expected an item in sequence " + tag + " but found " + new DicomTag(itemTag));
                Charge(DicomReadOptions.ElementOverhead, itemPos);
                var item = new DicomDataset();
                seq.Items.Add(item);
                if (length == Undefined)
                    ReadDataset(item, -1, explicitVR, bigEndian, depth, false);
                else
                {
                    if (length > Remaining) throw Error(itemPos, Exceeds(length, "item length"));
                    long itemEnd = Position + length;
                    if (end >= 0 && itemEnd > end) throw Error(itemPos, "item runs past the end of sequence " + tag);
                    ReadDataset(item, itemEnd, explicitVR, bigEndian, depth, false);
                }
            }
        }

        private DicomFragmentSequence ReadFragments(DicomTag tag, DicomVR vr, int depth)
        {
            var frags = new DicomFragmentSequence(tag, vr);
            bool first = true;
            while (true)
            {
                long itemPos = Position;
                if (!Ensure(8)) throw Error(itemPos, "data ends inside encapsulated pixel data");
                uint itemTag = ((uint)PeekUInt16(0, false) << 16) | PeekUInt16(2, false);
                uint length = PeekUInt32(4, false);
                _pos += 8;
                if (itemTag == SequenceDelimitationTag) return frags;
                if (itemTag != ItemTag) throw Error(itemPos, "expected a fragment item in encapsulated " + tag + " but found " + new DicomTag(itemTag));
                if (length == Undefined) throw Error(itemPos, "fragment of undefined length");
                if (length > Remaining) throw Error(itemPos, Exceeds(length, "fragment length"));
                Charge(DicomReadOptions.ElementOverhead, itemPos);
                DicomFragment fragment;
                if (length >= _options.LargeValueThreshold && _valueSourceFactory != null)
                {
                    if (_valueSource == null) _valueSource = _valueSourceFactory();
                    fragment = new DicomFragment(new DicomValueReference(_valueSource, Position, length));
                    Skip(length);
                }
                else if (length >= _options.LargeValueThreshold && _options.SkipLargeStreamedValues && !_canSeek)
                {
                    Skip(length);
                    SkippedValues = true;
                    fragment = new DicomFragment(Array.Empty<byte>());
                }
                else if (length > MaxInMemoryValue) throw Error(itemPos, "fragment length " + length + " is too large to hold in memory (source not seekable)");
                else
                {
                    Charge(length, itemPos);
                    fragment = new DicomFragment(length == 0 ? Array.Empty<byte>() :
                        (_len - _pos >= length || _streamLength >= 0) ? ReadValue(length, itemPos) : ReadValueUnknownLength(length, itemPos));
                }
                if (first) frags.OffsetTable = fragment;
                else frags.Fragments.Add(fragment);
                first = false;
            }
        }

        /// <summary>VR for implicit VR data: dictionary (ambiguous ones resolved), UL for group lengths, LO for private creators, UN otherwise.</summary>
        private static DicomVR ImplicitVR(uint tag, DicomDataset ds, uint length)
        {
            var t = new DicomTag(tag);
            if (t.IsGroupLength) return DicomVR.UL;
            if (t.IsPrivate) return t.IsPrivateCreator ? DicomVR.LO : (length == Undefined ? DicomVR.SQ : DicomVR.UN);
            var entry = DicomDictionary.Lookup(t);
            if (entry == null) return length == Undefined ? DicomVR.SQ : DicomVR.UN;
            var vr = entry.VR;
            if (vr == null) return DicomVR.UN;
            if (entry.IsAmbiguousVR)
            {
                var vrs = entry.ValueRepresentations;
                if (vrs.Count == 2 && vrs[0] == DicomVR.US && vrs[1] == DicomVR.SS)
                {
                    var pr = ds.GetElement(new DicomTag(PixelRepresentationTag));
                    return pr != null && pr.Data != null && pr.Data.Length >= 2 && pr.Data[0] == 1 ? DicomVR.SS : DicomVR.US;
                }
                for (int i = 0; i < vrs.Count; i++) if (vrs[i] == DicomVR.OW) return DicomVR.OW;
            }
            return vr;
        }
    }
}
