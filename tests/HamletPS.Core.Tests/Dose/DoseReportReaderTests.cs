using System;
using System.IO;
using System.Linq;
using HamletPS.Core.Dose;
using HamletPS.Core.Tests.Deidentification;
using HamletPS.Synthetic;
using Xunit;

namespace HamletPS.Core.Tests.Dose
{
    /// <summary>
    /// Dose reports written by pydicom to PS3.16 TID 10011 / 10001 are read by us and by dcmtk's dsrdump; every value we
    /// extract must be the one dsrdump prints at the same concept path (converted to our units where the report's differ).
    /// </summary>
    public class DoseReportReaderTests
    {
        private const string Ct = "113819,DCM";
        private const string Params = "113822,DCM";
        private const string Source = "113831,DCM";
        private const string CtDose = "113829,DCM";
        private const string Event = "113706,DCM";
        private const string Accumulated = "113702,DCM";

        private static void Near(double? expected, double? actual)
        {
            Assert.Equal(expected.HasValue, actual.HasValue);
            if (expected == null) return;
            Assert.True(Math.Abs(expected.Value - actual.Value) <= 1e-9 * Math.Max(1, Math.Abs(expected.Value)), expected + " expected, " + actual + " read");
        }

        [Theory]
        [InlineData(1)]
        [InlineData(2)]
        [InlineData(3)]
        public void CtReport_EveryValueMatchesDsrdump(int seed)
        {
            string file = DoseTestData.Make(DeidTestSupport.NewScratch("dose-ct"), "ct", seed);
            DoseReport ours = DoseReportReader.Read(file);
            DsrdumpTree peer = DsrdumpTree.Read(file);

            Assert.Equal(DoseReportKind.CT, ours.Kind);
            Assert.Equal("10011", ours.Template);
            Assert.Empty(ours.Warnings);
            Near(peer.Number(1, "113811,DCM", "113813,DCM"), ours.TotalDlp);
            Assert.Equal((int)peer.Number(1, "113811,DCM", "113812,DCM"), ours.TotalEvents);
            Assert.Equal(peer.Text("121012,DCM"), ours.DeviceObserverUID);
            var events = peer.All(Ct).ToList();
            Assert.Equal(events.Count, ours.CtEvents.Length);
            Assert.Equal(3, events.Count);
            for (int i = 0; i < events.Count; i++)
            {
                DsrdumpTree p = events[i];
                CtIrradiationEvent e = ours.CtEvents[i];
                Assert.Equal(p.Text("125203,DCM"), e.AcquisitionProtocol);
                Assert.Equal(p.Text("123014,DCM"), e.TargetRegion);
                Assert.Equal(p.Text("113820,DCM"), e.AcquisitionType);
                Assert.Equal(p.Text("113769,DCM"), e.IrradiationEventUID);
                Assert.Equal(p.Text("111526,DCM"), e.StartedAt?.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture));
                Near(p.Number(1, CtDose, "113830,DCM"), e.CtdiVol);
                Near(p.Number(1, CtDose, "113838,DCM"), e.Dlp);
                Assert.Equal(p.Text(CtDose, "113835,DCM"), e.PhantomType);
                Near(p.Number(1, Params, "113825,DCM"), e.ScanningLength);
                Near(p.Number(1, Params, "113824,DCM"), e.ExposureTime);
                Near(p.Number(1, Params, "113828,DCM"), e.PitchFactor);
                Near(p.Number(1, Params, Source, "113733,DCM"), e.Kvp);
                Near(p.Number(1, Params, Source, "113734,DCM"), e.TubeCurrent);
                Near(p.Number(1, Params, Source, "113833,DCM"), e.MaximumTubeCurrent);
                Assert.Equal(p.At(CtDose, "113908,DCM") != null, e.DoseCheckNotification);
                Near(p.Number(1, CtDose, "113908,DCM", "113911,DCM"), e.DlpNotificationValue);
                Near(p.Number(1, CtDose, "113908,DCM", "113913,DCM"), e.DlpForwardEstimate);
                Assert.False(e.DoseCheckAlert);
            }
            // the scout has no CT Dose container; the last acquisition carries the dose check notification
            Assert.Null(ours.CtEvents[0].CtdiVol);
            Assert.True(ours.CtEvents[2].DoseCheckNotification);
        }

