using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using HamletPS.Cli.Verbs;
using HamletPS.Core.Inspection;
using HamletPS.Dicom.Data;
using HamletPS.Dicom.Dictionary;
using HamletPS.Dicom.IO;
using Xunit;

namespace HamletPS.Cli.Tests
{
    public sealed class InspectVerbTests : ScratchFolderTest
    {
        public InspectVerbTests() : base("hamlet-inspect-") { }

        private string WriteFile(string name, string patientId, string modality)
        {
            Directory.CreateDirectory(Root);
            var ds = new DicomDataset();
            ds.AddOrUpdate(DicomTags.SOPClassUID, "1.2.840.10008.5.1.4.1.1.2");
            ds.AddOrUpdate(DicomTags.SOPInstanceUID, "2.25.99" + name.Length + patientId.Length);
            ds.AddOrUpdate(DicomTags.Modality, modality);
            ds.AddOrUpdate(DicomTags.PatientID, patientId);
            ds.AddOrUpdate(DicomTags.StudyDate, "20230405");
            string path = Path.Combine(Root, name);
            new DicomFile(ds, DicomTransferSyntax.ImplicitVRLittleEndian).Save(path);
            return path;
        }

        [Fact]
        public void InspectJson_PrintsOneObjectPerFilePerLine_WithTheCmdletsProperties()
        {
            WriteFile("a.dcm", "SYN100", "CT");
            WriteFile("b.dcm", "SYN101", "RTDOSE");
            var stdout = new StringWriter();
            var stderr = new StringWriter();

            int exit = InspectVerb.Run(new[] { Root }, false, null, false, true, new CliOutput(stdout, stderr));

            Assert.Equal(0, exit);
            string[] lines = stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(2, lines.Length);
            var expectedNames = typeof(DicomFileSummary).GetProperties().Select(p => p.Name).OrderBy(n => n).ToArray();
            foreach (string line in lines)
            {
                using JsonDocument doc = JsonDocument.Parse(line);
                Assert.Equal(expectedNames, doc.RootElement.EnumerateObject().Select(p => p.Name).OrderBy(n => n).ToArray());
            }
            Assert.Contains(lines, l => l.Contains("\"Modality\":\"RTDOSE\""));
            Assert.Contains("Implicit VR Little Endian", lines[0]);
        }

        [Fact]
        public void Inspect_BrokenFile_GoesToStandardErrorWithOffsetAndTheRunGoesOn()
        {
            string good = WriteFile("1.dcm", "SYN102", "CT");
            File.WriteAllBytes(Path.Combine(Root, "2.dcm"), File.ReadAllBytes(good).Take(40).ToArray());
            WriteFile("3.dcm", "SYN103", "CT");
            var stdout = new StringWriter();
            var stderr = new StringWriter();

            int exit = InspectVerb.Run(new[] { Root }, false, null, false, true, new CliOutput(stdout, stderr));

            Assert.Equal(1, exit);
            Assert.Equal(2, stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
            string error = stderr.ToString();
            Assert.Contains("InvalidDicomFile", error);
            Assert.Contains("2.dcm", error);
            Assert.Contains("byte offset", error);
            Assert.DoesNotContain("SYN102", error);
        }

        [Fact]
        public void InspectElements_ListsNestedElementsWithDepth()
        {
            string path = WriteFile("n.dcm", "SYN104", "CT");
            var file = DicomFile.Open(path);
            var item = new DicomDataset().AddOrUpdate(DicomTags.PatientID, "SYN104-OTHER");
            file.Dataset.AddOrUpdateSequence(DicomTags.OtherPatientIDsSequence, item);
            file.Save(path);
            var stdout = new StringWriter();

            InspectVerb.Run(new[] { path }, false, null, true, true, new CliOutput(stdout, new StringWriter()));

            var rows = stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
            var nested = rows.Single(r => r.GetProperty("Depth").GetInt32() == 1);
            Assert.Equal("(0010,1002)[0].(0010,0020)", nested.GetProperty("Location").GetString());
            Assert.Equal("SYN104-OTHER", nested.GetProperty("Value").GetString());
        }

        [Fact]
        public void Inspect_ReadsFilesInParallel_AndPrintsInInputOrder_WithFailuresInPlace()
        {
            for (int i = 0; i < 300; i++)
            {
                string name = "f" + i.ToString("000") + ".dcm";
                if (i % 37 == 5) File.WriteAllBytes(Path.Combine(Root, name), new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9 });
                else WriteFile(name, "SYN2" + i.ToString("000"), i % 2 == 0 ? "CT" : "MR");
            }
            // one writer for both streams: the order of results and error lines is visible
            var serial = new StringWriter();
            int serialExit = InspectVerb.Run(new[] { Root }, false, null, false, true, new CliOutput(serial, serial), 1);
            var parallel = new StringWriter();
            int parallelExit = InspectVerb.Run(new[] { Root }, false, null, false, true, new CliOutput(parallel, parallel), 4);

            Assert.Equal(1, serialExit);
            Assert.Equal(1, parallelExit);
            string[] lines = parallel.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(300, lines.Length);
            Assert.Equal(serial.ToString(), parallel.ToString());
            for (int i = 0; i < 300; i++)
            {
                string name = "f" + i.ToString("000") + ".dcm";
                Assert.Contains(name, lines[i]);
                Assert.Equal(i % 37 == 5, lines[i].StartsWith("error: InvalidDicomFile", StringComparison.Ordinal));
            }
        }

        [Fact]
        public void Inspect_MissingPathAfterGoodOnes_PrintsTheirResultsFirstThenPathNotFound()
        {
            string good = WriteFile("g.dcm", "SYN105", "CT");
            var both = new StringWriter();

            int exit = InspectVerb.Run(new[] { good, Path.Combine(Root, "missing"), good }, false, null, false, false, new CliOutput(both, both), 4);

            Assert.Equal(1, exit);
            string[] lines = both.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(2, lines.Length);
            Assert.StartsWith("CT  CT Image Storage  2023-04-05", lines[0]);
            Assert.StartsWith("error: PathNotFound", lines[1]);
        }
    }
}
