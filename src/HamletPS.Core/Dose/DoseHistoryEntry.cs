using System;
using System.Collections.Generic;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace HamletPS.Core.Dose
{
    /// <summary>
    /// One study's dose report as the dose history keeps it: no Patient ID, name, birth date or accession number, and no path
    /// (folder names may hold them) — the patient is known only by <see cref="PatientKey"/> (the trial Study ID or the keyed
    /// pseudonym Protect gives). Deduplicated by <see cref="SOPInstanceUID"/>; <see cref="ComputeContentHash"/> tells a re-sent
    /// identical report from a changed one.
    /// </summary>
    public sealed class DoseHistoryEntry
    {
        public string SOPInstanceUID { get; set; }
        public string Kind { get; set; }
        public DateTime? StudyDate { get; set; }
        public string StudyDescription { get; set; }
        public string ProcedureReported { get; set; }

        /// <summary>Study ID from the lookup table or keyed pseudonym of the Patient ID; null when there was none to key.</summary>
        public string PatientKey { get; set; }
        public string PatientAge { get; set; }
        public string PatientSex { get; set; }

        /// <summary>m.</summary>
        public double? PatientSize { get; set; }

        /// <summary>kg.</summary>
        public double? PatientWeight { get; set; }
        public string Manufacturer { get; set; }
        public string ManufacturerModelName { get; set; }
        public string StationName { get; set; }
        public string DeviceSerialNumber { get; set; }
        public string InstitutionName { get; set; }

        /// <summary>mGy·cm.</summary>
        public double? TotalDlp { get; set; }

        /// <summary>Gy·m².</summary>
        public double? TotalDap { get; set; }

        /// <summary>Gy.</summary>
        public double? TotalDoseRp { get; set; }

        /// <summary>Gy·m².</summary>
        public double? FluoroDap { get; set; }

        /// <summary>s.</summary>
        public double? FluoroTime { get; set; }

        /// <summary>Gy·m².</summary>
        public double? AcquisitionDap { get; set; }

        /// <summary>mGy.</summary>
        public double? AccumulatedAverageGlandularDose { get; set; }

        /// <summary>Stored although the test-patient rule marked it (imported with test patients included).</summary>
        public bool IsTestPatient { get; set; }

        /// <summary>When it was stored (UTC).</summary>
        public DateTime ImportedAt { get; set; }

        public DoseHistoryEvent[] Events { get; set; } = Array.Empty<DoseHistoryEvent>();

        public int EventCount => Events.Length;

        /// <summary>SHA-256 (hex) of every stored value but the patient key, the test flag and the import time.</summary>
        public string ComputeContentHash() => ComputeHash();

        /// <summary>The history's form of a report read from a file: identifiers left behind, the patient key given.</summary>
        public static DoseHistoryEntry FromReport(DoseReport report, string patientKey, bool isTestPatient)
        {
            if (report == null) throw new ArgumentNullException(nameof(report));
            var events = new List<DoseHistoryEvent>();
            foreach (CtIrradiationEvent e in report.CtEvents) events.Add(DoseHistoryEvent.From(e, events.Count + 1));
            foreach (ProjectionIrradiationEvent e in report.ProjectionEvents) events.Add(DoseHistoryEvent.From(e, events.Count + 1));
            return new DoseHistoryEntry
            {
                SOPInstanceUID = report.SOPInstanceUID,
                Kind = report.Kind,
                StudyDate = report.StudyDate,
                StudyDescription = report.StudyDescription,
                ProcedureReported = report.ProcedureReported,
                PatientKey = patientKey,
                PatientAge = report.PatientAge,
                PatientSex = report.PatientSex,
                PatientSize = report.PatientSize,
                PatientWeight = report.PatientWeight,
                Manufacturer = report.Manufacturer,
                ManufacturerModelName = report.ManufacturerModelName,
                StationName = report.StationName,
                DeviceSerialNumber = report.DeviceSerialNumber,
                InstitutionName = report.InstitutionName,
                TotalDlp = report.TotalDlp,
                TotalDap = report.TotalDap,
                TotalDoseRp = report.TotalDoseRp,
                FluoroDap = report.FluoroDap,
                FluoroTime = report.FluoroTime,
                AcquisitionDap = report.AcquisitionDap,
                AccumulatedAverageGlandularDose = report.AccumulatedAverageGlandularDose,
                IsTestPatient = isTestPatient,
                Events = events.ToArray(),
            };
        }

        private string ComputeHash()
        {
            var sb = new StringBuilder();
            void Add(object value)
            {
                switch (value)
                {
                    case null: sb.Append('\u0001'); break;
                    case double d: sb.Append(d.ToString("R", CultureInfo.InvariantCulture)); break;
                    case DateTime t: sb.Append(t.ToString("o", CultureInfo.InvariantCulture)); break;
                    default: sb.Append(Convert.ToString(value, CultureInfo.InvariantCulture)); break;
                }
                sb.Append('\u0000');
            }
            foreach (object v in new object[]
                     {
                         SOPInstanceUID, Kind, StudyDate, StudyDescription, ProcedureReported, PatientAge, PatientSex, PatientSize, PatientWeight,
                         Manufacturer, ManufacturerModelName, StationName, DeviceSerialNumber, InstitutionName, TotalDlp, TotalDap, TotalDoseRp,
                         FluoroDap, FluoroTime, AcquisitionDap, AccumulatedAverageGlandularDose,
                     }) Add(v);
            foreach (DoseHistoryEvent e in Events)
                foreach (object v in new object[]
                         {
                             e.Ordinal, e.StartedAt, e.AcquisitionProtocol, e.TargetRegion, e.AcquisitionType, e.CtdiVol, e.Dlp, e.Dap, e.DoseRp,
                             e.ScanningLength, e.ExposureTime, e.Kvp, e.TubeCurrent, e.AverageGlandularDose, e.CompressionThickness, e.PhantomType,
                             e.DoseCheckAlert, e.DoseCheckNotification,
                         }) Add(v);
            using (SHA256 sha = SHA256.Create())
            {
                byte[] hash = sha.ComputeHash(Encoding.UTF8.GetBytes(sb.ToString()));
                var hex = new StringBuilder(64);
                foreach (byte b in hash) hex.Append(b.ToString("x2", CultureInfo.InvariantCulture));
                return hex.ToString();
            }
        }
    }
}
