using System;
using System.IO;
using HamletPS.Dicom.Data;
using HamletPS.Dicom.IO;

namespace HamletPS.Dicom.Network
{
    /// <summary>
    /// Encodes a C-FIND/C-GET/C-MOVE identifier in the transfer syntax of its presentation context, and decodes a response
    /// identifier (bounded: an identifier is a few kilobytes; a peer sending more than <see cref="MaxLength"/> is refused).
    /// </summary>
    internal static class QueryIdentifier
    {
        /// <summary>Largest response identifier we decode.</summary>
        public const int MaxLength = 4 * 1024 * 1024;

        public static byte[] Encode(DicomDataset identifier, string transferSyntaxUid)
        {
            var ms = new MemoryStream(512);
            DicomWriter.WriteDataset(ms, identifier, DicomTransferSyntax.Lookup(transferSyntaxUid));
            return ms.ToArray();
        }

        /// <summary>Parses a response identifier; a malformed one is a <see cref="DicomFormatException"/> naming the peer.</summary>
        public static DicomDataset Decode(byte[] bytes, int count, string transferSyntaxUid, string peer)
        {
            DicomTransferSyntax ts = DicomTransferSyntax.Lookup(transferSyntaxUid);
            var ds = new DicomDataset();
            using (var ms = new MemoryStream(bytes, 0, count, false))
            using (var reader = new DicomStreamReader(ms, "identifier from " + peer, new DicomReadOptions(), null))
                reader.ReadDataset(ds, -1, ts.IsExplicitVR, ts.IsBigEndian, 0, true);
            return ds;
        }
    }

    /// <summary>Collects a response identifier in memory, up to <see cref="QueryIdentifier.MaxLength"/> bytes.</summary>
    internal sealed class IdentifierSink : IDataSetSink
    {
        private byte[] _buffer = new byte[1024];

        public int Length { get; private set; }

        public byte[] Buffer => _buffer;

        public bool Overflowed { get; private set; }

        public void Write(byte[] buffer, int offset, int count)
        {
            if (Overflowed || Length + (long)count > QueryIdentifier.MaxLength)
            {
                Overflowed = true;
                return;
            }
            if (Length + count > _buffer.Length) Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, Length + count));
            System.Buffer.BlockCopy(buffer, offset, _buffer, Length, count);
            Length += count;
        }
    }
}
