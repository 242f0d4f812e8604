namespace HamletPS.Dicom.Network
{
    /// <summary>A negotiated presentation context: ID, abstract syntax, result and the one transfer syntax agreed.</summary>
    public sealed class PresentationContext
    {
        public PresentationContext(byte id, string abstractSyntax, string transferSyntax, PresentationContextResult result)
        {
            Id = id;
            AbstractSyntax = abstractSyntax;
            TransferSyntax = transferSyntax;
            Result = result;
        }

        public byte Id { get; }

        public string AbstractSyntax { get; }

        public string TransferSyntax { get; }

        public PresentationContextResult Result { get; }

        public bool IsAccepted => Result == PresentationContextResult.Acceptance;

        public override string ToString() => Id + ": " + AbstractSyntax + " / " + TransferSyntax + " (" + Result + ")";
    }
}
