namespace HamletPS.Dicom.Network
{
    /// <summary>User Identity Negotiation Sub-Item (RQ), type 58H (PS3.7 D.3.3.7.1).</summary>
    public sealed class UserIdentityRequestSubItem
    {
        public UserIdentityRequestSubItem(byte identityType, bool positiveResponseRequested, byte[] primaryField, byte[] secondaryField)
        {
            IdentityType = identityType;
            PositiveResponseRequested = positiveResponseRequested;
            PrimaryField = primaryField ?? new byte[0];
            SecondaryField = secondaryField ?? new byte[0];
        }

        /// <summary>1 username, 2 username and passcode, 3 Kerberos ticket, 4 SAML assertion, 5 JWT.</summary>
        public byte IdentityType { get; }

        public bool PositiveResponseRequested { get; }

        public byte[] PrimaryField { get; }

        /// <summary>The passcode for type 2; empty otherwise.</summary>
        public byte[] SecondaryField { get; }

        internal void Write(PduWriter w)
        {
            w.Byte((byte)ItemType.UserIdentityRequest);
            w.Byte(0);
            int len = w.ReserveUInt16();
            w.Byte(IdentityType);
            w.Byte(PositiveResponseRequested ? 1 : 0);
            w.UInt16(PrimaryField.Length);
            w.Bytes(PrimaryField);
            w.UInt16(SecondaryField.Length);
            w.Bytes(SecondaryField);
            w.PatchUInt16(len);
        }

        internal static UserIdentityRequestSubItem Read(PduParser body)
        {
            byte type = body.Byte("user identity type");
            bool positive = body.Byte("positive response requested") != 0;
            byte[] primary = body.Bytes(body.UInt16("primary field length"), "primary field");
            byte[] secondary = body.Bytes(body.UInt16("secondary field length"), "secondary field");
            return new UserIdentityRequestSubItem(type, positive, primary, secondary);
        }
    }
}
