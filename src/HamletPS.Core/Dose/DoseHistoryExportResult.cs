namespace HamletPS.Core.Dose
{
    /// <summary>What Export-DoseHistory wrote: the file, its format, how many studies and (XLSX) protocol sheets.</summary>
    public sealed class DoseHistoryExportResult
    {
        public string Path { get; set; }
        public DoseExportFormat Format { get; set; }
        public int Studies { get; set; }

        /// <summary>XLSX: the number of per-protocol sheets; 0 for CSV.</summary>
        public int ProtocolSheets { get; set; }

        public override string ToString() =>
            Path + ": " + Studies + " studies" + (Format == DoseExportFormat.Xlsx ? ", " + ProtocolSheets + " protocol sheets" : "");
    }
}
