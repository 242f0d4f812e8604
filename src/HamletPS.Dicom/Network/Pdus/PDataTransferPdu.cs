using System.Collections.Generic;

namespace HamletPS.Dicom.Network
{
    /// <summary>P-DATA-TF PDU, type 04H (PS3.8 9.3.5): one or more presentation data value items.</summary>
    public sealed class PDataTransferPdu : Pdu
    {
        public override PduType Type => PduType.PDataTransfer;

        public List<PresentationDataValue> Values { get; } = new List<PresentationDataValue>();

        internal override void WriteBody(PduWriter w)
        {
            foreach (var pdv in Values)
            {
                w.UInt32((uint)(pdv.Data.Count + 2));
                w.Byte(pdv.PresentationContextId);
                w.Byte(pdv.MessageControlHeader);
                var copy = new byte[pdv.Data.Count];
                System.Buffer.BlockCopy(pdv.Data.Array, pdv.Data.Offset, copy, 0, copy.Length);
                w.Bytes(copy);
            }
        }

        internal static PDataTransferPdu ReadBody(PduParser p)
        {
            var pdu = new PDataTransferPdu();
            foreach (var pdv in PresentationDataValueParser.Parse(p)) pdu.Values.Add(pdv);
            return pdu;
        }
    }
}
