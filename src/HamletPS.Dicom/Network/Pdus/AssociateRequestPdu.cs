namespace HamletPS.Dicom.Network
{
    /// <summary>A-ASSOCIATE-RQ PDU, type 01H (PS3.8 9.3.2).</summary>
    public sealed class AssociateRequestPdu : AssociatePdu<PresentationContextRequestItem>
    {
        public override PduType Type => PduType.AssociateRequest;

        private protected override void WriteContext(PduWriter w, PresentationContextRequestItem item) => item.Write(w);

        internal static AssociateRequestPdu ReadBody(PduParser p) =>
            ReadBody(p, new AssociateRequestPdu(), ItemType.PresentationContextRequest, PresentationContextRequestItem.Read, "A-ASSOCIATE-RQ",
                applicationContextRequired: true);
    }
}
