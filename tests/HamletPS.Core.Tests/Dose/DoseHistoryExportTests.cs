using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using System.Text.Json;
using HamletPS.Core.Dose;
using HamletPS.Core.Tests.Deidentification;
using HamletPS.Core.Tests.Deidentification.Pixels;
using Xunit;

namespace HamletPS.Core.Tests.Dose
{
    /// <summary>
    /// The pseudonymised CSV and XLSX exports: the workbook opened by openpyxl, its Summary's medians and quartiles held
    /// against Python's statistics.quantiles over the detail sheets, one sheet per protocol, and no identifier of the source
    /// reports (Patient ID, name, accession number, UIDs, file names) anywhere in either file.
    /// </summary>
    public class DoseHistoryExportTests
    {
        private static (string Database, List<DoseReport> Reports, string Scratch) History(string name)
        {
            string scratch = DeidTestSupport.NewScratch(name);
            string database = Path.Combine(scratch, "history.sqlite");
            var reports = new List<DoseReport>();
            for (int seed = 21; seed <= 26; seed++) reports.Add(DoseReportReader.Read(DoseTestData.Make(scratch, "ct", seed)));
            reports[4].StationName = "CT-ROOM-B";
            reports[5].StationName = "CT-ROOM-B";
            reports.Add(DoseReportReader.Read(DoseTestData.Make(scratch, "rf", 27)));
            reports.Add(DoseReportReader.Read(DoseTestData.Make(scratch, "rf", 28)));
            reports.Add(DoseReportReader.Read(DoseTestData.Make(scratch, "mg", 29)));
            var options = DoseHistorySetup.CreateImportOptions(new DoseHistoryRequest { DatabasePath = database, Key = "export-test-secret".ToCharArray() });
            using (var importer = new DoseHistoryImporter(options))
                Assert.All(importer.Import(reports).ToList(), r => Assert.Equal(DoseHistoryImportStatus.Added, r.Status));
            return (database, reports, scratch);
        }

        private static IEnumerable<string> Identifiers(IEnumerable<DoseReport> reports) =>
            reports.SelectMany(r => new[] { r.PatientID, r.PatientName, r.AccessionNumber, r.SOPInstanceUID, r.StudyInstanceUID, Path.GetFileName(r.Path) })
                .Where(s => !string.IsNullOrEmpty(s));

        [PeerFact("/usr/bin/python3")]
        public void Xlsx_OpensInOpenpyxl_WithASummaryWhoseQuartilesPythonAgreesWith_AndASheetPerProtocol()
        {
            var (database, reports, scratch) = History("dosehist-xlsx");
            string workbook = Path.Combine(scratch, "export.xlsx");
            IReadOnlyList<DoseStationSummary> stations;
            IReadOnlyList<DoseProtocolSummary> protocols;
            using (DoseHistoryStore store = DoseHistoryStore.Open(database, create: false))
            using (FileStream output = File.Create(workbook))
                (stations, protocols) = DoseHistoryExport.WriteXlsx(store, new DoseHistoryFilter(), output);

            var run = DeidTestSupport.Run(DeidTestSupport.Python, Path.Combine(DeidTestSupport.RepositoryRoot, "tests", "HamletPS.Core.Tests", "Dose", "Oracles", "read_dose_xlsx.py"), workbook);
            if (run.StdErr.Contains("No module named 'openpyxl'")) Assert.Fail("python3-openpyxl is not installed (tests/run.sh installs it)");
            Assert.True(run.ExitCode == 0, run.StdErr);
            JsonElement json = JsonDocument.Parse(run.StdOut).RootElement;

            string[] sheets = json.GetProperty("sheets").EnumerateArray().Select(s => s.GetString()).ToArray();
            Assert.Equal("Summary", sheets[0]);
            Assert.Equal("All studies", sheets[1]);
            var expectedProtocols = reports.SelectMany(r => r.CtEvents.Select(e => e.AcquisitionProtocol).Concat(r.ProjectionEvents.Select(e => e.AcquisitionProtocol)))
                .Select(p => string.IsNullOrEmpty(p) ? DoseHistoryExport.NoProtocol : p).Distinct(StringComparer.OrdinalIgnoreCase).Count();
            Assert.Equal(expectedProtocols, sheets.Length - 2);
            Assert.Equal(reports.Count + 1, json.GetProperty("rows").GetProperty("All studies").GetArrayLength());

            // The Summary sheet as openpyxl reads it, against the statistics Python computes from the detail sheets.
            JsonElement[] summary = json.GetProperty("rows").GetProperty("Summary").EnumerateArray().ToArray();
            int stationHeader = Array.FindIndex(summary, r => Cell(r, 0) == "StationName");
            JsonElement pythonStations = json.GetProperty("stations");
            Assert.Equal(3 + 1, pythonStations.EnumerateObject().Count()); // CT-SIM-1, CT-ROOM-B, RF-ROOM-2, MAMMO-3
            int checkedStats = 0;
            for (int i = stationHeader + 1; i < summary.Length && Cell(summary[i], 0) != null; i++)
            {
                JsonElement py = pythonStations.GetProperty(Cell(summary[i], 0) + "|" + Cell(summary[i], 1));
                Assert.Equal(py.GetProperty("studies").GetInt32(), (int)Number(summary[i], 2));
                checkedStats += Agree(py.GetProperty("dlp"), summary[i], 4) + Agree(py.GetProperty("ctdi"), summary[i], 7)
                                + Agree(py.GetProperty("dap"), summary[i], 10) + Agree(py.GetProperty("agd"), summary[i], 13);
            }
            Assert.True(checkedStats >= 4, "too few statistics compared: " + checkedStats);
            Assert.Equal(2, stations.Single(s => s.StationName == "CT-ROOM-B").Studies);

            int protocolHeader = Array.FindIndex(summary, r => Cell(r, 0) == "AcquisitionProtocol");
            JsonElement pythonProtocols = json.GetProperty("protocols");
            int protocolRows = 0;
            for (int i = protocolHeader + 1; i < summary.Length && Cell(summary[i], 0) != null; i++, protocolRows++)
            {
                JsonElement py = pythonProtocols.GetProperty(Cell(summary[i], 1));
                Assert.Equal(py.GetProperty("events").GetInt32(), (int)Number(summary[i], 2));
                Agree(py.GetProperty("ctdi"), summary[i], 4);
                Agree(py.GetProperty("dlp"), summary[i], 7);
                Agree(py.GetProperty("dap"), summary[i], 10);
                Agree(py.GetProperty("agd"), summary[i], 13);
            }
            Assert.Equal(protocols.Count, protocolRows);

            string everything = run.StdOut + Unzipped(workbook);
            foreach (string identifier in Identifiers(reports)) Assert.DoesNotContain(identifier, everything);
        }

