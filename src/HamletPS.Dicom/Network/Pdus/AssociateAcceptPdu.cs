namespace HamletPS.Dicom.Network
{
    /// <summary>A-ASSOCIATE-AC PDU, type 02H (PS3.8 9.3.3). AE title fields echo those of the request.</summary>
    public sealed class AssociateAcceptPdu : AssociatePdu<PresentationContextAcceptItem>
    {
        public override PduType Type => PduType.AssociateAccept;

        private protected override void WriteContext(PduWriter w, PresentationContextAcceptItem item) => item.Write(w);

        internal static AssociateAcceptPdu ReadBody(PduParser p) =>
            ReadBody(p, new AssociateAcceptPdu(), ItemType.PresentationContextAccept, PresentationContextAcceptItem.Read, "A-ASSOCIATE-AC",
                applicationContextRequired: false);
    }
}
