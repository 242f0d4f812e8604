namespace HamletPS.Synthetic
{
    /// <summary>The kinds of object an RT study holds.</summary>
    public enum RtObjectKind
    {
        CtImage,
        StructureSet,
        Plan,
        Dose,
        SpatialRegistration,
        CbctImage,
    }
}
