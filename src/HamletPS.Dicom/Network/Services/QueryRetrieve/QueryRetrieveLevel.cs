namespace HamletPS.Dicom.Network
{
    /// <summary>Query/Retrieve Level (0008,0052) of a C-FIND, C-GET or C-MOVE identifier (PS3.4 C.3).</summary>
    public enum QueryRetrieveLevel
    {
        Patient,
        Study,
        Series,
        Image,
    }
}
