using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using HamletPS.Core.Dose;
using HamletPS.Core.Tests.Deidentification;
using Xunit;

namespace HamletPS.Core.Tests.Dose
{
    /// <summary>The CSV export read back by Python's csv module (an independent reader).</summary>
    public class DoseReportCsvTests
    {
        private const string ReadCsv = "import csv,json,sys\nwith open(sys.argv[1], newline='', encoding='utf-8') as f: print(json.dumps(list(csv.reader(f))))";

        private static string[][] PythonRows(string path)
        {
            var run = DeidTestSupport.Run(DeidTestSupport.Python, "-c", ReadCsv, path);
            Assert.True(run.ExitCode == 0, run.StdErr);
            return JsonSerializer.Deserialize<string[][]>(run.StdOut);
        }

        [Fact]
        public void CtExport_OneRowPerStudyWithEventColumns_ReadBackByPythonCsv_WithFormulasNeutralised()
        {
            string scratch = DeidTestSupport.NewScratch("dose-csv");
            DoseReport a = DoseReportReader.Read(DoseTestData.Make(scratch, "ct", 1));
            DoseReport b = DoseReportReader.Read(DoseTestData.Make(scratch, "ct", 2));
            DoseReport rf = DoseReportReader.Read(DoseTestData.Make(scratch, "rf", 1));
            b.CtEvents[1].AcquisitionProtocol = "=HYPERLINK(\"http://x\",\"y\")";
            b.StationName = "@SUM(1,2)";
            string csv = Path.Combine(scratch, "ct.csv");
            System.Collections.Generic.IReadOnlyList<string> warnings;
            using (var w = new StreamWriter(csv)) warnings = DoseReportCsv.Write(w, new[] { a, rf, b }, DoseReportKind.CT, 2);

            string[][] rows = PythonRows(csv);
            Assert.Equal(3, rows.Length);
            Assert.All(rows, r => Assert.Equal(rows[0].Length, r.Length));
            int Col(string name) => System.Array.IndexOf(rows[0], name);
            Assert.Equal(a.SOPInstanceUID, rows[1][Col("SOPInstanceUID")]);
            Assert.Equal(a.TotalDlp.Value, double.Parse(rows[1][Col("TotalDlp")], CultureInfo.InvariantCulture));
            Assert.Equal(a.CtEvents[1].CtdiVol.Value, double.Parse(rows[1][Col("E2 CtdiVol")], CultureInfo.InvariantCulture));
            Assert.Equal(a.CtEvents[0].AcquisitionProtocol, rows[1][Col("E1 AcquisitionProtocol")]);
            Assert.Equal("'=HYPERLINK(\"http://x\",\"y\")", rows[2][Col("E2 AcquisitionProtocol")]);
            Assert.Equal("'@SUM(1,2)", rows[2][Col("StationName")]);
            Assert.Equal(b.StationName, CsvCell.Read(rows[2][Col("StationName")]));
            Assert.Equal(-1, Col("E3 CtdiVol"));
            Assert.Contains(warnings, x => x.Contains("ProjectionXRay report"));
            Assert.Equal(2, warnings.Count(x => x.Contains("3 events, only the first 2 exported")));
        }

        [Fact]
        public void ProjectionExport_TakesFluoroscopyAndMammography()
        {
            string scratch = DeidTestSupport.NewScratch("dose-csv-rf");
            DoseReport rf = DoseReportReader.Read(DoseTestData.Make(scratch, "rf", 1));
            DoseReport mg = DoseReportReader.Read(DoseTestData.Make(scratch, "mg", 1));
            string csv = Path.Combine(scratch, "rf.csv");
            using (var w = new StreamWriter(csv)) Assert.Empty(DoseReportCsv.Write(w, new[] { rf, mg }, DoseReportKind.ProjectionXRay, 4));

            string[][] rows = PythonRows(csv);
            int Col(string name) => System.Array.IndexOf(rows[0], name);
            Assert.Equal(rf.FluoroTime.Value, double.Parse(rows[1][Col("FluoroTime")], CultureInfo.InvariantCulture));
            Assert.Equal(rf.ProjectionEvents[3].Dap.Value, double.Parse(rows[1][Col("E4 Dap")], CultureInfo.InvariantCulture));
            Assert.Equal("Mammography", rows[2][Col("Kind")]);
            Assert.Equal(mg.ProjectionEvents[0].AverageGlandularDose.Value, double.Parse(rows[2][Col("E1 AverageGlandularDose")], CultureInfo.InvariantCulture));
        }
    }
}
