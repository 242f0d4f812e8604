namespace HamletPS.Core.Dose
{
    /// <summary>
    /// The PS3.16 concept codes the dose report reader walks by (scheme DCM unless named). Kept in one place so a code is
    /// typed once; the meanings are in the comments.
    /// </summary>
    internal static class DoseConcepts
    {
        public const string Dcm = "DCM";
        public const string Sct = "SCT";
        public const string Srt = "SRT";

        public const string XRayRadiationDoseReport = "113701";
        public const string ProcedureReported = "121058";
        public const string ProjectionXRay = "113704";
        public const string DeviceObserverUid = "121012";

        // CT (TID 10011, 10012, 10013, 10014, 10015)
        public const string CtAccumulatedDoseData = "113811";
        public const string TotalNumberOfIrradiationEvents = "113812";
        public const string CtDoseLengthProductTotal = "113813";
        public const string CtAcquisition = "113819";
        public const string AcquisitionProtocol = "125203";
        public const string TargetRegion = "123014";
        public const string CtAcquisitionType = "113820";
        public const string IrradiationEventUid = "113769";
        public const string DateTimeStarted = "111526";
        public const string CtAcquisitionParameters = "113822";
        public const string CtExposureTime = "113824";
        public const string ScanningLength = "113825";
        public const string NominalTotalCollimationWidth = "113827";
        public const string PitchFactor = "113828";
        public const string CtXRaySourceParameters = "113831";
        public const string Kvp = "113733";
        public const string MaximumXRayTubeCurrent = "113833";
        public const string XRayTubeCurrent = "113734";
        public const string ExposureTimePerRotation = "113834";
        public const string CtDose = "113829";
        public const string MeanCtdiVol = "113830";
        public const string CtdiwPhantomType = "113835";
        public const string Dlp = "113838";
        public const string DoseCheckAlertDetails = "113900";
        public const string DlpAlertValue = "113903";
        public const string CtdiVolAlertValue = "113904";
        public const string AccumulatedDlpForwardEstimate = "113905";
        public const string DoseCheckNotificationDetails = "113908";
        public const string DlpNotificationValue = "113911";
        public const string CtdiVolNotificationValue = "113912";
        public const string DlpForwardEstimate = "113913";
        public const string CtdiVolForwardEstimate = "113914";

        // Projection X-ray (TID 10001, 10002, 10003, 10004, 10005)
        public const string AccumulatedXRayDoseData = "113702";
        public const string AcquisitionPlane = "113764";
        public const string DoseAreaProductTotal = "113722";
        public const string DoseRpTotal = "113725";
        public const string FluoroDoseAreaProductTotal = "113726";
        public const string AcquisitionDoseAreaProductTotal = "113727";
        public const string FluoroDoseRpTotal = "113728";
        public const string AcquisitionDoseRpTotal = "113729";
        public const string TotalFluoroTime = "113730";
        public const string TotalNumberOfRadiographicFrames = "113731";
        public const string TotalAcquisitionTime = "113855";
        public const string AccumulatedAverageGlandularDose = "111637";
        public const string IrradiationEventXRayData = "113706";
        public const string IrradiationEventType = "113721";
        public const string DoseAreaProduct = "122130";
        public const string DoseRp = "113738";
        public const string IrradiationDuration = "113742";
        public const string ProjectionExposureTime = "113735";
        public const string AverageGlandularDose = "111631";
        public const string EntranceExposureAtRp = "111636";
        public const string CompressionThickness = "111633";

        /// <summary>Mammography as Procedure reported: SNOMED CT and its older SRT code.</summary>
        public const string MammographySct = "71651007";
        public const string MammographySrt = "P5-40010";

        /// <summary>Computed Tomography X-Ray as Procedure reported: SNOMED CT and its older SRT code.</summary>
        public const string CtSct = "77477000";
        public const string CtSrt = "P5-08000";
    }
}
