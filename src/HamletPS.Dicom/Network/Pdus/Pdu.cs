using System.Globalization;

namespace HamletPS.Dicom.Network
{
    /// <summary>
    /// A protocol data unit of the DICOM upper layer (PS3.8 9.3): a 1-byte type, a reserved byte, a 4-byte big-endian length of
    /// the rest, then the type's fields.
    /// </summary>
    public abstract class Pdu
    {
        public abstract PduType Type { get; }

        /// <summary>The complete PDU, header included.</summary>
        public byte[] Encode()
        {
            var w = new PduWriter();
            w.Byte((byte)Type);
            w.Byte(0);
            int len = w.ReserveUInt32();
            WriteBody(w);
            w.PatchUInt32(len);
            return w.ToArray();
        }

        internal abstract void WriteBody(PduWriter w);

        /// <summary>Decodes a complete PDU (header included).</summary>
        public static Pdu Decode(byte[] bytes) => Decode(bytes, 0, bytes.Length);

        public static Pdu Decode(byte[] bytes, int offset, int count)
        {
            var p = new PduParser(bytes, offset, count);
            byte type = p.Byte("PDU type");
            p.Skip(1, "PDU reserved byte");
            uint length = p.UInt32("PDU length");
            if (length != (uint)(count - 6)) throw new PduFormatException(2, "PDU length " + length + " does not match the " + (count - 6) + " bytes given");
            return DecodeBody((PduType)type, p.Sub((int)length, "PDU body"));
        }

        internal static Pdu DecodeBody(PduType type, PduParser body)
        {
            switch (type)
            {
                case PduType.AssociateRequest: return AssociateRequestPdu.ReadBody(body);
                case PduType.AssociateAccept: return AssociateAcceptPdu.ReadBody(body);
                case PduType.AssociateReject: return AssociateRejectPdu.ReadBody(body);
                case PduType.PDataTransfer: return PDataTransferPdu.ReadBody(body);
                case PduType.ReleaseRequest: body.Skip(4, "A-RELEASE-RQ reserved bytes"); return new ReleaseRequestPdu();
                case PduType.ReleaseResponse: body.Skip(4, "A-RELEASE-RP reserved bytes"); return new ReleaseResponsePdu();
                case PduType.Abort: return AbortPdu.ReadBody(body);
                default: throw new PduFormatException(0, "PDU type 0x" + ((byte)type).ToString("X2", CultureInfo.InvariantCulture) + " is not defined");
            }
        }
    }
}
