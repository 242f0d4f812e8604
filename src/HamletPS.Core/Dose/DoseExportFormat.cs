namespace HamletPS.Core.Dose
{
    /// <summary>The file formats of Export-DoseHistory.</summary>
    public enum DoseExportFormat
    {
        /// <summary>One row per study (RFC 4180, UTF-8).</summary>
        Csv,

        /// <summary>A workbook: Summary, All studies, one sheet per protocol.</summary>
        Xlsx,
    }
}
