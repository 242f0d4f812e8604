using System;

namespace HamletPS.Core.Dose
{
    /// <summary>
    /// One X-Ray Radiation Dose SR read: the study it accumulates (its scope is the study), the device, the patient
    /// characteristics the header gives, the accumulated values and the irradiation events. Values are converted to the units
    /// named on each property; a value the report gives in units we do not know is left null with a warning.
    /// </summary>
    public sealed class DoseReport
    {
        public string Path { get; set; }

        /// <summary><see cref="DoseReportKind"/>: CT, ProjectionXRay, Mammography or Unknown.</summary>
        public string Kind { get; set; }

        /// <summary>
        /// True for a mammography study read from its images' headers (<see cref="MammographyHeaderReader"/>) rather than an
        /// RDSR: one event per image, and <see cref="SOPInstanceUID"/> a UID derived from the study (see <see cref="MammographyStudyMerger"/>).
        /// </summary>
        public bool FromImageHeaders { get; set; }

        /// <summary>Template Identifier of the root (10011, 10001 …) when the report names it.</summary>
        public string Template { get; set; }

        /// <summary>Procedure reported (121058), its meaning.</summary>
        public string ProcedureReported { get; set; }

        public string SOPInstanceUID { get; set; }
        public string SOPClassUID { get; set; }
        public string StudyInstanceUID { get; set; }
        public DateTime? StudyDate { get; set; }
        public string StudyDescription { get; set; }
        public string AccessionNumber { get; set; }

        public string PatientID { get; set; }
        public string PatientName { get; set; }

        /// <summary>Patient's Age as written (e.g. 061Y).</summary>
        public string PatientAge { get; set; }
        public string PatientSex { get; set; }

        /// <summary>Patient's Size, m.</summary>
        public double? PatientSize { get; set; }

        /// <summary>Patient's Weight, kg.</summary>
        public double? PatientWeight { get; set; }

        public string Manufacturer { get; set; }
        public string ManufacturerModelName { get; set; }
        public string StationName { get; set; }
        public string DeviceSerialNumber { get; set; }
        public string InstitutionName { get; set; }

        /// <summary>Device Observer UID (121012) of the device that irradiated.</summary>
        public string DeviceObserverUID { get; set; }

        /// <summary>Total Number of Irradiation Events as reported (CT); null when not reported.</summary>
        public int? TotalEvents { get; set; }

        /// <summary>CT Dose Length Product Total, mGy·cm.</summary>
        public double? TotalDlp { get; set; }

        /// <summary>Dose Area Product Total, Gy·m².</summary>
        public double? TotalDap { get; set; }

        /// <summary>Dose (RP) Total, Gy.</summary>
        public double? TotalDoseRp { get; set; }

        /// <summary>Fluoro Dose Area Product Total, Gy·m².</summary>
        public double? FluoroDap { get; set; }

        /// <summary>Fluoro Dose (RP) Total, Gy.</summary>
        public double? FluoroDoseRp { get; set; }

        /// <summary>Total Fluoro Time, s.</summary>
        public double? FluoroTime { get; set; }

        /// <summary>Acquisition Dose Area Product Total, Gy·m².</summary>
        public double? AcquisitionDap { get; set; }

        /// <summary>Acquisition Dose (RP) Total, Gy.</summary>
        public double? AcquisitionDoseRp { get; set; }

        /// <summary>Total Acquisition Time, s.</summary>
        public double? AcquisitionTime { get; set; }

        /// <summary>Total Number of Radiographic Frames.</summary>
        public int? RadiographicFrames { get; set; }

        /// <summary>Accumulated Average Glandular Dose (mammography, summed over both breasts when both are given), mGy.</summary>
        public double? AccumulatedAverageGlandularDose { get; set; }

        /// <summary>CT Acquisitions (empty for other kinds).</summary>
        public CtIrradiationEvent[] CtEvents { get; set; } = Array.Empty<CtIrradiationEvent>();

        /// <summary>Irradiation Event X-Ray Data (empty for CT).</summary>
        public ProjectionIrradiationEvent[] ProjectionEvents { get; set; } = Array.Empty<ProjectionIrradiationEvent>();

        /// <summary>Number of irradiation events read.</summary>
        public int EventCount => CtEvents.Length + ProjectionEvents.Length;

        /// <summary>Anything unexpected that did not stop the reading (unknown template, unknown units, missing container).</summary>
        public string[] Warnings { get; set; } = Array.Empty<string>();

        /// <summary>A copy of every value (arrays shared): the study report a merger derives from one image's report.</summary>
        internal DoseReport ShallowCopy() => (DoseReport)MemberwiseClone();
    }
}
