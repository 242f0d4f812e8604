namespace HamletPS.Dicom.Network
{
    /// <summary>A-ASSOCIATE-RJ PDU, type 03H (PS3.8 9.3.4, Table 9-21): result, source and reason.</summary>
    public sealed class AssociateRejectPdu : Pdu
    {
        /// <summary>Result: rejected-permanent.</summary>
        public const byte Permanent = 1;
        /// <summary>Result: rejected-transient.</summary>
        public const byte Transient = 2;

        /// <summary>Source: DICOM UL service-user. Reasons: 1 no-reason-given, 2 application-context-name-not-supported,
        /// 3 calling-AE-title-not-recognized, 7 called-AE-title-not-recognized.</summary>
        public const byte SourceServiceUser = 1;
        /// <summary>Source: DICOM UL service-provider (ACSE). Reasons: 1 no-reason-given, 2 protocol-version-not-supported.</summary>
        public const byte SourceServiceProviderAcse = 2;
        /// <summary>Source: DICOM UL service-provider (presentation). Reasons: 1 temporary-congestion, 2 local-limit-exceeded.</summary>
        public const byte SourceServiceProviderPresentation = 3;

        public AssociateRejectPdu(byte result, byte source, byte reason)
        {
            Result = result;
            Source = source;
            Reason = reason;
        }

        public override PduType Type => PduType.AssociateReject;

        public byte Result { get; }

        public byte Source { get; }

        public byte Reason { get; }

        public static AssociateRejectPdu CallingAeNotRecognized() => new AssociateRejectPdu(Permanent, SourceServiceUser, 3);

        public static AssociateRejectPdu CalledAeNotRecognized() => new AssociateRejectPdu(Permanent, SourceServiceUser, 7);

        public static AssociateRejectPdu NoReasonGiven() => new AssociateRejectPdu(Permanent, SourceServiceUser, 1);

        public static AssociateRejectPdu ApplicationContextNotSupported() => new AssociateRejectPdu(Permanent, SourceServiceUser, 2);

        public static AssociateRejectPdu LocalLimitExceeded() => new AssociateRejectPdu(Transient, SourceServiceProviderPresentation, 2);

        /// <summary>A readable description of result/source/reason.</summary>
        public string Describe()
        {
            string result = Result == Permanent ? "permanent" : Result == Transient ? "transient" : "result " + Result;
            string reason;
            switch (Source)
            {
                case SourceServiceUser:
                    reason = Reason == 2 ? "application context name not supported" : Reason == 3 ? "calling AE title not recognized"
                        : Reason == 7 ? "called AE title not recognized" : "no reason given";
                    break;
                case SourceServiceProviderAcse:
                    reason = Reason == 2 ? "protocol version not supported" : "no reason given";
                    break;
                case SourceServiceProviderPresentation:
                    reason = Reason == 1 ? "temporary congestion" : Reason == 2 ? "local limit exceeded" : "reason " + Reason;
                    break;
                default:
                    reason = "source " + Source + " reason " + Reason;
                    break;
            }
            return "association rejected (" + result + "): " + reason;
        }

        internal override void WriteBody(PduWriter w)
        {
            w.Byte(0);
            w.Byte(Result);
            w.Byte(Source);
            w.Byte(Reason);
        }

        internal static AssociateRejectPdu ReadBody(PduParser p)
        {
            p.Skip(1, "reserved byte");
            byte result = p.Byte("result");
            byte source = p.Byte("source");
            byte reason = p.Byte("reason");
            return new AssociateRejectPdu(result, source, reason);
        }
    }
}
