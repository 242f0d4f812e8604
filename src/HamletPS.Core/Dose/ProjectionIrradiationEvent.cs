using System;

namespace HamletPS.Core.Dose
{
    /// <summary>
    /// One Irradiation Event X-Ray Data container (TID 10003) of a projection X-ray, fluoroscopy or mammography dose report.
    /// Values in the units named (converted from the report's units); null where the report does not give them.
    /// </summary>
    public sealed class ProjectionIrradiationEvent
    {
        public string IrradiationEventUID { get; set; }
        public DateTime? StartedAt { get; set; }

        /// <summary>Fluoroscopy, Stationary Acquisition, Stepping Acquisition, Rotational Acquisition.</summary>
        public string EventType { get; set; }

        /// <summary>Single Plane, Plane A, Plane B.</summary>
        public string AcquisitionPlane { get; set; }

        public string AcquisitionProtocol { get; set; }
        public string TargetRegion { get; set; }

        /// <summary>Dose Area Product, Gy·m².</summary>
        public double? Dap { get; set; }

        /// <summary>Dose (RP), Gy.</summary>
        public double? DoseRp { get; set; }

        /// <summary>KVP, kV.</summary>
        public double? Kvp { get; set; }

        /// <summary>X-Ray Tube Current, mA.</summary>
        public double? TubeCurrent { get; set; }

        /// <summary>Irradiation Duration, s.</summary>
        public double? IrradiationDuration { get; set; }

        /// <summary>Exposure Time, s.</summary>
        public double? ExposureTime { get; set; }

        /// <summary>Average Glandular Dose (mammography), mGy.</summary>
        public double? AverageGlandularDose { get; set; }

        /// <summary>Entrance Exposure at RP (mammography), mGy.</summary>
        public double? EntranceExposureAtRp { get; set; }

        /// <summary>Compression Thickness (mammography), mm.</summary>
        public double? CompressionThickness { get; set; }

        /// <summary>Compression Force (mammography image headers), N.</summary>
        public double? CompressionForce { get; set; }

        /// <summary>Exposure (mammography image headers), mAs.</summary>
        public double? Exposure { get; set; }

        /// <summary>Anode Target Material (mammography image headers), e.g. TUNGSTEN.</summary>
        public string AnodeTargetMaterial { get; set; }

        /// <summary>Filter Material (mammography image headers), several joined by '/', e.g. RHODIUM.</summary>
        public string FilterMaterial { get; set; }

        /// <summary>Image Laterality (mammography image headers): L, R or B.</summary>
        public string Laterality { get; set; }
    }
}
