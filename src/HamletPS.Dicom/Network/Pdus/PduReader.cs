using System;
using System.Globalization;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace HamletPS.Dicom.Network
{
    /// <summary>
    /// Reads PDUs from a transport stream. The 6-byte header is checked first — PDU type 01H..07H and a length within the limit
    /// for that type (PS3.8 9.3.1) — and only then is a body buffer sized; an HTTP request or random bytes cost six bytes.
    /// The body buffer is reused and grows at most to the configured maximum.
    /// </summary>
    internal sealed class PduReader
    {
        /// <summary>Upper bound for A-ASSOCIATE-RQ/AC bodies (128 presentation contexts with long UIDs fit easily).</summary>
        public const int MaxAssociateLength = 64 * 1024;

        private readonly Stream _stream;
        private readonly byte[] _header = new byte[6];
        private readonly int _maxPDataLength;
        private byte[] _body = new byte[256];
        private long _position;

        /// <param name="maxPDataLength">The largest P-DATA-TF length we accept: the maximum length we announced.</param>
        public PduReader(Stream stream, int maxPDataLength)
        {
            _stream = stream;
            _maxPDataLength = maxPDataLength;
        }

        /// <summary>Bytes read so far on this transport.</summary>
        public long Position => _position;

        /// <summary>The body of the last PDU read (valid until the next read).</summary>
        public byte[] Body => _body;

        public int BodyLength { get; private set; }

        public PduType LastType { get; private set; }

        /// <summary>
        /// Reads the next PDU into <see cref="Body"/>, blocking the calling thread (a receiver serving one association per
        /// thread wakes up once per arrival, without a hand-over from the socket engine to a thread-pool thread). Returns
        /// false when the peer closed the connection cleanly before a new PDU began. Throws <see cref="PduFormatException"/>
        /// for an undefined type or an out-of-range length, and <see cref="EndOfStreamException"/> when the connection ends
        /// inside a PDU.
        /// </summary>
        public bool Read()
        {
            int got = ReadAtMost(_header, 0, 6);
            if (got == 0) return false;
            int length = SizeBody(got);
            return Finish(ReadAtMost(_body, 0, length), length);
        }

        /// <summary>The same as <see cref="Read"/>, awaiting the transport instead of blocking.</summary>
        public async Task<bool> ReadAsync(CancellationToken cancellationToken)
        {
            int got = await ReadAtMostAsync(_header, 0, 6, cancellationToken).ConfigureAwait(false);
            if (got == 0) return false;
            int length = SizeBody(got);
            int body = await ReadAtMostAsync(_body, 0, length, cancellationToken).ConfigureAwait(false);
            return Finish(body, length);
        }

        /// <summary>Checks the header just read and sizes the body buffer; returns the body length.</summary>
        private int SizeBody(int got)
        {
            if (got < 6) throw new EndOfStreamException("connection closed inside a PDU header at byte " + _position);
            byte type = _header[0];
            uint length = ((uint)_header[2] << 24) | ((uint)_header[3] << 16) | ((uint)_header[4] << 8) | _header[5];
            CheckHeader(type, length, _maxPDataLength);
            if (_body.Length < length) _body = new byte[Math.Max(length, Math.Min((uint)_maxPDataLength, (uint)_body.Length * 2))];
            LastType = (PduType)type;
            return (int)length;
        }

        private bool Finish(int body, int length)
        {
            if (body < length) throw new EndOfStreamException("connection closed inside a PDU body at byte " + _position);
            BodyLength = length;
            return true;
        }

        /// <summary>The header check, exposed for tests: throws unless the type is defined and the length within limits.</summary>
        public static void CheckHeader(byte type, uint length, int maxPDataLength)
        {
            switch ((PduType)type)
            {
                case PduType.AssociateRequest:
                case PduType.AssociateAccept:
                    // 68 fixed bytes + application context item at least.
                    if (length < 68 || length > MaxAssociateLength)
                        throw new PduFormatException(2, "A-ASSOCIATE PDU length " + length + " is outside 68.." + MaxAssociateLength);
                    break;
                case PduType.AssociateReject:
                case PduType.ReleaseRequest:
                case PduType.ReleaseResponse:
                case PduType.Abort:
                    if (length != 4) throw new PduFormatException(2, "PDU type 0x0" + type + " must have length 4, not " + length);
                    break;
                case PduType.PDataTransfer:
                    if (length < 6 || length > (uint)maxPDataLength)
                        throw new PduFormatException(2, "P-DATA-TF length " + length + " is outside 6.." + maxPDataLength + " (our maximum PDU length)");
                    break;
                default:
                    throw new PduFormatException(0, "PDU type 0x" + type.ToString("X2", CultureInfo.InvariantCulture) + " is not defined");
            }
        }

        /// <summary>Decodes the last PDU read (for association and release PDUs; P-DATA is parsed in place).</summary>
        public Pdu Decode() => Pdu.DecodeBody(LastType, new PduParser(_body, 0, BodyLength));

        private int ReadAtMost(byte[] buffer, int offset, int count)
        {
            int total = 0;
            while (total < count)
            {
                int n = _stream.Read(buffer, offset + total, count - total);
                if (n <= 0) break;
                total += n;
                _position += n;
            }
            return total;
        }

        private async Task<int> ReadAtMostAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            int total = 0;
            while (total < count)
            {
                int n = await _stream.ReadAsync(buffer, offset + total, count - total, cancellationToken).ConfigureAwait(false);
                if (n <= 0) break;
                total += n;
                _position += n;
            }
            return total;
        }
    }
}
