using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using HamletPS.Core.Dose;
using HamletPS.Core.Tests.Deidentification;
using HamletPS.Core.Tests.Review;
using HamletPS.TestSupport;
using Xunit;

namespace HamletPS.Core.Tests.Dose
{
    /// <summary>
    /// The dose history charts (Export-DoseHistory -ChartPath): every SVG parsed by Python's XML parser, one box per
    /// protocol whose median and quartiles agree with Python's statistics over the database (read by Python's sqlite3) and
    /// with the XLSX summary, drawn where those values say; the studies per station and month as SQLite counts them; no
    /// identifier or patient key in any file; Chromium draws the page.
    /// </summary>
    public class DoseHistoryChartTests
    {
        private const string Chromium = "/usr/bin/chromium";

        private static (string Database, List<DoseReport> Reports, string Scratch) History(string name)
        {
            string scratch = DeidTestSupport.NewScratch(name);
            string database = Path.Combine(scratch, "history.sqlite");
            var reports = new List<DoseReport>();
            for (int seed = 31; seed <= 40; seed++) reports.Add(DoseReportReader.Read(DoseTestData.Make(scratch, "ct", seed)));
            for (int seed = 36; seed <= 40; seed++) reports[seed - 31].StationName = "CT-ROOM-B";
            for (int seed = 41; seed <= 45; seed++) reports.Add(DoseReportReader.Read(DoseTestData.Make(scratch, "rf", seed)));
            for (int seed = 46; seed <= 48; seed++) reports.Add(DoseReportReader.Read(DoseTestData.Make(scratch, "mg", seed)));
            var options = DoseHistorySetup.CreateImportOptions(new DoseHistoryRequest { DatabasePath = database, Key = "chart-test-secret".ToCharArray() });
            using (var importer = new DoseHistoryImporter(options))
                Assert.All(importer.Import(reports).ToList(), r => Assert.Equal(DoseHistoryImportStatus.Added, r.Status));
            return (database, reports, scratch);
        }

        [Fact]
        public void Charts_AreWellFormedSvg_WithOneBoxPerProtocol_WhoseQuartilesPythonAndTheSummaryAgreeWith()
        {
            RequiredPeers.Programs(DeidTestSupport.Python);
            var (database, reports, scratch) = History("dosechart-svg");
            string folder = Path.Combine(scratch, "charts");
            DoseChartExportResult result;
            IReadOnlyList<DoseProtocolSummary> protocols;
            using (DoseHistoryStore store = DoseHistoryStore.Open(database, create: false))
            {
                result = DoseHistoryCharts.WriteFolder(store, new DoseHistoryFilter(), folder);
                using (var sink = new MemoryStream()) protocols = DoseHistoryExport.WriteXlsx(store, new DoseHistoryFilter(), sink).Protocols;
            }
            Assert.Equal(5, result.Files.Length);
            Assert.Equal(reports.Count, result.Studies);
            Assert.Empty(Directory.GetFiles(folder, "*.partial"));

            var run = DeidTestSupport.Run(DeidTestSupport.Python, Path.Combine(DeidTestSupport.RepositoryRoot, "tests", "HamletPS.Core.Tests", "Dose", "Oracles", "read_dose_charts.py"), folder, database);
            Assert.True(run.ExitCode == 0, "Python could not read the charts: " + run.StdErr);
            JsonElement json = JsonDocument.Parse(run.StdOut).RootElement;
            JsonElement charts = json.GetProperty("charts");

            int boxes = 0;
            foreach (string name in new[] { DoseHistoryCharts.CtDlpFile, DoseHistoryCharts.ProjectionDapFile, DoseHistoryCharts.MammographyAgdFile })
            {
                JsonElement expected = json.GetProperty("expected").GetProperty(name);
                JsonElement[] drawn = charts.GetProperty(name).EnumerateArray().ToArray();
                Assert.Equal(expected.EnumerateObject().Count(), drawn.Length); // one box per protocol, no more
                Assert.True(drawn.Length >= 2, name + ": only " + drawn.Length + " protocols");
                foreach (JsonElement box in drawn)
                {
                    string label = box.GetProperty("label").GetString();
                    JsonElement py = expected.GetProperty(label.ToLowerInvariant());
                    Assert.Equal(py.GetProperty("n").GetInt32(), box.GetProperty("n").GetInt32());
                    foreach (string q in new[] { "q1", "median", "q3" })
                        Close(py.GetProperty(q).GetDouble(), box.GetProperty(q).GetDouble(), name + " " + label + " " + q);
                    Assert.True(box.GetProperty("drawn").GetBoolean(), name + " " + label + ": the box or median is not drawn where its values say");
                    Assert.True(box.GetProperty("low").GetDouble() <= box.GetProperty("q1").GetDouble() && box.GetProperty("high").GetDouble() >= box.GetProperty("q3").GetDouble());

                    // The XLSX summary of the same protocol gives the same median and quartiles (DAP there in Gy·m²).
                    DoseProtocolSummary summary = protocols.Single(p => string.Equals(p.AcquisitionProtocol, label, StringComparison.OrdinalIgnoreCase));
                    DoseStatistics s = name == DoseHistoryCharts.CtDlpFile ? summary.Dlp : name == DoseHistoryCharts.ProjectionDapFile ? summary.Dap : summary.AverageGlandularDose;
                    double factor = name == DoseHistoryCharts.ProjectionDapFile ? DoseHistoryCharts.DapChartFactor : 1;
                    Close(s.Median * factor, box.GetProperty("median").GetDouble(), label + " summary median");
                    Close(s.FirstQuartile * factor, box.GetProperty("q1").GetDouble(), label + " summary Q1");
                    Close(s.ThirdQuartile * factor, box.GetProperty("q3").GetDouble(), label + " summary Q3");
                    boxes++;
                }
            }
            Assert.Equal(result.Protocols, boxes);

            // Studies per station and month, as SQLite counts them.
            JsonElement stations = charts.GetProperty(DoseHistoryCharts.StationsFile);
            JsonElement counted = json.GetProperty("stations");
            Assert.Equal(counted.EnumerateObject().Select(p => p.Name).OrderBy(n => n), stations.EnumerateObject().Select(p => p.Name).OrderBy(n => n));
            foreach (JsonProperty station in counted.EnumerateObject())
            {
                var months = stations.GetProperty(station.Name).EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());
                foreach (JsonProperty month in station.Value.EnumerateObject()) Assert.Equal(month.Value.GetInt32(), months[month.Name]);
                Assert.Equal(station.Value.EnumerateObject().Sum(m => m.Value.GetInt32()), months.Values.Sum()); // the other months are zero
            }

