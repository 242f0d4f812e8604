namespace HamletPS.Dicom.Network
{
    /// <summary>Command Field (0000,0100) values (PS3.7 Annex E).</summary>
    public enum DimseCommandField : ushort
    {
        CStoreRequest = 0x0001,
        CStoreResponse = 0x8001,
        CGetRequest = 0x0010,
        CGetResponse = 0x8010,
        CFindRequest = 0x0020,
        CFindResponse = 0x8020,
        CMoveRequest = 0x0021,
        CMoveResponse = 0x8021,
        CEchoRequest = 0x0030,
        CEchoResponse = 0x8030,
        CCancelRequest = 0x0FFF,
    }
}
