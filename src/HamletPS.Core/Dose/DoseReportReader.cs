using System;
using System.Collections.Generic;
using HamletPS.Dicom.Data;
using HamletPS.Dicom.Dictionary;
using HamletPS.Dicom.IO;
using HamletPS.Dicom.StructuredReport;

namespace HamletPS.Core.Dose
{
    /// <summary>
    /// Reads X-Ray Radiation Dose SRs (PS3.16 TID 10001 projection X-ray and mammography, TID 10011 CT) into
    /// <see cref="DoseReport"/>s. The content tree is walked by concept code (value and scheme), never by position; an unknown
    /// template, a missing container or units we do not know become warnings on the report, not failures.
    /// </summary>
    public static class DoseReportReader
    {
        /// <summary>The <see cref="FileFailure.Reason"/> of a DICOM file that is not a dose report: callers skip it rather than fail.</summary>
        public const string NotADoseReportReason = ErrorIds.NotADoseReport;

        /// <summary>
        /// Reads one file: an RDSR, or a mammography image giving its dose in the header (one exposure). <see cref="NotADoseReportException"/> when it is DICOM but neither;
        /// <see cref="HamletPS.Dicom.DicomFormatException"/> when it is not readable DICOM.
        /// </summary>
        public static DoseReport Read(string path)
        {
            DicomFile file = DicomFile.Open(path, DicomReadOptions.HeaderOnly);
            string fullPath = file.SourceName ?? System.IO.Path.GetFullPath(path);
            return Read(file.Dataset, file.SopClassUid, fullPath);
        }

        /// <summary>True when the dataset is a dose report this reader takes: an SR whose root concept is X-Ray Radiation Dose Report (113701, DCM).</summary>
        public static bool IsDoseReport(DicomDataset dataset) =>
            SrDocument.IsStructuredReport(dataset) &&
            SrCode.FromSequence(dataset, DicomTags.ConceptNameCodeSequence)?.Is(DoseConcepts.XRayRadiationDoseReport, DoseConcepts.Dcm) == true;

        /// <summary>
        /// Reads a dataset already in memory (e.g. one just received); <paramref name="path"/> names it in messages. A
        /// mammography image whose header gives a dose is read as one exposure (<see cref="MammographyHeaderReader"/>: merge
        /// the images of a study with <see cref="MammographyStudyMerger"/>).
        /// </summary>
        public static DoseReport Read(DicomDataset dataset, string sopClassUid, string path)
        {
            if (!IsDoseReport(dataset))
            {
                if (MammographyHeaderReader.IsMammographyDoseImage(dataset, sopClassUid)) return MammographyHeaderReader.Read(dataset, sopClassUid, path);
                throw new NotADoseReportException(path, sopClassUid);
            }
            SrDocument document = SrDocument.Read(dataset, path);
            var warnings = new List<string>();
            DoseReport report = DoseReportHeader.Read(path, dataset, sopClassUid);
            report.Template = document.TemplateIdentifier;
            if (sopClassUid != DicomUids.XRayRadiationDoseSRStorage && sopClassUid != DicomUids.EnhancedXRayRadiationDoseSRStorage)
                warnings.Add("dose report in SOP Class " + (sopClassUid ?? "(absent)") + " rather than X-Ray Radiation Dose SR");
            if (report.Template != null && report.Template != "10001" && report.Template != "10011")
                warnings.Add("template " + report.Template + " is not TID 10001 or 10011; reading it by concept codes");

            var reader = new Walker(warnings);
            SrContentItem root = document.Root;
            report.DeviceObserverUID = root.Child(DoseConcepts.DeviceObserverUid, DoseConcepts.Dcm)?.Uid;
            SrCode procedure = root.Child(DoseConcepts.ProcedureReported, DoseConcepts.Dcm)?.Code;
            report.ProcedureReported = procedure?.Meaning;
            report.Kind = KindOf(procedure, root);
            if (report.Kind == DoseReportKind.CT) reader.ReadCt(root, report);
            else if (report.Kind == DoseReportKind.Unknown) warnings.Add("Procedure reported " + (procedure?.ToString() ?? "(absent)") + " is not CT, projection X-ray or mammography; only the header was read");
            else reader.ReadProjection(root, report);
            report.Warnings = warnings.ToArray();
            return report;
        }

