using System;
using System.IO;
using System.IO.Compression;
using HamletPS.Dicom.Data;

namespace HamletPS.Dicom.IO
{
    /// <summary>Reads a Part 10 file or a bare dataset: preamble, file meta group, transfer syntax detection, deflate.</summary>
    internal static class DicomFileReader
    {
        private static readonly DicomTag TransferSyntaxUidTag = new DicomTag(0x0002, 0x0010);

        public static DicomFile Read(Stream stream, string? source, DicomReadOptions? options, Func<DicomValueSource>? valueSource)
        {
            options = options ?? new DicomReadOptions();
            using (var reader = new DicomStreamReader(stream, source, options, valueSource))
            {
                long start = reader.Position;
                byte[]? preamble = null;
                if (reader.Ensure(132) && reader.PeekByte(128) == 'D' && reader.PeekByte(129) == 'I' && reader.PeekByte(130) == 'C' && reader.PeekByte(131) == 'M')
                {
                    preamble = reader.ReadBytes(128);
                    reader.Advance(4);
                }
                else if (reader.Ensure(4) && reader.PeekByte(0) == 'D' && reader.PeekByte(1) == 'I' && reader.PeekByte(2) == 'C' && reader.PeekByte(3) == 'M')
                    reader.Advance(4);

                var meta = new DicomDataset();
                reader.ReadFileMetaGroup(meta);
                bool hasMeta = meta.Count > 0;
                if (preamble == null && !hasMeta && !LooksLikeBareDataset(reader))
                    throw reader.Error(start, "not a DICOM file (no DICM prefix, no file meta group, no recognisable dataset)");

                DicomTransferSyntax? ts = null;
                string? tsUid = meta.GetUid(TransferSyntaxUidTag);
                if (tsUid is { Length: > 0 }) ts = DicomTransferSyntax.Lookup(tsUid);
                if (ts == null) ts = Detect(reader);
                bool explicitVR = ts.IsExplicitVR;
                if (!ts.IsDeflated && !ts.IsBigEndian && reader.Ensure(6))
                    explicitVR = Detect(reader).IsExplicitVR; // trust the data over a wrong declaration (seen in the wild)

                var file = new DicomFile(preamble, meta, new DicomDataset(), ts, source, hasMeta);
                if (reader.StreamLength >= 0) file.SourceLength = reader.StreamLength;
                if (ts.IsDeflated)
                {
                    var rest = reader.TakeBuffered();
                    var chained = new PrefixedStream(rest, stream);
                    using (var inflater = new DeflateStream(chained, CompressionMode.Decompress, leaveOpen: true))
                    using (var bounded = new BoundedInflation(inflater, source, options.MaxInflatedLength))
                    using (var inner = new DicomStreamReader(bounded, source, options, null, options.MaxInflatedLength)
                    {
                        ReasonSuffix = " (offset within the inflated dataset, limited by DicomReadOptions.MaxInflatedLength)",
                    })
                    {
                        ReadBody(inner, file, true, false);
                        file.IsComplete = !inner.Stopped && !inner.SkippedValues;
                    }
                }
                else
                {
                    ReadBody(reader, file, explicitVR, ts.IsBigEndian);
                    file.IsComplete = !reader.Stopped && !reader.SkippedValues;
                }
                return file;
            }
        }

        private static void ReadBody(DicomStreamReader reader, DicomFile file, bool explicitVR, bool bigEndian)
        {
            try
            {
                reader.ReadDataset(file.Dataset, -1, explicitVR, bigEndian, 0, true);
            }
            catch (InvalidDataException ex)
            {
                throw reader.Error(reader.Position, "corrupt deflate data: " + ex.GetType().Name, ex);
            }
        }

        /// <summary>Guesses explicit/implicit VR and byte order from the first element of the dataset.</summary>
        private static DicomTransferSyntax Detect(DicomStreamReader reader)
        {
            if (!reader.Ensure(6)) return DicomTransferSyntax.ExplicitVRLittleEndian;
            bool bigEndian = reader.PeekByte(0) == 0 && reader.PeekByte(1) != 0;
            bool explicitVR = DicomVR.TryGet(reader.PeekByte(4), reader.PeekByte(5), out _);
            if (bigEndian) return explicitVR ? DicomTransferSyntax.ExplicitVRBigEndian : DicomTransferSyntax.ImplicitVRLittleEndian;
            return explicitVR ? DicomTransferSyntax.ExplicitVRLittleEndian : DicomTransferSyntax.ImplicitVRLittleEndian;
        }

        /// <summary>
        /// A bare dataset starts with a low even group (0002-0010) and a valid VR or a plausible implicit length. Group 0000 (the
        /// DIMSE command group) never starts a stored dataset, and accepting it would take a run of zero bytes for DICOM.
        /// </summary>
        private static bool LooksLikeBareDataset(DicomStreamReader reader)
        {
            if (!reader.Ensure(8)) return false;
            bool bigEndian = reader.PeekByte(0) == 0 && reader.PeekByte(1) != 0;
            ushort group = reader.PeekUInt16(0, bigEndian);
            if ((group & 1) != 0 || group < 0x0002 || group > 0x0010) return false;
            if (DicomVR.TryGet(reader.PeekByte(4), reader.PeekByte(5), out _)) return true;
            if (bigEndian) return false;
            uint length = reader.PeekUInt32(4, false);
            return length < 0x10000 || length == 0xFFFFFFFF;
        }

        /// <summary>Bytes already buffered followed by the rest of a stream (feeds the inflater after the meta group).</summary>
        private sealed class PrefixedStream : ForwardReadStream
        {
            private readonly ArraySegment<byte> _prefix;
            private readonly Stream _rest;
            private int _used;

            public PrefixedStream(ArraySegment<byte> prefix, Stream rest) { _prefix = prefix; _rest = rest; }

            public override int Read(byte[] buffer, int offset, int count)
            {
                if (_used < _prefix.Count)
                {
                    int n = Math.Min(count, _prefix.Count - _used);
                    Buffer.BlockCopy(_prefix.Array, _prefix.Offset + _used, buffer, offset, n);
                    _used += n;
                    return n;
                }
                return _rest.Read(buffer, offset, count);
            }
        }
    }
}