        [PeerFact("/usr/bin/python3")]
        public void Csv_HasOneRowPerStudy_WithPatientKeysOnly_AndPythonsCsvReaderAgrees()
        {
            var (database, reports, scratch) = History("dosehist-csv");
            string csv = Path.Combine(scratch, "export.csv");
            int written;
            using (DoseHistoryStore store = DoseHistoryStore.Open(database, create: false))
            using (var writer = new StreamWriter(csv, false, new UTF8Encoding(false)))
                written = DoseHistoryExport.WriteCsv(store, new DoseHistoryFilter { Kind = "CT" }, writer);
            Assert.Equal(6, written);

            var run = DeidTestSupport.Run(DeidTestSupport.Python, "-c",
                "import csv,json,sys; rows=list(csv.DictReader(open(sys.argv[1], newline='', encoding='utf-8'))); print(json.dumps(rows))", csv);
            Assert.True(run.ExitCode == 0, run.StdErr);
            JsonElement[] rows = JsonDocument.Parse(run.StdOut).RootElement.EnumerateArray().ToArray();
            Assert.Equal(6, rows.Length);
            foreach (JsonElement row in rows)
            {
                Assert.False(row.TryGetProperty("PatientID", out _));
                Assert.False(row.TryGetProperty("SOPInstanceUID", out _));
                Assert.False(row.TryGetProperty("AccessionNumber", out _));
                string key = row.GetProperty("PatientKey").GetString();
                Assert.False(string.IsNullOrEmpty(key));
                DoseReport source = reports.Single(r => r.Kind == "CT" && r.TotalDlp.Value.ToString("R", System.Globalization.CultureInfo.InvariantCulture) == row.GetProperty("TotalDlp").GetString());
                for (int e = 0; e < source.CtEvents.Length; e++)
                {
                    Assert.Equal(source.CtEvents[e].CtdiVol?.ToString("R", System.Globalization.CultureInfo.InvariantCulture) ?? "", row.GetProperty("E" + (e + 1) + " CtdiVol").GetString());
                    Assert.Equal(source.CtEvents[e].AcquisitionProtocol ?? "", row.GetProperty("E" + (e + 1) + " AcquisitionProtocol").GetString());
                }
            }
            string text = File.ReadAllText(csv);
            foreach (string identifier in Identifiers(reports)) Assert.DoesNotContain(identifier, text);
        }

        [Fact]
        public void Quartiles_InterpolateBetweenClosestRanks_AsExcelQuartileInc()
        {
            DoseStatistics s = DoseStatistics.Of(new List<double> { 7, 1, 3, 5 });
            Assert.Equal(2.5, s.FirstQuartile, 12);
            Assert.Equal(4, s.Median, 12);
            Assert.Equal(5.5, s.ThirdQuartile, 12);
            Assert.Null(DoseStatistics.Of(new List<double>()));
            Assert.Equal(3, DoseStatistics.Of(new List<double> { 3 }).Median);
        }

        private static int Agree(JsonElement python, JsonElement row, int column)
        {
            if (python.ValueKind == JsonValueKind.Null)
            {
                Assert.Null(Cell(row, column));
                return 0;
            }
            double[] expected = python.EnumerateArray().Select(v => v.GetDouble()).ToArray();
            for (int i = 0; i < 3; i++)
                Assert.True(Math.Abs(expected[i] - Number(row, column + i)) <= 1e-9 * Math.Max(1, Math.Abs(expected[i])),
                    "column " + (column + i) + ": python " + expected[i] + ", sheet " + Number(row, column + i));
            return 1;
        }

        private static string Cell(JsonElement row, int i)
        {
            if (i >= row.GetArrayLength()) return null;
            JsonElement c = row[i];
            return c.ValueKind == JsonValueKind.Null ? null : c.ValueKind == JsonValueKind.String ? c.GetString() : c.GetRawText();
        }

        private static double Number(JsonElement row, int i) => row[i].GetDouble();

        private static string Unzipped(string path)
        {
            var sb = new StringBuilder();
            using (ZipArchive zip = ZipFile.OpenRead(path))
                foreach (ZipArchiveEntry entry in zip.Entries)
                    using (var reader = new StreamReader(entry.Open())) sb.Append(reader.ReadToEnd());
            return sb.ToString();
        }
    }
}
