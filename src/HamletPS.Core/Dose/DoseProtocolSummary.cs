namespace HamletPS.Core.Dose
{
    /// <summary>One acquisition protocol's events: how many, in how many studies, and the median and quartiles of their doses.</summary>
    public sealed class DoseProtocolSummary
    {
        /// <summary>The protocol name as the device wrote it; "(no protocol)" for events without one.</summary>
        public string AcquisitionProtocol { get; set; }

        /// <summary>The workbook sheet listing its events (names are shortened and made unique).</summary>
        public string Sheet { get; set; }
        public int Events { get; set; }
        public int Studies { get; set; }

        /// <summary>mGy.</summary>
        public DoseStatistics CtdiVol { get; set; }

        /// <summary>mGy·cm.</summary>
        public DoseStatistics Dlp { get; set; }

        /// <summary>Gy·m².</summary>
        public DoseStatistics Dap { get; set; }

        /// <summary>Average glandular dose per mammography exposure, mGy.</summary>
        public DoseStatistics AverageGlandularDose { get; set; }
    }
}
