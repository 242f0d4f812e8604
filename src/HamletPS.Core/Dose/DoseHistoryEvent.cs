using System;

namespace HamletPS.Core.Dose
{
    /// <summary>
    /// One irradiation event as the dose history keeps it: CT acquisitions and projection/fluoroscopy/mammography events in
    /// one shape (the values a kind does not have are null). Units as on <see cref="CtIrradiationEvent"/> and
    /// <see cref="ProjectionIrradiationEvent"/>.
    /// </summary>
    public sealed class DoseHistoryEvent
    {
        /// <summary>1-based position of the event in its report.</summary>
        public int Ordinal { get; set; }
        public DateTime? StartedAt { get; set; }
        public string AcquisitionProtocol { get; set; }
        public string TargetRegion { get; set; }

        /// <summary>CT Acquisition Type, or the projection Irradiation Event Type.</summary>
        public string AcquisitionType { get; set; }

        /// <summary>Mean CTDIvol, mGy.</summary>
        public double? CtdiVol { get; set; }

        /// <summary>DLP, mGy·cm.</summary>
        public double? Dlp { get; set; }

        /// <summary>Dose Area Product, Gy·m².</summary>
        public double? Dap { get; set; }

        /// <summary>Dose (RP), Gy.</summary>
        public double? DoseRp { get; set; }

        /// <summary>Scanning Length, mm.</summary>
        public double? ScanningLength { get; set; }

        /// <summary>Exposure Time (CT) or Irradiation Duration (projection), s.</summary>
        public double? ExposureTime { get; set; }

        /// <summary>kV.</summary>
        public double? Kvp { get; set; }

        /// <summary>mA.</summary>
        public double? TubeCurrent { get; set; }

        /// <summary>Average Glandular Dose, mGy.</summary>
        public double? AverageGlandularDose { get; set; }

        /// <summary>Compression Thickness, mm.</summary>
        public double? CompressionThickness { get; set; }

        public string PhantomType { get; set; }
        public bool DoseCheckAlert { get; set; }
        public bool DoseCheckNotification { get; set; }

        internal static DoseHistoryEvent From(CtIrradiationEvent e, int ordinal) => new DoseHistoryEvent
        {
            Ordinal = ordinal,
            StartedAt = e.StartedAt,
            AcquisitionProtocol = e.AcquisitionProtocol,
            TargetRegion = e.TargetRegion,
            AcquisitionType = e.AcquisitionType,
            CtdiVol = e.CtdiVol,
            Dlp = e.Dlp,
            ScanningLength = e.ScanningLength,
            ExposureTime = e.ExposureTime,
            Kvp = e.Kvp,
            TubeCurrent = e.TubeCurrent,
            PhantomType = e.PhantomType,
            DoseCheckAlert = e.DoseCheckAlert,
            DoseCheckNotification = e.DoseCheckNotification,
        };

        internal static DoseHistoryEvent From(ProjectionIrradiationEvent e, int ordinal) => new DoseHistoryEvent
        {
            Ordinal = ordinal,
            StartedAt = e.StartedAt,
            AcquisitionProtocol = e.AcquisitionProtocol,
            TargetRegion = e.TargetRegion,
            AcquisitionType = e.EventType,
            Dap = e.Dap,
            DoseRp = e.DoseRp,
            ExposureTime = e.IrradiationDuration ?? e.ExposureTime,
            Kvp = e.Kvp,
            TubeCurrent = e.TubeCurrent,
            AverageGlandularDose = e.AverageGlandularDose,
            CompressionThickness = e.CompressionThickness,
        };
    }
}