        private static string KindOf(SrCode procedure, SrContentItem root)
        {
            if (procedure != null)
            {
                if (procedure.Is(DoseConcepts.CtSct, DoseConcepts.Sct) || procedure.Is(DoseConcepts.CtSrt, DoseConcepts.Srt)) return DoseReportKind.CT;
                if (procedure.Is(DoseConcepts.MammographySct, DoseConcepts.Sct) || procedure.Is(DoseConcepts.MammographySrt, DoseConcepts.Srt)) return DoseReportKind.Mammography;
                if (procedure.Is(DoseConcepts.ProjectionXRay, DoseConcepts.Dcm)) return DoseReportKind.ProjectionXRay;
            }
            // No or an unknown procedure code: the containers tell.
            if (root.Child(DoseConcepts.CtAccumulatedDoseData, DoseConcepts.Dcm) != null || root.Child(DoseConcepts.CtAcquisition, DoseConcepts.Dcm) != null) return DoseReportKind.CT;
            if (root.Child(DoseConcepts.AccumulatedXRayDoseData, DoseConcepts.Dcm) != null || root.Child(DoseConcepts.IrradiationEventXRayData, DoseConcepts.Dcm) != null) return DoseReportKind.ProjectionXRay;
            return DoseReportKind.Unknown;
        }

        private static string Text(DicomDataset dataset, DicomTag tag) => DoseReportHeader.Text(dataset, tag);

        private static double? Positive(DicomDataset dataset, DicomTag tag) => DoseReportHeader.Positive(dataset, tag);

        /// <summary>The content-tree half of the reading, collecting warnings.</summary>
        private sealed class Walker
        {
            private readonly List<string> _warnings;

            public Walker(List<string> warnings) { _warnings = warnings; }

            public void ReadCt(SrContentItem root, DoseReport report)
            {
                SrContentItem accumulated = Dcm(root, DoseConcepts.CtAccumulatedDoseData);
                if (accumulated == null) _warnings.Add("no CT Accumulated Dose Data (113811, DCM)");
                else
                {
                    report.TotalDlp = Number(accumulated, DoseConcepts.CtDoseLengthProductTotal, DoseUnits.DoseLengthProduct);
                    report.TotalEvents = Count(accumulated, DoseConcepts.TotalNumberOfIrradiationEvents);
                }
                var events = new List<CtIrradiationEvent>();
                foreach (SrContentItem acquisition in root.ChildrenOf(DoseConcepts.CtAcquisition, DoseConcepts.Dcm)) events.Add(ReadCtEvent(acquisition));
                report.CtEvents = events.ToArray();
                if (events.Count == 0) _warnings.Add("no CT Acquisition (113819, DCM)");
                if (report.TotalEvents != null && report.TotalEvents != events.Count)
                    _warnings.Add("Total Number of Irradiation Events is " + report.TotalEvents + " but " + events.Count + " CT Acquisitions were found");
            }

