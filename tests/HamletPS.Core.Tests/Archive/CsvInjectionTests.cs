using System.Collections.Generic;
using System.IO;
using System.Linq;
using HamletPS.Core.Archive;
using HamletPS.Core.Tests.Pipeline;
using Xunit;

namespace HamletPS.Core.Tests.Archive
{
    /// <summary>Issue 14, finding 11: no CSV cell we write can start a formula in a spreadsheet (OWASP CSV injection).</summary>
    public class CsvInjectionTests
    {
        private static readonly string[] Hostile = { "=1+2", "+SUM(A1)", "-2+3", "@cmd", "\t=1", "\r=1", "'=1", "'plain", "=HYPERLINK(\"http://x\",\"a,b\")", "plain", "" };

        [Fact]
        public void Write_PrefixesEveryFormulaStartWithAQuoteAndQuotesIt_ReadGivesBackTheValue()
        {
            foreach (string v in Hostile)
            {
                string cell = CsvCell.Write(v);
                if (CsvCell.StartsDangerously(v)) Assert.StartsWith("\"'", cell);
                Assert.Equal(v, CsvCell.Read(Unquote(cell)));
            }
            Assert.Equal("180_1001", CsvCell.Write("180_1001"));
        }

        [Fact]
        public void ManifestCsv_AsPythonsCsvModuleReadsIt_HasNoCellAFormulaCouldStartFrom_AndParsesBackUnchanged()
        {
            var manifest = new ArchiveManifest();
            int i = 0;
            foreach (string v in Hostile)
            {
                manifest.Add(new ArchiveManifestRow
                {
                    StudyId = v, StudyInstanceUid = "2.25." + i, SeriesInstanceUid = "2.25.1" + i, SopInstanceUid = "2.25.2" + i, Modality = v,
                    SopClassUid = "1.2.840.10008.5.1.4.1.1.2", SopClassName = "CT Image Storage", FileSize = 10 + i, Sha256 = new string('a', 64),
                    EntryPath = "x/" + i + ".dcm",
                });
                i++;
            }
            byte[] csv = ArchiveManifestCsv.Write(manifest);
            using var temp = new TempFolder("manifest");
            string path = temp.File("manifest.csv");
            File.WriteAllBytes(path, csv);
            try
            {
                // Python's csv module, as a spreadsheet import would split the cells: none may start a formula.
                string cells = HamletPipelineTests.Python(
                    "import csv,sys\nfor row in csv.reader(open(sys.argv[1], newline='', encoding='utf-8')):\n    for c in row: print(repr(c))\n", path);
                foreach (string line in cells.Split('\n').Where(l => l.Length > 0))
                {
                    string text = line.Substring(1, line.Length - 2); // repr: '...' or "..."
                    Assert.False(text.Length > 0 && "=+-@".Contains(text[0]) || text.StartsWith("\\t") || text.StartsWith("\\r"), "a cell starts a formula: " + line);
                }
            }
            finally { File.Delete(path); }

            List<ArchiveManifestRow> back = ArchiveManifestCsv.Parse(csv);
            Assert.Equal(manifest.Rows.Select(r => r.StudyId), back.Select(r => r.StudyId ?? ""));
            Assert.Equal(manifest.Rows.Select(r => r.Modality), back.Select(r => r.Modality ?? ""));
        }

        private static string Unquote(string cell) =>
            cell.Length >= 2 && cell[0] == '"' ? cell.Substring(1, cell.Length - 2).Replace("\"\"", "\"") : cell;
    }
}
