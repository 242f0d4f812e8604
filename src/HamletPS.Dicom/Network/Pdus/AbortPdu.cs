namespace HamletPS.Dicom.Network
{
    /// <summary>A-ABORT PDU, type 07H (PS3.8 9.3.8, Table 9-26): source and, for the service provider, a diagnostic reason.</summary>
    public sealed class AbortPdu : Pdu
    {
        /// <summary>Source: DICOM UL service-user (initiated abort).</summary>
        public const byte SourceServiceUser = 0;
        /// <summary>Source: DICOM UL service-provider (initiated abort).</summary>
        public const byte SourceServiceProvider = 2;

        /// <summary>Reasons for a provider abort: 0 not specified, 1 unrecognized PDU, 2 unexpected PDU, 4 unrecognized PDU
        /// parameter, 5 unexpected PDU parameter, 6 invalid PDU parameter value.</summary>
        public const byte ReasonNotSpecified = 0;
        public const byte ReasonUnrecognizedPdu = 1;
        public const byte ReasonUnexpectedPdu = 2;
        public const byte ReasonUnrecognizedPduParameter = 4;
        public const byte ReasonUnexpectedPduParameter = 5;
        public const byte ReasonInvalidPduParameterValue = 6;

        public AbortPdu(byte source, byte reason)
        {
            Source = source;
            Reason = reason;
        }

        public override PduType Type => PduType.Abort;

        public byte Source { get; }

        public byte Reason { get; }

        internal override void WriteBody(PduWriter w)
        {
            w.Zeros(2);
            w.Byte(Source);
            w.Byte(Reason);
        }

        internal static AbortPdu ReadBody(PduParser p)
        {
            p.Skip(2, "reserved bytes");
            byte source = p.Byte("source");
            byte reason = p.Byte("reason/diag");
            return new AbortPdu(source, reason);
        }
    }
}