            private CtIrradiationEvent ReadCtEvent(SrContentItem acquisition)
            {
                var e = new CtIrradiationEvent
                {
                    AcquisitionProtocol = Dcm(acquisition, DoseConcepts.AcquisitionProtocol)?.Text,
                    TargetRegion = Meaning(acquisition, DoseConcepts.TargetRegion),
                    AcquisitionType = Meaning(acquisition, DoseConcepts.CtAcquisitionType),
                    IrradiationEventUID = Dcm(acquisition, DoseConcepts.IrradiationEventUid)?.Uid,
                    StartedAt = Dcm(acquisition, DoseConcepts.DateTimeStarted)?.DateTime,
                };
                SrContentItem parameters = Dcm(acquisition, DoseConcepts.CtAcquisitionParameters);
                if (parameters != null)
                {
                    e.ExposureTime = Number(parameters, DoseConcepts.CtExposureTime, DoseUnits.Seconds);
                    e.ScanningLength = Number(parameters, DoseConcepts.ScanningLength, DoseUnits.Millimetres);
                    e.NominalTotalCollimationWidth = Number(parameters, DoseConcepts.NominalTotalCollimationWidth, DoseUnits.Millimetres);
                    e.PitchFactor = Number(parameters, DoseConcepts.PitchFactor, DoseUnits.Ratio);
                    SrContentItem source = Dcm(parameters, DoseConcepts.CtXRaySourceParameters);
                    if (source != null)
                    {
                        e.Kvp = Number(source, DoseConcepts.Kvp, DoseUnits.Kilovolts);
                        e.TubeCurrent = Number(source, DoseConcepts.XRayTubeCurrent, DoseUnits.Milliamperes);
                        e.MaximumTubeCurrent = Number(source, DoseConcepts.MaximumXRayTubeCurrent, DoseUnits.Milliamperes);
                        e.ExposureTimePerRotation = Number(source, DoseConcepts.ExposureTimePerRotation, DoseUnits.Seconds);
                    }
                }
                SrContentItem dose = Dcm(acquisition, DoseConcepts.CtDose);
                if (dose != null)
                {
                    e.CtdiVol = Number(dose, DoseConcepts.MeanCtdiVol, DoseUnits.DoseMilliGy);
                    e.Dlp = Number(dose, DoseConcepts.Dlp, DoseUnits.DoseLengthProduct);
                    e.PhantomType = Meaning(dose, DoseConcepts.CtdiwPhantomType);
                    SrContentItem alert = Dcm(dose, DoseConcepts.DoseCheckAlertDetails);
                    if (alert != null)
                    {
                        e.DoseCheckAlert = true;
                        e.DlpAlertValue = Number(alert, DoseConcepts.DlpAlertValue, DoseUnits.DoseLengthProduct);
                        e.CtdiVolAlertValue = Number(alert, DoseConcepts.CtdiVolAlertValue, DoseUnits.DoseMilliGy);
                        e.AccumulatedDlpForwardEstimate = Number(alert, DoseConcepts.AccumulatedDlpForwardEstimate, DoseUnits.DoseLengthProduct);
                    }
                    SrContentItem notification = Dcm(dose, DoseConcepts.DoseCheckNotificationDetails);
                    if (notification != null)
                    {
                        e.DoseCheckNotification = true;
                        e.DlpNotificationValue = Number(notification, DoseConcepts.DlpNotificationValue, DoseUnits.DoseLengthProduct);
                        e.CtdiVolNotificationValue = Number(notification, DoseConcepts.CtdiVolNotificationValue, DoseUnits.DoseMilliGy);
                        e.DlpForwardEstimate = Number(notification, DoseConcepts.DlpForwardEstimate, DoseUnits.DoseLengthProduct);
                        e.CtdiVolForwardEstimate = Number(notification, DoseConcepts.CtdiVolForwardEstimate, DoseUnits.DoseMilliGy);
                    }
                }
                return e;
            }

            public void ReadProjection(SrContentItem root, DoseReport report)
            {
                bool any = false;
                // One Accumulated X-Ray Dose Data per plane (biplane systems give Plane A and Plane B): totals are summed.
                foreach (SrContentItem accumulated in root.ChildrenOf(DoseConcepts.AccumulatedXRayDoseData, DoseConcepts.Dcm))
                {
                    any = true;
                    report.TotalDap = Sum(report.TotalDap, Number(accumulated, DoseConcepts.DoseAreaProductTotal, DoseUnits.DoseAreaProduct));
                    report.TotalDoseRp = Sum(report.TotalDoseRp, Number(accumulated, DoseConcepts.DoseRpTotal, DoseUnits.DoseGy));
                    report.FluoroDap = Sum(report.FluoroDap, Number(accumulated, DoseConcepts.FluoroDoseAreaProductTotal, DoseUnits.DoseAreaProduct));
                    report.FluoroDoseRp = Sum(report.FluoroDoseRp, Number(accumulated, DoseConcepts.FluoroDoseRpTotal, DoseUnits.DoseGy));
                    report.FluoroTime = Sum(report.FluoroTime, Number(accumulated, DoseConcepts.TotalFluoroTime, DoseUnits.Seconds));
                    report.AcquisitionDap = Sum(report.AcquisitionDap, Number(accumulated, DoseConcepts.AcquisitionDoseAreaProductTotal, DoseUnits.DoseAreaProduct));
                    report.AcquisitionDoseRp = Sum(report.AcquisitionDoseRp, Number(accumulated, DoseConcepts.AcquisitionDoseRpTotal, DoseUnits.DoseGy));
                    report.AcquisitionTime = Sum(report.AcquisitionTime, Number(accumulated, DoseConcepts.TotalAcquisitionTime, DoseUnits.Seconds));
                    int? frames = Count(accumulated, DoseConcepts.TotalNumberOfRadiographicFrames);
                    if (frames != null) report.RadiographicFrames = (report.RadiographicFrames ?? 0) + frames;
                    // Mammography gives one Accumulated Average Glandular Dose per breast (with its laterality).
                    foreach (SrContentItem agd in accumulated.ChildrenOf(DoseConcepts.AccumulatedAverageGlandularDose, DoseConcepts.Dcm))
                        report.AccumulatedAverageGlandularDose = Sum(report.AccumulatedAverageGlandularDose, Convert(agd, DoseUnits.DoseMilliGy));
                }
                if (!any) _warnings.Add("no Accumulated X-Ray Dose Data (113702, DCM)");
                var events = new List<ProjectionIrradiationEvent>();
                foreach (SrContentItem item in root.ChildrenOf(DoseConcepts.IrradiationEventXRayData, DoseConcepts.Dcm)) events.Add(ReadProjectionEvent(item));
                report.ProjectionEvents = events.ToArray();
                if (events.Count == 0) _warnings.Add("no Irradiation Event X-Ray Data (113706, DCM)");
            }