        [Fact]
        public void CtReport_HeaderFieldsMatchDcmdump()
        {
            string file = DoseTestData.Make(DeidTestSupport.NewScratch("dose-ct-header"), "ct", 7);
            DoseReport ours = DoseReportReader.Read(file);
            var run = DeidTestSupport.Run("/usr/bin/dcmdump", "-q", "+P", "StationName", "+P", "Manufacturer", "+P", "DeviceSerialNumber", "+P", "PatientAge",
                "+P", "PatientSex", "+P", "PatientSize", "+P", "PatientWeight", "+P", "SOPInstanceUID", "+P", "StudyInstanceUID", "+P", "StudyDate", file);
            Assert.Equal(0, run.ExitCode);
            string Value(string keyword) => run.StdOut.Split('\n').Where(l => l.Contains("# ") && l.TrimEnd().EndsWith(keyword, StringComparison.Ordinal))
                .Select(l => { int a = l.IndexOf('['); int b = l.IndexOf(']'); return l.Substring(a + 1, b - a - 1); }).First();
            Assert.Equal(Value("StationName"), ours.StationName);
            Assert.Equal(Value("Manufacturer"), ours.Manufacturer);
            Assert.Equal(Value("DeviceSerialNumber"), ours.DeviceSerialNumber);
            Assert.Equal(Value("PatientAge"), ours.PatientAge);
            Assert.Equal(Value("PatientSex"), ours.PatientSex);
            Near(double.Parse(Value("PatientSize"), System.Globalization.CultureInfo.InvariantCulture), ours.PatientSize);
            Near(double.Parse(Value("PatientWeight"), System.Globalization.CultureInfo.InvariantCulture), ours.PatientWeight);
            Assert.Equal(Value("SOPInstanceUID"), ours.SOPInstanceUID);
            Assert.Equal(Value("StudyInstanceUID"), ours.StudyInstanceUID);
            Assert.Equal(Value("StudyDate"), ours.StudyDate?.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture));
        }

        [Theory]
        [InlineData(1)]
        [InlineData(2)]
        public void FluoroscopyReport_EveryValueMatchesDsrdump(int seed)
        {
            string file = DoseTestData.Make(DeidTestSupport.NewScratch("dose-rf"), "rf", seed);
            DoseReport ours = DoseReportReader.Read(file);
            DsrdumpTree peer = DsrdumpTree.Read(file);

            Assert.Equal(DoseReportKind.ProjectionXRay, ours.Kind);
            Assert.Equal("10001", ours.Template);
            Assert.Empty(ours.Warnings);
            Near(peer.Number(1, Accumulated, "113722,DCM"), ours.TotalDap);
            Near(peer.Number(1, Accumulated, "113725,DCM"), ours.TotalDoseRp);
            Near(peer.Number(1, Accumulated, "113726,DCM"), ours.FluoroDap);
            Near(peer.Number(1, Accumulated, "113728,DCM"), ours.FluoroDoseRp);
            Near(peer.Number(1, Accumulated, "113730,DCM"), ours.FluoroTime);
            Near(peer.Number(1, Accumulated, "113727,DCM"), ours.AcquisitionDap);
            Near(peer.Number(1, Accumulated, "113729,DCM"), ours.AcquisitionDoseRp);
            Near(peer.Number(1, Accumulated, "113855,DCM"), ours.AcquisitionTime);
            Assert.Equal((int?)peer.Number(1, Accumulated, "113731,DCM"), ours.RadiographicFrames);
            var events = peer.All(Event).ToList();
            Assert.Equal(4, events.Count);
            Assert.Equal(events.Count, ours.ProjectionEvents.Length);
            for (int i = 0; i < events.Count; i++)
            {
                DsrdumpTree p = events[i];
                ProjectionIrradiationEvent e = ours.ProjectionEvents[i];
                Assert.Equal(p.Text("113769,DCM"), e.IrradiationEventUID);
                Assert.Equal(p.Text("113721,DCM"), e.EventType);
                Assert.Equal(p.Text("113764,DCM"), e.AcquisitionPlane);
                Assert.Equal(p.Text("125203,DCM"), e.AcquisitionProtocol);
                Assert.Equal(p.Text("123014,DCM"), e.TargetRegion);
                Near(p.Number(1, "122130,DCM"), e.Dap);
                Near(p.Number(1, "113738,DCM"), e.DoseRp);
                Near(p.Number(1, "113733,DCM"), e.Kvp);
                Near(p.Number(1, "113734,DCM"), e.TubeCurrent);
                Near(p.Number(1, "113742,DCM"), e.IrradiationDuration);
            }
            Assert.Equal("Fluoroscopy", ours.ProjectionEvents[0].EventType);
        }

        [Fact]
        public void MammographyReport_EveryValueMatchesDsrdump()
        {
            string file = DoseTestData.Make(DeidTestSupport.NewScratch("dose-mg"), "mg", 4);
            DoseReport ours = DoseReportReader.Read(file);
            DsrdumpTree peer = DsrdumpTree.Read(file);

            Assert.Equal(DoseReportKind.Mammography, ours.Kind);
            Assert.Empty(ours.Warnings);
            Near(peer.Number(1, Accumulated, "111637,DCM"), ours.AccumulatedAverageGlandularDose);
            var events = peer.All(Event).ToList();
            Assert.Equal(events.Count, ours.ProjectionEvents.Length);
            for (int i = 0; i < events.Count; i++)
            {
                Near(events[i].Number(1, "111631,DCM"), ours.ProjectionEvents[i].AverageGlandularDose);
                Near(events[i].Number(1, "111636,DCM"), ours.ProjectionEvents[i].EntranceExposureAtRp);
                Near(events[i].Number(1, "111633,DCM"), ours.ProjectionEvents[i].CompressionThickness);
                Assert.Equal("Breast", ours.ProjectionEvents[i].TargetRegion);
            }
        }

        [Fact]
        public void VendorQuirks_AreReadByConceptNotPosition_AndPrivateItemsIgnored()
        {
            string file = DoseTestData.Make(DeidTestSupport.NewScratch("dose-quirk"), "ct", 5, "--vendor-quirk");
            DoseReport ours = DoseReportReader.Read(file);
            DsrdumpTree peer = DsrdumpTree.Read(file);

            // the accumulated data comes after the acquisitions, a private container holds a Mean CTDIvol of its own
            Assert.Equal(Ct, peer.Children.First(c => c.Type == "CONTAINER").Concept);
            Near(peer.Number(1, "113811,DCM", "113813,DCM"), ours.TotalDlp);
            Assert.Equal(3, ours.CtEvents.Length);
            Assert.DoesNotContain(ours.CtEvents, e => e.CtdiVol == 999);
            var events = peer.All(Ct).ToList();
            for (int i = 0; i < events.Count; i++) Near(events[i].Number(1, CtDose, "113830,DCM"), ours.CtEvents[i].CtdiVol);
            Assert.Empty(ours.Warnings);
        }

        [Fact]
        public void UnitsOtherThanOurs_AreConverted_AndUnknownUnitsGiveAWarningNotAValue()
        {
            string file = DoseTestData.Make(DeidTestSupport.NewScratch("dose-units"), "rf", 6, "--units-quirk");
            DoseReport ours = DoseReportReader.Read(file);
            DsrdumpTree peer = DsrdumpTree.Read(file);

            var events = peer.All(Event).ToList();
            for (int i = 0; i < events.Count; i++)
            {
                Assert.Equal("dGy.cm2", events[i].Unit("122130,DCM"));
                Near(events[i].Number(1e-5, "122130,DCM"), ours.ProjectionEvents[i].Dap);
            }
            Assert.Null(ours.FluoroTime);
            Assert.Contains(ours.Warnings, w => w.Contains("Total Fluoro Time (113730, DCM)") && w.Contains("furlong"));
        }

        [Fact]
        public void GeneratedReports_AreAcceptedByDciodvfy()
        {
            Assert.True(File.Exists("/usr/bin/dciodvfy"), "dciodvfy is missing (Debian package dicom3tools; tests/run.sh installs it)");
            string scratch = DeidTestSupport.NewScratch("dose-iod");
            var files = new[]
            {
                DoseTestData.Make(scratch, "ct", 1), DoseTestData.Make(scratch, "rf", 1), DoseTestData.Make(scratch, "mg", 1),
                DoseTestData.Make(scratch, "ct", 2, "--vendor-quirk"), DoseTestData.Make(scratch, "rf", 2, "--units-quirk"),
            };
            foreach (string f in files)
            {
                var run = DeidTestSupport.Run("/usr/bin/dciodvfy", f);
                string output = run.StdOut + run.StdErr;
                Assert.Contains("XRayRadiationDoseSR", output);
                Assert.DoesNotContain("Error", output);
            }
        }

        [Fact]
        public void ImageFile_IsNotADoseReport_AndClassifiedAsSuch()
        {
            string scratch = DeidTestSupport.NewScratch("dose-notsr");
            var patient = new SyntheticPatientGenerator(3).Create(1);
            var study = new RtStudyBuilder(patient, new RtStudyOptions { Seed = 3, Slices = 1, ImageSize = 8 }).Write(scratch);
            string image = study.Files.First().Path;
            var ex = Assert.Throws<NotADoseReportException>(() => DoseReportReader.Read(image));
            Assert.DoesNotContain(patient.PatientId, ex.Message);
            Assert.Equal("NotADoseReport", FileFailure.Classify(image, ex).Reason);
        }
    }
}
