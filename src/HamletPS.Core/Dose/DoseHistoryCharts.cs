using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace HamletPS.Core.Dose
{
    /// <summary>
    /// The dose history as charts, for people who would rather look than read: per acquisition protocol a box plot of the
    /// event DLP (CT), DAP (projection X-ray and fluoroscopy) and average glandular dose (mammography), and the studies per
    /// station and month. Self-contained SVG files (our own writer: no script, no font or image fetched) and an index.html
    /// showing them inline. Pseudonymised as the exports are: protocol and station names, counts and doses only, no patient
    /// key, UID or study description. Each file is written under a temporary name and renamed into place.
    /// </summary>
    public static class DoseHistoryCharts
    {
        public const string CtDlpFile = "ct-dlp-per-protocol.svg";
        public const string ProjectionDapFile = "projection-dap-per-protocol.svg";
        public const string MammographyAgdFile = "mammography-agd-per-protocol.svg";
        public const string StationsFile = "studies-per-station.svg";
        public const string IndexFile = "index.html";

        /// <summary>Projection DAP is charted in Gy·cm² (as DAP meters show it), the history keeps Gy·m².</summary>
        public const double DapChartFactor = 1e4;

        private static readonly string[] AllFiles = { CtDlpFile, ProjectionDapFile, MammographyAgdFile, StationsFile, IndexFile };

        /// <summary>The file names this export writes in its folder.</summary>
        public static IReadOnlyList<string> FileNames => AllFiles;

        /// <summary>
        /// Refuses a folder that holds one of our files unless asked to replace them: a <see cref="HamletException"/>
        /// <see cref="ErrorIds.ExportExists"/> naming the file.
        /// </summary>
        public static void CheckDestination(string folder, bool force)
        {
            if (folder == null) throw new ArgumentNullException(nameof(folder));
            if (force) return;
            foreach (string name in AllFiles)
            {
                string path = Path.Combine(folder, name);
                if (File.Exists(path)) throw new HamletException(ErrorIds.ExportExists, path + " exists.", null, "Replace the charts with {Force}.");
            }
        }

        /// <summary>
        /// Writes the charts of the reports <paramref name="filter"/> takes into <paramref name="folder"/> (created when
        /// missing). Charts without values are not written (and an older one of ours is removed), index.html always is. Throws
        /// a <see cref="HamletException"/> <see cref="ErrorIds.ExportFailed"/> naming the file when one cannot be written,
        /// a <see cref="DoseHistoryException"/> when the database cannot be read.
        /// </summary>
        public static DoseChartExportResult WriteFolder(DoseHistoryStore store, DoseHistoryFilter filter, string folder)
        {
            if (store == null) throw new ArgumentNullException(nameof(store));
            if (folder == null) throw new ArgumentNullException(nameof(folder));
            string full = Path.GetFullPath(folder);
            var charts = Build(store, filter);
            var result = new DoseChartExportResult { Folder = full, Studies = charts.Studies, Protocols = charts.Boxes };
            var files = new List<string>();
            try
            {
                Directory.CreateDirectory(full);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                throw new HamletException(ErrorIds.ExportFailed, full + ": the chart folder could not be created (" + ex.Message + ")", ex);
            }
            foreach (var (name, svg) in charts.Svgs)
            {
                string path = Path.Combine(full, name);
                if (svg == null) RemoveStale(path);
                else
                {
                    WriteAtomically(path, svg);
                    files.Add(path);
                }
            }
            string index = Path.Combine(full, IndexFile);
            WriteAtomically(index, Index(charts.Svgs.Where(s => s.Svg != null).Select(s => s.Svg), charts.Studies));
            files.Add(index);
            result.Files = files.ToArray();
            return result;
        }

        /// <summary>The charts as SVG text (null where a chart has no values), by file name; what <see cref="WriteFolder"/> writes.</summary>
        public static (IReadOnlyList<(string Name, string Svg)> Svgs, int Studies, int Boxes) Build(DoseHistoryStore store, DoseHistoryFilter filter)
        {
            if (store == null) throw new ArgumentNullException(nameof(store));
            var ct = new ProtocolValues();
            var projection = new ProtocolValues();
            var mammography = new ProtocolValues();
            foreach (var (study, ev) in store.QueryEvents(filter))
            {
                if (study.Kind == DoseReportKind.CT) ct.Add(ev.AcquisitionProtocol, ev.Dlp);
                else if (study.Kind == DoseReportKind.ProjectionXRay) projection.Add(ev.AcquisitionProtocol, ev.Dap * DapChartFactor);
                else if (study.Kind == DoseReportKind.Mammography) mammography.Add(ev.AcquisitionProtocol, ev.AverageGlandularDose);
            }

            var perStation = new Dictionary<string, (string Label, Dictionary<DateTime, int> Months)>(StringComparer.OrdinalIgnoreCase);
            int studies = 0, undated = 0;
            foreach (DoseHistoryEntry e in store.Query(filter))
            {
                studies++;
                if (!e.StudyDate.HasValue) { undated++; continue; }
                string label = string.IsNullOrEmpty(e.StationName) ? "(no station)" : e.StationName;
                if (!perStation.TryGetValue(label, out var station)) perStation[label] = station = (label, new Dictionary<DateTime, int>());
                var month = new DateTime(e.StudyDate.Value.Year, e.StudyDate.Value.Month, 1);
                station.Months[month] = station.Months.TryGetValue(month, out int n) ? n + 1 : 1;
            }

            var svgs = new List<(string, string)>
            {
                (CtDlpFile, ct.Svg("CT: DLP per acquisition protocol", "event", "Dose length product per CT acquisition (mGy\u00B7cm)")),
                (ProjectionDapFile, projection.Svg("Projection X-ray and fluoroscopy: DAP per acquisition protocol", "event", "Dose area product per irradiation event (Gy\u00B7cm\u00B2)")),
                (MammographyAgdFile, mammography.Svg("Mammography: average glandular dose per acquisition protocol", "exposure", "Average glandular dose per exposure (mGy)")),
                (StationsFile, Stations(perStation.Values.ToList(), studies, undated)),
            };
            return (svgs, studies, ct.Boxes + projection.Boxes + mammography.Boxes);
        }

        private static string Stations(List<(string Label, Dictionary<DateTime, int> Months)> stations, int studies, int undated)
        {
            if (stations.Count == 0) return null;
            DateTime first = stations.SelectMany(s => s.Months.Keys).Min(), last = stations.SelectMany(s => s.Months.Keys).Max();
            var months = new List<DateTime>();
            for (DateTime m = first; m <= last; m = m.AddMonths(1)) months.Add(m);
            var series = stations.OrderBy(s => s.Label, StringComparer.OrdinalIgnoreCase)
                .Select(s => (s.Label, months.Select(m => s.Months.TryGetValue(m, out int n) ? n : 0).ToArray())).ToList();
            string subtitle = (studies - undated).ToString(CultureInfo.InvariantCulture) + " studies by study month"
                + (undated > 0 ? "; " + undated.ToString(CultureInfo.InvariantCulture) + " without a study date not shown" : string.Empty);
            var w = new StringWriter(CultureInfo.InvariantCulture);
            SvgTimelineWriter.Write(w, "Studies per station", subtitle, "Study month", months, series);
            return w.ToString();
        }

        private static string Index(IEnumerable<string> svgs, int studies)
        {
            var sb = new StringBuilder();
            sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n<title>Dose history charts</title>\n");
            sb.Append("<style>body{font-family:sans-serif;margin:24px;color:#222}figure{margin:0 0 32px 0}</style>\n</head>\n<body>\n");
            sb.Append("<h1>Dose history charts</h1>\n<p>").Append(studies.ToString(CultureInfo.InvariantCulture))
              .Append(" studies, written ").Append(DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture))
              .Append(". Boxes span the first to third quartile with the median marked; whiskers reach the furthest value within 1.5 interquartile ranges; circles are the values beyond. Patients are not named.</p>\n");
            foreach (string svg in svgs)
            {
                int start = svg.IndexOf("<svg", StringComparison.Ordinal);
                sb.Append("<figure>\n").Append(svg, start, svg.Length - start).Append("</figure>\n");
            }
            sb.Append("</body>\n</html>\n");
            return sb.ToString();
        }

        private static void WriteAtomically(string path, string text)
        {
            string temporary = Path.Combine(Path.GetDirectoryName(path) ?? "", "." + Path.GetFileName(path) + "." + Guid.NewGuid().ToString("N") + ".partial");
            try
            {
                using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
                using (var writer = new StreamWriter(stream, new UTF8Encoding(false)))
                    writer.Write(text);
                HamletPS.Dicom.IO.FileRename.ReplaceOrMove(temporary, path);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                try { File.Delete(temporary); } catch (IOException) { } catch (UnauthorizedAccessException) { }
                throw new HamletException(ErrorIds.ExportFailed, path + ": the chart could not be written (" + ex.Message + ")", ex);
            }
        }

        private static void RemoveStale(string path)
        {
            try
            {
                if (File.Exists(path)) File.Delete(path);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                throw new HamletException(ErrorIds.ExportFailed, path + ": an older chart could not be removed (" + ex.Message + ")", ex);
            }
        }

        /// <summary>One kind's values per protocol (protocols compared case-insensitively, named as first seen).</summary>
        private sealed class ProtocolValues
        {
            private readonly Dictionary<string, (string Label, List<double> Values)> _byProtocol =
                new Dictionary<string, (string, List<double>)>(StringComparer.OrdinalIgnoreCase);

            public int Boxes { get; private set; }

            public void Add(string protocol, double? value)
            {
                if (!value.HasValue || double.IsNaN(value.Value) || double.IsInfinity(value.Value)) return;
                string label = string.IsNullOrEmpty(protocol) ? DoseHistoryExport.NoProtocol : protocol;
                if (!_byProtocol.TryGetValue(label, out var entry)) _byProtocol[label] = entry = (label, new List<double>());
                entry.Values.Add(value.Value);
            }

            public string Svg(string title, string noun, string axis)
            {
                List<DoseBox> boxes = _byProtocol.Values.OrderBy(p => p.Label, StringComparer.OrdinalIgnoreCase)
                    .Select(p => DoseBox.Of(p.Label, p.Values)).Where(b => b != null).ToList();
                Boxes = boxes.Count;
                if (boxes.Count == 0) return null;
                int values = boxes.Sum(b => b.Statistics.Count);
                string subtitle = values.ToString(CultureInfo.InvariantCulture) + " " + noun + (values == 1 ? "" : "s") + " in "
                    + boxes.Count.ToString(CultureInfo.InvariantCulture) + " protocol" + (boxes.Count == 1 ? "" : "s") + "; (n) per protocol";
                var w = new StringWriter(CultureInfo.InvariantCulture);
                SvgBoxPlotWriter.Write(w, title, subtitle, axis, boxes);
                return w.ToString();
            }
        }
    }
}
