namespace HamletPS.Dicom.Network
{
    /// <summary>A-RELEASE-RP PDU, type 06H (PS3.8 9.3.7): 4 reserved bytes.</summary>
    public sealed class ReleaseResponsePdu : Pdu
    {
        public override PduType Type => PduType.ReleaseResponse;

        internal override void WriteBody(PduWriter w) => w.Zeros(4);
    }
}
