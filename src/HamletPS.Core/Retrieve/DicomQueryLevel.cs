namespace HamletPS.Core.Retrieve
{
    /// <summary>What a query returns one object per: patient, study, series or instance (C-FIND Query/Retrieve Level).</summary>
    public enum DicomQueryLevel
    {
        Patient,
        Study,
        Series,
        Image,
    }
}
