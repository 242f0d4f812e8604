using System;
using System.Collections.Generic;
using System.Globalization;
using HamletPS.Dicom.Data;
using HamletPS.Dicom.Dictionary;

namespace HamletPS.Core.Dose
{
    /// <summary>
    /// Mammography dose from image headers, as OpenREM takes it when a unit sends no RDSR: each MG image (Digital
    /// Mammography, Breast Tomosynthesis, or any image whose Modality is MG) that gives Organ Dose (0040,0316) or an entrance
    /// dose (0040,8302 / 0040,0302) is one exposure. Organ Dose is the average glandular dose in dGy (converted to mGy),
    /// Entrance Dose in mGy (0040,8302) or dGy (0040,0302), Body Part Thickness (0018,11A0) the compressed breast thickness,
    /// then kVp, tube current, exposure time, exposure (mAs), anode target and filter material, compression force and
    /// laterality. One image gives a <see cref="DoseReport"/> with one event; <see cref="MammographyStudyMerger"/> makes the
    /// images of a study one report.
    /// </summary>
    public static class MammographyHeaderReader
    {
        /// <summary>Organ Dose and Entrance Dose (0040,0302) are in dGy.</summary>
        private const double DeciGrayToMilliGray = 100;

        /// <summary>True for a mammography image whose header gives a dose (organ dose or an entrance dose).</summary>
        public static bool IsMammographyDoseImage(DicomDataset dataset, string sopClassUid)
        {
            if (dataset == null) return false;
            bool mammography = sopClassUid == DicomUids.DigitalMammographyXRayImageStorageForPresentation
                || sopClassUid == DicomUids.DigitalMammographyXRayImageStorageForProcessing
                || sopClassUid == DicomUids.BreastTomosynthesisImageStorage
                || string.Equals(Text(dataset, DicomTags.Modality), "MG", StringComparison.OrdinalIgnoreCase);
            return mammography && (dataset.Contains(DicomTags.OrganDose) || dataset.Contains(DicomTags.EntranceDoseInmGy) || dataset.Contains(DicomTags.EntranceDose));
        }

        /// <summary>
        /// The image's exposure as a one-event mammography report (<see cref="DoseReport.FromImageHeaders"/>). Throws
        /// <see cref="NotADoseReportException"/> when the image is not a mammography image giving a dose.
        /// </summary>
        public static DoseReport Read(DicomDataset dataset, string sopClassUid, string path)
        {
            if (!IsMammographyDoseImage(dataset, sopClassUid)) throw new NotADoseReportException(path, sopClassUid);
            var warnings = new List<string>();
            double? organDose = Number(dataset, DicomTags.OrganDose, warnings);
            double? entrance = Number(dataset, DicomTags.EntranceDoseInmGy, warnings);
            if (entrance == null)
            {
                double? deciGray = Number(dataset, DicomTags.EntranceDose, warnings);
                if (deciGray != null) entrance = deciGray * DeciGrayToMilliGray;
            }
            double? exposureMs = Number(dataset, DicomTags.ExposureTime, warnings);
            double? exposure = Number(dataset, DicomTags.Exposure, warnings);
            if (exposure == null)
            {
                double? microAs = Number(dataset, DicomTags.ExposureInuAs, warnings);
                if (microAs != null) exposure = microAs / 1000;
            }
            string sop = dataset.GetUid(DicomTags.SOPInstanceUID);
            var e = new ProjectionIrradiationEvent
            {
                IrradiationEventUID = sop,
                StartedAt = dataset.GetDateTime(DicomTags.AcquisitionDate, DicomTags.AcquisitionTime) ?? dataset.GetDateTime(DicomTags.ContentDate, DicomTags.ContentTime),
                EventType = "Stationary Acquisition",
                AcquisitionProtocol = Text(dataset, DicomTags.ProtocolName) ?? Text(dataset, DicomTags.SeriesDescription),
                TargetRegion = "Breast",
                AverageGlandularDose = organDose * DeciGrayToMilliGray,
                EntranceExposureAtRp = entrance,
                CompressionThickness = Number(dataset, DicomTags.BodyPartThickness, warnings),
                CompressionForce = Number(dataset, DicomTags.CompressionForce, warnings),
                Kvp = Number(dataset, DicomTags.KVP, warnings),
                TubeCurrent = Number(dataset, DicomTags.XRayTubeCurrent, warnings),
                ExposureTime = exposureMs / 1000,
                Exposure = exposure,
                AnodeTargetMaterial = Text(dataset, DicomTags.AnodeTargetMaterial),
                FilterMaterial = Text(dataset, DicomTags.FilterMaterial)?.Replace('\\', '/'),
                Laterality = Text(dataset, DicomTags.ImageLaterality),
            };
            if (organDose == null) warnings.Add("no Organ Dose (0040,0316): no average glandular dose for this image");
            DoseReport report = DoseReportHeader.Read(path, dataset, sopClassUid);
            report.Kind = DoseReportKind.Mammography;
            report.FromImageHeaders = true;
            report.ProcedureReported = "Mammography";
            report.SOPInstanceUID = sop;
            report.TotalEvents = 1;
            report.AccumulatedAverageGlandularDose = e.AverageGlandularDose;
            report.ProjectionEvents = new[] { e };
            report.Warnings = warnings.ToArray();
            return report;
        }

        private static string Text(DicomDataset dataset, DicomTag tag) => DoseReportHeader.Text(dataset, tag);

        private static double? Positive(DicomDataset dataset, DicomTag tag) => DoseReportHeader.Positive(dataset, tag);

        /// <summary>A non-negative finite number; a value that is present but not one is a warning naming the attribute.</summary>
        private static double? Number(DicomDataset dataset, DicomTag tag, List<string> warnings)
        {
            if (!dataset.Contains(tag)) return null;
            string text = Text(dataset, tag);
            if (text == null) return null;
            if (dataset.TryGetDouble(tag, out double v) && v >= 0 && !double.IsNaN(v) && !double.IsInfinity(v)) return v;
            warnings.Add(DicomDictionaryName(tag) + " " + tag + " is not a non-negative number; left empty");
            return null;
        }

        private static string DicomDictionaryName(DicomTag tag) => DicomDictionary.Lookup(tag)?.Keyword ?? "attribute";
    }
}
