namespace HamletPS.Core.Deidentification
{
    /// <summary>The option columns of PS3.15 Table E.1-1, in the table's order (the Basic Profile is the first column, not an option).</summary>
    public enum ConfidentialityOption
    {
        RetainSafePrivate = 0,
        RetainUids,
        RetainDeviceIdentity,
        RetainInstitutionIdentity,
        RetainPatientCharacteristics,
        RetainLongitudinalFullDates,
        RetainLongitudinalModifiedDates,
        CleanDescriptors,
        CleanStructuredContent,
        CleanGraphics,
    }
}