            private ProjectionIrradiationEvent ReadProjectionEvent(SrContentItem item)
            {
                // TID 10003 puts the source and mechanical data either directly in the event or (older reports) in sub-containers:
                // the values are found anywhere below the event, the first one in document order.
                return new ProjectionIrradiationEvent
                {
                    IrradiationEventUID = Dcm(item, DoseConcepts.IrradiationEventUid)?.Uid,
                    StartedAt = Dcm(item, DoseConcepts.DateTimeStarted)?.DateTime,
                    EventType = Meaning(item, DoseConcepts.IrradiationEventType),
                    AcquisitionPlane = Meaning(item, DoseConcepts.AcquisitionPlane),
                    AcquisitionProtocol = Dcm(item, DoseConcepts.AcquisitionProtocol)?.Text,
                    TargetRegion = Meaning(item, DoseConcepts.TargetRegion),
                    Dap = Deep(item, DoseConcepts.DoseAreaProduct, DoseUnits.DoseAreaProduct),
                    DoseRp = Deep(item, DoseConcepts.DoseRp, DoseUnits.DoseGy),
                    Kvp = Deep(item, DoseConcepts.Kvp, DoseUnits.Kilovolts),
                    TubeCurrent = Deep(item, DoseConcepts.XRayTubeCurrent, DoseUnits.Milliamperes),
                    IrradiationDuration = Deep(item, DoseConcepts.IrradiationDuration, DoseUnits.Seconds),
                    ExposureTime = Deep(item, DoseConcepts.ProjectionExposureTime, DoseUnits.Seconds),
                    AverageGlandularDose = Deep(item, DoseConcepts.AverageGlandularDose, DoseUnits.DoseMilliGy),
                    EntranceExposureAtRp = Deep(item, DoseConcepts.EntranceExposureAtRp, DoseUnits.DoseMilliGy),
                    CompressionThickness = Deep(item, DoseConcepts.CompressionThickness, DoseUnits.Millimetres),
                };
            }

            private static SrContentItem Dcm(SrContentItem parent, string value) => parent.Child(value, DoseConcepts.Dcm);

            private static string Meaning(SrContentItem parent, string value)
            {
                SrCode code = Dcm(parent, value)?.Code;
                return code == null ? null : code.Meaning ?? code.Value;
            }

            private double? Number(SrContentItem parent, string value, DoseUnits units)
            {
                SrContentItem item = Dcm(parent, value);
                return item == null ? null : Convert(item, units);
            }

            private double? Deep(SrContentItem parent, string value, DoseUnits units)
            {
                foreach (SrContentItem item in parent.Descendants(value, DoseConcepts.Dcm))
                    if (item.ValueType == SrValueType.Numeric) return Convert(item, units);
                return null;
            }

            private int? Count(SrContentItem parent, string value)
            {
                double? n = Dcm(parent, value)?.Numeric;
                return n == null || n < 0 || n > int.MaxValue || Math.Floor(n.Value) != n.Value ? (int?)null : (int)n.Value;
            }

            private double? Convert(SrContentItem item, DoseUnits units)
            {
                double? v = item.Numeric;
                if (v == null) return null;
                if (double.IsNaN(v.Value) || double.IsInfinity(v.Value))
                {
                    _warnings.Add(Describe(item) + " is not a finite number; left empty");
                    return null;
                }
                SrCode unit = item.Units;
                if (unit == null)
                {
                    _warnings.Add(Describe(item) + " has no units; taken as " + units.Canonical);
                    return v;
                }
                if (units.TryFactor(unit.Value, out double factor)) return v.Value * factor;
                _warnings.Add(Describe(item) + " is in units " + unit.Value + ", not convertible to " + units.Canonical + "; left empty");
                return null;
            }

            private static string Describe(SrContentItem item)
            {
                SrCode c = item.ConceptName;
                return c == null ? "a NUM item" : c.Meaning + " (" + c.Value + ", " + c.Scheme + ")";
            }

            private static double? Sum(double? a, double? b) => a == null ? b : b == null ? a : a + b;
        }
    }
}
