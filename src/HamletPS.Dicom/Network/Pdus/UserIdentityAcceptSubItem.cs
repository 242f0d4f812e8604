namespace HamletPS.Dicom.Network
{
    /// <summary>User Identity Negotiation Sub-Item (AC), type 59H (PS3.7 D.3.3.7.2): the server response.</summary>
    public sealed class UserIdentityAcceptSubItem
    {
        public UserIdentityAcceptSubItem(byte[] serverResponse) => ServerResponse = serverResponse ?? new byte[0];

        public byte[] ServerResponse { get; }

        internal void Write(PduWriter w)
        {
            w.Byte((byte)ItemType.UserIdentityAccept);
            w.Byte(0);
            int len = w.ReserveUInt16();
            w.UInt16(ServerResponse.Length);
            w.Bytes(ServerResponse);
            w.PatchUInt16(len);
        }

        internal static UserIdentityAcceptSubItem Read(PduParser body) =>
            new UserIdentityAcceptSubItem(body.Bytes(body.UInt16("server response length"), "server response"));
    }
}