            // Pseudonymised as the exports: no identifier of the source reports, and not even the patient key.
            string everything = string.Concat(Directory.GetFiles(folder).Select(File.ReadAllText));
            var keys = new List<string>();
            using (DoseHistoryStore store = DoseHistoryStore.Open(database, create: false))
                keys.AddRange(store.Query(new DoseHistoryFilter()).Select(e => e.PatientKey).Where(k => !string.IsNullOrEmpty(k)));
            Assert.NotEmpty(keys);
            foreach (string identifier in reports.SelectMany(r => new[] { r.PatientID, r.PatientName, r.AccessionNumber, r.SOPInstanceUID, r.StudyInstanceUID, r.StudyDescription }).Concat(keys)
                         .Where(s => !string.IsNullOrEmpty(s)).Distinct())
                Assert.DoesNotContain(identifier, everything);
            Assert.DoesNotContain("<script", everything, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("href", everything, StringComparison.OrdinalIgnoreCase);
        }

        [Fact]
        public void Charts_RenderedByChromium_AreNotBlank()
        {
            RequiredPeers.Programs(DeidTestSupport.Python, Chromium);
            var (database, _, scratch) = History("dosechart-chromium");
            string folder = Path.Combine(scratch, "charts");
            using (DoseHistoryStore store = DoseHistoryStore.Open(database, create: false))
                DoseHistoryCharts.WriteFolder(store, new DoseHistoryFilter(), folder);
            foreach (string page in new[] { DoseHistoryCharts.IndexFile, DoseHistoryCharts.CtDlpFile })
            {
                string shot = Path.Combine(scratch, page + ".png");
                var run = DeidTestSupport.Run(Chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                    "--user-data-dir=" + Path.Combine(scratch, "chromium-profile"), "--screenshot=" + shot, "--window-size=1000,1400",
                    new Uri(Path.Combine(folder, page)).AbsoluteUri);
                Assert.True(File.Exists(shot), "chromium wrote no screenshot of " + page + " (exit " + run.ExitCode + "): " + run.StdErr);
                ScreenshotPixels pixels = ScreenshotPixels.Read(shot);
                int inked = 0;
                var colours = new HashSet<int>();
                for (int i = 0; i < pixels.Rgb.Length; i += 3)
                {
                    int r = pixels.Rgb[i], g = pixels.Rgb[i + 1], b = pixels.Rgb[i + 2];
                    if (r < 200 || g < 200 || b < 200) inked++;
                    if (Math.Max(r, Math.Max(g, b)) - Math.Min(r, Math.Min(g, b)) > 60) colours.Add((r >> 4) << 8 | (g >> 4) << 4 | b >> 4);
                }
                Assert.True(inked > 2000, page + ": only " + inked + " drawn pixels");
                Assert.True(colours.Count >= 3, page + ": only " + colours.Count + " saturated colours (the boxes are coloured)");
            }
        }

