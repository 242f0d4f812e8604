namespace HamletPS.Dicom.Network
{
    /// <summary>A-RELEASE-RQ PDU, type 05H (PS3.8 9.3.6): 4 reserved bytes.</summary>
    public sealed class ReleaseRequestPdu : Pdu
    {
        public override PduType Type => PduType.ReleaseRequest;

        internal override void WriteBody(PduWriter w) => w.Zeros(4);
    }
}
