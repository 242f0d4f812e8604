namespace HamletPS.Dicom.Network
{
    /// <summary>
    /// The fixed fields common to A-ASSOCIATE-RQ and -AC (PS3.8 9.3.2, 9.3.3): protocol version, 2 reserved bytes, called and
    /// calling AE titles (16 bytes each, space padded) and 32 reserved bytes.
    /// </summary>
    internal static class AssociationHeader
    {
        public static void Write(PduWriter w, int protocolVersion, string calledAeTitle, string callingAeTitle)
        {
            w.UInt16(protocolVersion);
            w.Zeros(2);
            w.AeTitle(calledAeTitle);
            w.AeTitle(callingAeTitle);
            w.Zeros(32);
        }

        public static void Read(PduParser p, out int protocolVersion, out string calledAeTitle, out string callingAeTitle)
        {
            protocolVersion = p.UInt16("protocol version");
            p.Skip(2, "reserved bytes");
            calledAeTitle = p.Ascii(16, "called AE title").Trim();
            callingAeTitle = p.Ascii(16, "calling AE title").Trim();
            p.Skip(32, "reserved bytes");
        }
    }
}
