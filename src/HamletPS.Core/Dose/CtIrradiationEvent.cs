using System;

namespace HamletPS.Core.Dose
{
    /// <summary>
    /// One CT Acquisition (TID 10013) of a CT dose report. Values in the units named (converted from the report's units);
    /// null where the report does not give the value. Codes are given as their meaning.
    /// </summary>
    public sealed class CtIrradiationEvent
    {
        public string IrradiationEventUID { get; set; }
        public DateTime? StartedAt { get; set; }
        public string AcquisitionProtocol { get; set; }
        public string TargetRegion { get; set; }

        /// <summary>Spiral Acquisition, Sequenced Acquisition, Constant Angle Acquisition (scout), Stationary, Free …</summary>
        public string AcquisitionType { get; set; }

        /// <summary>Mean CTDIvol, mGy.</summary>
        public double? CtdiVol { get; set; }

        /// <summary>DLP, mGy·cm.</summary>
        public double? Dlp { get; set; }

        /// <summary>CTDIw Phantom Type (IEC Head/Body Dosimetry Phantom).</summary>
        public string PhantomType { get; set; }

        /// <summary>Scanning Length, mm.</summary>
        public double? ScanningLength { get; set; }

        /// <summary>Exposure Time, s.</summary>
        public double? ExposureTime { get; set; }

        public double? PitchFactor { get; set; }

        /// <summary>Nominal Total Collimation Width, mm.</summary>
        public double? NominalTotalCollimationWidth { get; set; }

        /// <summary>KVP of the first X-ray source, kV.</summary>
        public double? Kvp { get; set; }

        /// <summary>X-Ray Tube Current of the first X-ray source, mA.</summary>
        public double? TubeCurrent { get; set; }

        /// <summary>Maximum X-Ray Tube Current of the first X-ray source, mA.</summary>
        public double? MaximumTubeCurrent { get; set; }

        /// <summary>Exposure Time per Rotation of the first X-ray source, s.</summary>
        public double? ExposureTimePerRotation { get; set; }

        /// <summary>The event carries Dose Check Alert Details (TID 10015): a configured alert value was exceeded.</summary>
        public bool DoseCheckAlert { get; set; }

        /// <summary>The event carries Dose Check Notification Details (TID 10015).</summary>
        public bool DoseCheckNotification { get; set; }

        /// <summary>DLP Alert Value, mGy·cm.</summary>
        public double? DlpAlertValue { get; set; }

        /// <summary>CTDIvol Alert Value, mGy.</summary>
        public double? CtdiVolAlertValue { get; set; }

        /// <summary>Accumulated DLP Forward Estimate (alert), mGy·cm.</summary>
        public double? AccumulatedDlpForwardEstimate { get; set; }

        /// <summary>DLP Notification Value, mGy·cm.</summary>
        public double? DlpNotificationValue { get; set; }

        /// <summary>CTDIvol Notification Value, mGy.</summary>
        public double? CtdiVolNotificationValue { get; set; }

        /// <summary>DLP Forward Estimate (notification), mGy·cm.</summary>
        public double? DlpForwardEstimate { get; set; }

        /// <summary>CTDIvol Forward Estimate (notification), mGy.</summary>
        public double? CtdiVolForwardEstimate { get; set; }
    }
}
