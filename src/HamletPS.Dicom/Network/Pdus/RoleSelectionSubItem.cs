namespace HamletPS.Dicom.Network
{
    /// <summary>SCP/SCU Role Selection Sub-Item, type 54H (PS3.7 D.3.3.4): which roles a side takes for one SOP class.</summary>
    public sealed class RoleSelectionSubItem
    {
        public RoleSelectionSubItem(string sopClassUid, bool scuRole, bool scpRole)
        {
            SopClassUid = sopClassUid;
            ScuRole = scuRole;
            ScpRole = scpRole;
        }

        public string SopClassUid { get; }

        public bool ScuRole { get; }

        public bool ScpRole { get; }

        internal void Write(PduWriter w)
        {
            w.Byte((byte)ItemType.RoleSelection);
            w.Byte(0);
            int len = w.ReserveUInt16();
            int uidLen = w.ReserveUInt16();
            w.Ascii(SopClassUid);
            w.PatchUInt16(uidLen);
            w.Byte(ScuRole ? 1 : 0);
            w.Byte(ScpRole ? 1 : 0);
            w.PatchUInt16(len);
        }

        internal static RoleSelectionSubItem Read(PduParser body)
        {
            int uidLength = body.UInt16("role selection UID length");
            string uid = body.Ascii(uidLength, "role selection SOP class UID");
            bool scu = body.Byte("SCU role") != 0;
            bool scp = body.Byte("SCP role") != 0;
            return new RoleSelectionSubItem(uid, scu, scp);
        }
    }
}
