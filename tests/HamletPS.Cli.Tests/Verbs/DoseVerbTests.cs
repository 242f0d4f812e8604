using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using HamletPS.Cli.Verbs;
using HamletPS.Dicom.Data;
using HamletPS.Dicom.Dictionary;
using HamletPS.Dicom.IO;
using Xunit;

namespace HamletPS.Cli.Tests
{
    public sealed class DoseVerbTests : ScratchFolderTest
    {
        public DoseVerbTests() : base("hamlet-dose-") { }

        private void WriteImage(string name)
        {
            var ds = new DicomDataset();
            ds.AddOrUpdate(DicomTags.SOPClassUID, "1.2.840.10008.5.1.4.1.1.2");
            ds.AddOrUpdate(DicomTags.SOPInstanceUID, "2.25.4242");
            ds.AddOrUpdate(DicomTags.Modality, "CT");
            new DicomFile(ds, DicomTransferSyntax.ExplicitVRLittleEndian).Save(Path.Combine(Root, name));
        }

        [Fact]
        public void DoseJson_PrintsOneObjectPerReportWithItsEvents_AndSkipsImages()
        {
            DoseReportFiles.Make(Path.Combine(Root, "1-ct.dcm"), "ct", 1);
            DoseReportFiles.Make(Path.Combine(Root, "2-rf.dcm"), "rf", 1);
            DoseReportFiles.Make(Path.Combine(Root, "3-mg.dcm"), "mg", 1);
            WriteImage("4-image.dcm");
            var stdout = new StringWriter();
            var stderr = new StringWriter();

            int exit = DoseVerb.Run(new[] { Root }, false, null, true, new CliOutput(stdout, stderr), 1);

            Assert.Equal(0, exit);
            Assert.Equal(string.Empty, stderr.ToString());
            string[] lines = stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(3, lines.Length);
            using JsonDocument ct = JsonDocument.Parse(lines[0]);
            Assert.Equal("CT", ct.RootElement.GetProperty("Kind").GetString());
            Assert.Equal(3, ct.RootElement.GetProperty("CtEvents").GetArrayLength());
            Assert.True(ct.RootElement.GetProperty("TotalDlp").GetDouble() > 0);
            Assert.Equal("CT-SIM-1", ct.RootElement.GetProperty("StationName").GetString());
            using JsonDocument rf = JsonDocument.Parse(lines[1]);
            Assert.Equal("ProjectionXRay", rf.RootElement.GetProperty("Kind").GetString());
            Assert.Equal(4, rf.RootElement.GetProperty("ProjectionEvents").GetArrayLength());
            Assert.Equal(42.5, rf.RootElement.GetProperty("FluoroTime").GetDouble());
            using JsonDocument mg = JsonDocument.Parse(lines[2]);
            Assert.Equal("Mammography", mg.RootElement.GetProperty("Kind").GetString());
        }

        [Fact]
        public void Dose_UnknownUnitsWarnOnStandardError_AndTheReportIsStillPrinted()
        {
            DoseReportFiles.Make(Path.Combine(Root, "rf.dcm"), "rf", 2, "--units-quirk");
            var stdout = new StringWriter();
            var stderr = new StringWriter();

            int exit = DoseVerb.Run(new[] { Root }, false, null, false, new CliOutput(stdout, stderr));

            Assert.Equal(0, exit);
            Assert.Contains("warning: ", stderr.ToString());
            Assert.Contains("furlong", stderr.ToString());
            Assert.StartsWith("ProjectionXRay  ", stdout.ToString());
            Assert.Contains("RF-ROOM-2  4 events", stdout.ToString());
        }

        [Fact]
        public void Dose_BrokenFileFailsWithExitCodeOne_AndTheOthersAreRead()
        {
            string good = DoseReportFiles.Make(Path.Combine(Root, "1.dcm"), "ct", 3);
            File.WriteAllBytes(Path.Combine(Root, "2.dcm"), File.ReadAllBytes(good).Take(300).ToArray());
            var stdout = new StringWriter();
            var stderr = new StringWriter();

            int exit = DoseVerb.Run(new[] { Root }, false, null, false, new CliOutput(stdout, stderr));

            Assert.Equal(1, exit);
            Assert.Contains("error: InvalidDicomFile: ", stderr.ToString());
            Assert.Contains("2.dcm", stderr.ToString());
            Assert.Single(stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        }
    }
}