        [Fact]
        public void Charts_RefuseToReplaceEarlierCharts_UnlessForced_AndRemoveAChartThatNoLongerHasValues()
        {
            RequiredPeers.Programs(DeidTestSupport.Python);
            var (database, _, scratch) = History("dosechart-force");
            string folder = Path.Combine(scratch, "charts");
            using (DoseHistoryStore store = DoseHistoryStore.Open(database, create: false))
            {
                DoseHistoryCharts.CheckDestination(folder, force: false);
                DoseHistoryCharts.WriteFolder(store, new DoseHistoryFilter(), folder);
                var refused = Assert.Throws<HamletException>(() => DoseHistoryCharts.CheckDestination(folder, force: false));
                Assert.Equal(ErrorIds.ExportExists, refused.ErrorId);
                DoseHistoryCharts.CheckDestination(folder, force: true);

                DoseChartExportResult ctOnly = DoseHistoryCharts.WriteFolder(store, new DoseHistoryFilter { Kind = "CT" }, folder);
                Assert.Equal(new[] { DoseHistoryCharts.CtDlpFile, DoseHistoryCharts.StationsFile, DoseHistoryCharts.IndexFile }, ctOnly.Files.Select(Path.GetFileName));
                Assert.False(File.Exists(Path.Combine(folder, DoseHistoryCharts.ProjectionDapFile)));
                Assert.False(File.Exists(Path.Combine(folder, DoseHistoryCharts.MammographyAgdFile)));
            }
        }

        [Fact]
        public void Charts_OfDeviceNamesWithMarkupAndControlCharacters_StayWellFormed_AndCarryNoMarkupOfTheirs()
        {
            RequiredPeers.Programs(DeidTestSupport.Python);
            string scratch = DeidTestSupport.NewScratch("dosechart-hostile");
            string database = Path.Combine(scratch, "history.sqlite");
            var report = DoseReportReader.Read(DoseTestData.Make(scratch, "ct", 51));
            const string Hostile = "<script>alert(1)</script> & \"x\" 'y' \u0001\u0007\uFFFE end";
            foreach (CtIrradiationEvent e in report.CtEvents) e.AcquisitionProtocol = Hostile;
            report.StationName = "<g onload=\"x()\">";
            var options = DoseHistorySetup.CreateImportOptions(new DoseHistoryRequest { DatabasePath = database, Key = "chart-test-secret".ToCharArray() });
            using (var importer = new DoseHistoryImporter(options)) importer.Import(new[] { report }).ToList();
            string folder = Path.Combine(scratch, "charts");
            using (DoseHistoryStore store = DoseHistoryStore.Open(database, create: false))
                DoseHistoryCharts.WriteFolder(store, new DoseHistoryFilter(), folder);

            var run = DeidTestSupport.Run(DeidTestSupport.Python, Path.Combine(DeidTestSupport.RepositoryRoot, "tests", "HamletPS.Core.Tests", "Dose", "Oracles", "read_dose_charts.py"), folder, database);
            Assert.True(run.ExitCode == 0, "Python could not parse the charts: " + run.StdErr);
            JsonElement box = Assert.Single(JsonDocument.Parse(run.StdOut).RootElement.GetProperty("charts").GetProperty(DoseHistoryCharts.CtDlpFile).EnumerateArray());
            Assert.Equal("<script>alert(1)</script> & \"x\" 'y'  end", box.GetProperty("label").GetString()); // the text kept, the forbidden characters dropped
            string everything = string.Concat(Directory.GetFiles(folder).Select(File.ReadAllText));
            Assert.DoesNotContain("<script", everything, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<g onload", everything, StringComparison.OrdinalIgnoreCase);
        }

        private static void Close(double expected, double actual, string what) =>
            Assert.True(Math.Abs(expected - actual) <= 1e-9 * Math.Max(1, Math.Abs(expected)), what + ": expected " + expected + ", chart " + actual);
    }
}
