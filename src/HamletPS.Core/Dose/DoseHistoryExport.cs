using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace HamletPS.Core.Dose
{
    /// <summary>
    /// Pseudonymised exports of the dose history, laid out as OpenREM's. The patient is named only by the patient key (Study
    /// ID or keyed pseudonym); no UID, accession number, name or birth date is written (the history holds none but the SOP
    /// Instance UID, which stays out). CSV: one row per study, the study columns then a group of columns per irradiation
    /// event. XLSX: a Summary sheet (per-station studies, latest study, median and quartiles of DLP, CTDIvol, DAP, AGD; per
    /// protocol the same for its events), an "All studies" sheet as the CSV, then one sheet per acquisition protocol with one
    /// event per row. Both stream from the database (a second pass rather than holding the studies).
    /// </summary>
    public static class DoseHistoryExport
    {
        public const string NoProtocol = "(no protocol)";

        private static readonly string[] StudyColumns =
        {
            "Kind", "StudyDate", "PatientKey", "PatientAge", "PatientSex", "PatientSize", "PatientWeight", "StudyDescription",
            "ProcedureReported", "Manufacturer", "ManufacturerModelName", "StationName", "DeviceSerialNumber", "InstitutionName",
            "TestPatient", "EventCount", "TotalDlp", "TotalDap", "TotalDoseRp", "FluoroDap", "FluoroTime", "AcquisitionDap",
            "AccumulatedAverageGlandularDose",
        };

        private static readonly string[] EventColumns =
        {
            "AcquisitionProtocol", "TargetRegion", "AcquisitionType", "CtdiVol", "Dlp", "Dap", "DoseRp", "ScanningLength",
            "ExposureTime", "Kvp", "TubeCurrent", "AverageGlandularDose", "CompressionThickness", "DoseCheckAlert", "DoseCheckNotification",
        };

        /// <summary>The column names of the study part of a row (CSV and the "All studies" sheet).</summary>
        public static IReadOnlyList<string> StudyColumnNames => StudyColumns;

        /// <summary>
        /// Writes the export to <paramref name="path"/> under a temporary name in its folder, then renames it into place (a
        /// failed export leaves no partial file and the old one, if any, intact). Returns what was written. Throws a
        /// <see cref="HamletException"/> <see cref="ErrorIds.ExportFailed"/> naming the file when it cannot be written, a
        /// <see cref="DoseHistoryException"/> when the database cannot be read.
        /// </summary>
        public static DoseHistoryExportResult WriteFile(DoseHistoryStore store, DoseHistoryFilter filter, string path, DoseExportFormat format)
        {
            string full = Path.GetFullPath(path);
            string folder = Path.GetDirectoryName(full);
            string temporary = Path.Combine(folder ?? "", "." + Path.GetFileName(full) + "." + Guid.NewGuid().ToString("N") + ".partial");
            var result = new DoseHistoryExportResult { Path = full, Format = format };
            try
            {
                if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
                using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
                {
                    if (format == DoseExportFormat.Csv)
                    {
                        using (var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false), 1 << 16))
                            result.Studies = WriteCsv(store, filter, writer);
                    }
                    else
                    {
                        var (stations, protocols) = WriteXlsx(store, filter, stream);
                        result.Studies = stations.Sum(s => s.Studies);
                        result.ProtocolSheets = protocols.Count;
                    }
                }
                HamletPS.Dicom.IO.FileRename.ReplaceOrMove(temporary, full);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                DeleteQuietly(temporary);
                throw new HamletException(ErrorIds.ExportFailed, full + ": the export could not be written (" + ex.Message + ")", ex);
            }
            catch
            {
                DeleteQuietly(temporary);
                throw;
            }
            return result;
        }

        private static void DeleteQuietly(string temporary)
        {
            try { File.Delete(temporary); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }

        /// <summary>Writes the CSV; returns the number of studies written.</summary>
        public static int WriteCsv(DoseHistoryStore store, DoseHistoryFilter filter, TextWriter writer)
        {
            if (store == null) throw new ArgumentNullException(nameof(store));
            if (writer == null) throw new ArgumentNullException(nameof(writer));
            int groups = 0;
            foreach (DoseHistoryEntry e in store.Query(filter)) groups = Math.Max(groups, e.EventCount);
            writer.Write(CsvCell.Line(Header(groups).ToArray()));
            writer.Write("\r\n");
            int studies = 0;
            foreach (DoseHistoryEntry e in store.Query(filter))
            {
                string[] row = Row(e, groups).Select(Text).ToArray();
                writer.Write(CsvCell.Line(row));
                writer.Write("\r\n");
                studies++;
            }
            return studies;
        }

        /// <summary>Writes the workbook; returns the station and protocol summaries its Summary sheet holds.</summary>
        public static (IReadOnlyList<DoseStationSummary> Stations, IReadOnlyList<DoseProtocolSummary> Protocols) WriteXlsx(
            DoseHistoryStore store, DoseHistoryFilter filter, Stream output)
        {
            if (store == null) throw new ArgumentNullException(nameof(store));
            if (output == null) throw new ArgumentNullException(nameof(output));
            int groups = 0;
            foreach (DoseHistoryEntry e in store.Query(filter)) groups = Math.Max(groups, e.EventCount);

            using (var xlsx = new XlsxWriter(output))
            {
                var stations = new StationAccumulator();
                string allStudies = xlsx.StartSheet("All studies");
                xlsx.WriteRow(Header(groups).Cast<object>().ToArray());
                foreach (DoseHistoryEntry e in store.Query(filter))
                {
                    stations.Add(e);
                    xlsx.WriteRow(Row(e, groups).ToArray());
                }

                var protocols = new List<DoseProtocolSummary>();
                var sheetNames = new List<string> { allStudies };
                string currentKey = null;
                ProtocolAccumulator current = null;
                foreach (var (study, ev) in store.QueryEvents(filter))
                {
                    string protocol = string.IsNullOrEmpty(ev.AcquisitionProtocol) ? NoProtocol : ev.AcquisitionProtocol;
                    if (current == null || !string.Equals(currentKey, protocol, StringComparison.OrdinalIgnoreCase))
                    {
                        if (current != null) protocols.Add(current.Summary());
                        currentKey = protocol;
                        string sheet = xlsx.StartSheet(protocol);
                        sheetNames.Add(sheet);
                        current = new ProtocolAccumulator(protocol, sheet);
                        xlsx.WriteRow(ProtocolHeader.Cast<object>().ToArray());
                    }
                    current.Add(study, ev);
                    xlsx.WriteRow(
                        Kind(study.Kind), study.StudyDate, study.PatientKey, study.PatientAge, study.PatientSex, study.StationName, study.StudyDescription,
                        ev.Ordinal, ev.AcquisitionProtocol, ev.TargetRegion, ev.AcquisitionType, ev.CtdiVol, ev.Dlp, ev.Dap, ev.DoseRp,
                        ev.ScanningLength, ev.ExposureTime, ev.Kvp, ev.TubeCurrent, ev.AverageGlandularDose, ev.CompressionThickness);
                }
                if (current != null) protocols.Add(current.Summary());

                List<DoseStationSummary> stationSummaries = stations.Summaries();
                string summary = xlsx.StartSheet("Summary");
                WriteSummary(xlsx, stationSummaries, protocols, stations.Studies);
                sheetNames.Insert(0, summary);
                xlsx.Finish(sheetNames);
                return (stationSummaries, protocols);
            }
        }

        /// <summary>The per-station summaries of the reports the filter takes (the first table of the Summary sheet).</summary>
        public static IReadOnlyList<DoseStationSummary> SummariseStations(IEnumerable<DoseHistoryEntry> entries)
        {
            var stations = new StationAccumulator();
            foreach (DoseHistoryEntry e in entries) stations.Add(e);
            return stations.Summaries();
        }

        private static readonly string[] ProtocolHeader =
        {
            "Kind", "StudyDate", "PatientKey", "PatientAge", "PatientSex", "StationName", "StudyDescription", "Event",
            "AcquisitionProtocol", "TargetRegion", "AcquisitionType", "CtdiVol", "Dlp", "Dap", "DoseRp", "ScanningLength",
            "ExposureTime", "Kvp", "TubeCurrent", "AverageGlandularDose", "CompressionThickness",
        };

        private static void WriteSummary(XlsxWriter xlsx, List<DoseStationSummary> stations, List<DoseProtocolSummary> protocols, int studies)
        {
            xlsx.WriteRow("HamletPS dose history export", DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture));
            xlsx.WriteRow("Studies", studies);
            xlsx.WriteRow("Patients are named by their trial Study ID or keyed pseudonym only.");
            xlsx.WriteRow();
            xlsx.WriteRow("Per station");
            xlsx.WriteRow("StationName", "Kind", "Studies", "LatestStudy",
                "DLP median (mGy.cm)", "DLP Q1", "DLP Q3", "CTDIvol median (mGy)", "CTDIvol Q1", "CTDIvol Q3",
                "DAP median (Gy.m2)", "DAP Q1", "DAP Q3", "AGD median (mGy)", "AGD Q1", "AGD Q3");
            foreach (DoseStationSummary s in stations)
            {
                var row = new List<object> { s.StationName ?? "(no station)", Kind(s.Kind), s.Studies, s.LatestStudy };
                AddStats(row, s.Dlp); AddStats(row, s.CtdiVol); AddStats(row, s.Dap); AddStats(row, s.AverageGlandularDose);
                xlsx.WriteRow(row.ToArray());
            }
            xlsx.WriteRow();
            xlsx.WriteRow("Per protocol");
            xlsx.WriteRow("AcquisitionProtocol", "Sheet", "Events", "Studies",
                "CTDIvol median (mGy)", "CTDIvol Q1", "CTDIvol Q3", "DLP median (mGy.cm)", "DLP Q1", "DLP Q3",
                "DAP median (Gy.m2)", "DAP Q1", "DAP Q3", "AGD median (mGy)", "AGD Q1", "AGD Q3");
            foreach (DoseProtocolSummary p in protocols)
            {
                var row = new List<object> { p.AcquisitionProtocol, p.Sheet, p.Events, p.Studies };
                AddStats(row, p.CtdiVol); AddStats(row, p.Dlp); AddStats(row, p.Dap); AddStats(row, p.AverageGlandularDose);
                xlsx.WriteRow(row.ToArray());
            }
        }

        private static void AddStats(List<object> row, DoseStatistics s)
        {
            row.Add(s?.Median);
            row.Add(s?.FirstQuartile);
            row.Add(s?.ThirdQuartile);
        }

        private static IEnumerable<string> Header(int groups)
        {
            foreach (string c in StudyColumns) yield return c;
            for (int g = 1; g <= groups; g++)
                foreach (string c in EventColumns) yield return "E" + g.ToString(CultureInfo.InvariantCulture) + " " + c;
        }

        private static IEnumerable<object> Row(DoseHistoryEntry e, int groups)
        {
            yield return Kind(e.Kind); yield return e.StudyDate; yield return e.PatientKey; yield return e.PatientAge; yield return e.PatientSex;
            yield return e.PatientSize; yield return e.PatientWeight; yield return e.StudyDescription; yield return e.ProcedureReported;
            yield return e.Manufacturer; yield return e.ManufacturerModelName; yield return e.StationName; yield return e.DeviceSerialNumber;
            yield return e.InstitutionName; yield return e.IsTestPatient; yield return e.EventCount; yield return e.TotalDlp; yield return e.TotalDap;
            yield return e.TotalDoseRp; yield return e.FluoroDap; yield return e.FluoroTime; yield return e.AcquisitionDap;
            yield return e.AccumulatedAverageGlandularDose;
            for (int g = 0; g < groups; g++)
            {
                DoseHistoryEvent x = g < e.Events.Length ? e.Events[g] : null;
                if (x == null)
                {
                    for (int c = 0; c < EventColumns.Length; c++) yield return null;
                    continue;
                }
                yield return x.AcquisitionProtocol; yield return x.TargetRegion; yield return x.AcquisitionType; yield return x.CtdiVol;
                yield return x.Dlp; yield return x.Dap; yield return x.DoseRp; yield return x.ScanningLength; yield return x.ExposureTime;
                yield return x.Kvp; yield return x.TubeCurrent; yield return x.AverageGlandularDose; yield return x.CompressionThickness;
                yield return x.DoseCheckAlert; yield return x.DoseCheckNotification;
            }
        }

        private static string Kind(string kind) => kind ?? DoseReportKind.Unknown;

        private static string Text(object value)
        {
            switch (value)
            {
                case null: return null;
                case double d: return d.ToString("R", CultureInfo.InvariantCulture);
                case DateTime t: return t.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture);
                case bool b: return b ? "true" : "false";
                default: return Convert.ToString(value, CultureInfo.InvariantCulture);
            }
        }

        private sealed class StationAccumulator
        {
            private readonly Dictionary<(string, string), (DoseStationSummary Summary, List<double> Dlp, List<double> Ctdi, List<double> Dap, List<double> Agd)> _byStation =
                new Dictionary<(string, string), (DoseStationSummary, List<double>, List<double>, List<double>, List<double>)>();

            public int Studies { get; private set; }

            public void Add(DoseHistoryEntry e)
            {
                Studies++;
                var key = (e.StationName ?? "", Kind(e.Kind));
                if (!_byStation.TryGetValue(key, out var acc))
                {
                    acc = (new DoseStationSummary { StationName = e.StationName, Kind = Kind(e.Kind) }, new List<double>(), new List<double>(), new List<double>(), new List<double>());
                    _byStation.Add(key, acc);
                }
                acc.Summary.Studies++;
                if (e.StudyDate.HasValue && (acc.Summary.LatestStudy == null || e.StudyDate > acc.Summary.LatestStudy)) acc.Summary.LatestStudy = e.StudyDate;
                if (e.TotalDlp.HasValue) acc.Dlp.Add(e.TotalDlp.Value);
                if (e.TotalDap.HasValue) acc.Dap.Add(e.TotalDap.Value);
                if (e.AccumulatedAverageGlandularDose.HasValue) acc.Agd.Add(e.AccumulatedAverageGlandularDose.Value);
                foreach (DoseHistoryEvent x in e.Events) if (x.CtdiVol.HasValue) acc.Ctdi.Add(x.CtdiVol.Value);
            }

            public List<DoseStationSummary> Summaries()
            {
                var list = new List<DoseStationSummary>();
                foreach (var acc in _byStation.Values)
                {
                    acc.Summary.Dlp = DoseStatistics.Of(acc.Dlp);
                    acc.Summary.CtdiVol = DoseStatistics.Of(acc.Ctdi);
                    acc.Summary.Dap = DoseStatistics.Of(acc.Dap);
                    acc.Summary.AverageGlandularDose = DoseStatistics.Of(acc.Agd);
                    list.Add(acc.Summary);
                }
                return list.OrderBy(s => s.StationName ?? "", StringComparer.OrdinalIgnoreCase).ThenBy(s => s.Kind, StringComparer.Ordinal).ToList();
            }
        }

        private sealed class ProtocolAccumulator
        {
            private readonly DoseProtocolSummary _summary;
            private readonly List<double> _ctdi = new List<double>(), _dlp = new List<double>(), _dap = new List<double>(), _agd = new List<double>();
            private readonly HashSet<string> _studies = new HashSet<string>(StringComparer.Ordinal);

            public ProtocolAccumulator(string protocol, string sheet)
            {
                _summary = new DoseProtocolSummary { AcquisitionProtocol = protocol, Sheet = sheet };
            }

            public void Add(DoseHistoryEntry study, DoseHistoryEvent ev)
            {
                _summary.Events++;
                _studies.Add(study.SOPInstanceUID);
                if (ev.CtdiVol.HasValue) _ctdi.Add(ev.CtdiVol.Value);
                if (ev.Dlp.HasValue) _dlp.Add(ev.Dlp.Value);
                if (ev.Dap.HasValue) _dap.Add(ev.Dap.Value);
                if (ev.AverageGlandularDose.HasValue) _agd.Add(ev.AverageGlandularDose.Value);
            }

            public DoseProtocolSummary Summary()
            {
                _summary.Studies = _studies.Count;
                _summary.CtdiVol = DoseStatistics.Of(_ctdi);
                _summary.Dlp = DoseStatistics.Of(_dlp);
                _summary.Dap = DoseStatistics.Of(_dap);
                _summary.AverageGlandularDose = DoseStatistics.Of(_agd);
                return _summary;
            }
        }
    }
}
