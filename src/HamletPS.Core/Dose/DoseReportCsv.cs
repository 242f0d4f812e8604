using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace HamletPS.Core.Dose
{
    /// <summary>
    /// Dose reports as CSV, laid out as OpenREM's exports: one file per kind (CT, or projection X-ray with fluoroscopy and
    /// mammography), one row per study (report), the study, device and patient columns, the accumulated values, then a group
    /// of columns per irradiation event ("E1 CtdiVol" …) up to the number asked for. Every cell
    /// goes through <see cref="CsvCell"/> (quoting and formula neutralising: protocol names and station names come from
    /// devices). Numbers in the invariant culture, dates as ISO 8601. Rows are written as the reports come (streaming).
    /// </summary>
    public static class DoseReportCsv
    {
        private static readonly string[] StudyColumns =
        {
            "Kind", "StudyDate", "StudyInstanceUID", "SOPInstanceUID", "AccessionNumber", "StudyDescription", "PatientID",
            "PatientAge", "PatientSex", "PatientSize", "PatientWeight", "Manufacturer", "ManufacturerModelName", "StationName",
            "DeviceSerialNumber", "InstitutionName", "EventCount", "TotalDlp", "TotalDap", "TotalDoseRp", "FluoroDap",
            "FluoroDoseRp", "FluoroTime", "AcquisitionDap", "AcquisitionDoseRp", "AcquisitionTime", "AccumulatedAverageGlandularDose",
        };

        private static readonly string[] CtEventColumns =
        {
            "AcquisitionProtocol", "TargetRegion", "AcquisitionType", "CtdiVol", "Dlp", "PhantomType", "ScanningLength",
            "ExposureTime", "Kvp", "TubeCurrent", "DoseCheckAlert", "DoseCheckNotification",
        };

        private static readonly string[] ProjectionEventColumns =
        {
            "AcquisitionProtocol", "TargetRegion", "EventType", "Dap", "DoseRp", "Kvp", "TubeCurrent", "IrradiationDuration",
            "AverageGlandularDose", "CompressionThickness",
        };

        /// <summary>
        /// Writes the header and one row per report of <paramref name="kind"/> (<see cref="DoseReportKind.CT"/>, or
        /// <see cref="DoseReportKind.ProjectionXRay"/> which takes mammography too), with <paramref name="eventGroups"/> event
        /// column groups. Returns the warnings: a report of another kind (skipped), a report with more events than columns.
        /// </summary>
        public static IReadOnlyList<string> Write(TextWriter writer, IEnumerable<DoseReport> reports, string kind, int eventGroups)
        {
            if (writer == null) throw new ArgumentNullException(nameof(writer));
            if (reports == null) throw new ArgumentNullException(nameof(reports));
            if (eventGroups < 0) throw new ArgumentOutOfRangeException(nameof(eventGroups));
            bool ct = kind == DoseReportKind.CT;
            if (!ct && kind != DoseReportKind.ProjectionXRay) throw new ArgumentException("kind must be CT or ProjectionXRay", nameof(kind));
            string[] eventColumns = ct ? CtEventColumns : ProjectionEventColumns;
            var header = new List<string>(StudyColumns);
            for (int e = 1; e <= eventGroups; e++)
                foreach (string c in eventColumns) header.Add("E" + e.ToString(CultureInfo.InvariantCulture) + " " + c);
            writer.Write(CsvCell.Line(header.ToArray()));
            writer.Write("\r\n");
            var warnings = new List<string>();
            foreach (DoseReport r in reports)
            {
                bool mine = ct ? r.Kind == DoseReportKind.CT : r.Kind == DoseReportKind.ProjectionXRay || r.Kind == DoseReportKind.Mammography;
                if (!mine)
                {
                    warnings.Add(r.Path + ": a " + r.Kind + " report, not exported with the " + kind + " reports");
                    continue;
                }
                var row = new List<string>
                {
                    r.Kind, Date(r.StudyDate), r.StudyInstanceUID, r.SOPInstanceUID, r.AccessionNumber, r.StudyDescription, r.PatientID,
                    r.PatientAge, r.PatientSex, N(r.PatientSize), N(r.PatientWeight), r.Manufacturer, r.ManufacturerModelName, r.StationName,
                    r.DeviceSerialNumber, r.InstitutionName, r.EventCount.ToString(CultureInfo.InvariantCulture), N(r.TotalDlp), N(r.TotalDap),
                    N(r.TotalDoseRp), N(r.FluoroDap), N(r.FluoroDoseRp), N(r.FluoroTime), N(r.AcquisitionDap), N(r.AcquisitionDoseRp),
                    N(r.AcquisitionTime), N(r.AccumulatedAverageGlandularDose),
                };
                int written = 0;
                foreach (CtIrradiationEvent e in r.CtEvents)
                {
                    if (written++ == eventGroups) break;
                    row.AddRange(new[]
                    {
                        e.AcquisitionProtocol, e.TargetRegion, e.AcquisitionType, N(e.CtdiVol), N(e.Dlp), e.PhantomType, N(e.ScanningLength),
                        N(e.ExposureTime), N(e.Kvp), N(e.TubeCurrent), e.DoseCheckAlert ? "true" : "false", e.DoseCheckNotification ? "true" : "false",
                    });
                }
                foreach (ProjectionIrradiationEvent e in r.ProjectionEvents)
                {
                    if (written++ == eventGroups) break;
                    row.AddRange(new[]
                    {
                        e.AcquisitionProtocol, e.TargetRegion, e.EventType, N(e.Dap), N(e.DoseRp), N(e.Kvp), N(e.TubeCurrent),
                        N(e.IrradiationDuration), N(e.AverageGlandularDose), N(e.CompressionThickness),
                    });
                }
                if (r.EventCount > eventGroups)
                    warnings.Add(r.Path + ": " + r.EventCount + " events, only the first " + eventGroups + " exported");
                while (row.Count < header.Count) row.Add(null);
                writer.Write(CsvCell.Line(row.ToArray()));
                writer.Write("\r\n");
            }
            return warnings;
        }

        private static string N(double? value) => value?.ToString("R", CultureInfo.InvariantCulture);

        private static string Date(DateTime? value) => value?.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture);
    }
}
