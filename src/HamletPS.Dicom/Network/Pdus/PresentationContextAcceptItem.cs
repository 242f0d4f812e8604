namespace HamletPS.Dicom.Network
{
    /// <summary>
    /// Presentation Context Item in an A-ASSOCIATE-AC, type 21H (PS3.8 9.3.3.2): the result for one proposed context and, when
    /// accepted, the one transfer syntax chosen (sub-item 40H).
    /// </summary>
    public sealed class PresentationContextAcceptItem
    {
        public PresentationContextAcceptItem(byte id, PresentationContextResult result, string? transferSyntax)
        {
            Id = id;
            Result = result;
            TransferSyntax = transferSyntax;
        }

        public byte Id { get; }

        public PresentationContextResult Result { get; }

        /// <summary>The chosen transfer syntax; meaningless (but still encoded, PS3.8 9.3.3.2) when not accepted.</summary>
        public string? TransferSyntax { get; }

        internal void Write(PduWriter w)
        {
            w.Byte((byte)ItemType.PresentationContextAccept);
            w.Byte(0);
            int len = w.ReserveUInt16();
            w.Byte(Id);
            w.Byte(0);
            w.Byte((byte)Result);
            w.Byte(0);
            w.StringItem(ItemType.TransferSyntax, TransferSyntax ?? string.Empty);
            w.PatchUInt16(len);
        }

        internal static PresentationContextAcceptItem Read(PduParser body)
        {
            byte id = body.Byte("presentation context ID");
            body.Skip(1, "reserved byte");
            byte result = body.Byte("result/reason");
            body.Skip(1, "reserved byte");
            string? ts = null;
            while (!body.AtEnd)
            {
                byte type = body.Byte("sub-item type");
                body.Skip(1, "sub-item reserved byte");
                int length = body.UInt16("sub-item length");
                string uid = body.Ascii(length, "transfer syntax name");
                if (type == (byte)ItemType.TransferSyntax) ts = uid;
            }
            if (result > 4) throw new PduFormatException(body.Offset, "presentation context result " + result + " is not defined");
            return new PresentationContextAcceptItem(id, (PresentationContextResult)result, ts);
        }
    }
}
