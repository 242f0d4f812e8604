using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using HamletPS.Core.Dose;
using HamletPS.Core.Tests.Deidentification;
using HamletPS.TestSupport;
using Xunit;

namespace HamletPS.Core.Tests.Dose
{
    /// <summary>
    /// Mammography dose from MG image headers (units without an RDSR, as OpenREM reads them): pydicom-written Digital
    /// Mammography images that dciodvfy accepts; every value read held against dcmdump's reading of the same file; the images
    /// of a study one report; importable into the dose history, a re-import unchanged, the Study Instance UID not stored.
    /// </summary>
    public class MammographyHeaderDoseTests
    {
        private static string MakeImage(string folder, int seed, int study, int view, params string[] flags)
        {
            Directory.CreateDirectory(folder);
            string path = Path.Combine(folder, "mg-" + study + "-" + seed + ".dcm");
            var args = new List<string> { DeidTestSupport.Oracle("make_mg_image.py"), path, seed.ToString(CultureInfo.InvariantCulture),
                "--study", study.ToString(CultureInfo.InvariantCulture), "--view", view.ToString(CultureInfo.InvariantCulture) };
            args.AddRange(flags);
            var run = DeidTestSupport.Run(DeidTestSupport.Python, args.ToArray());
            Assert.True(run.ExitCode == 0, "make_mg_image.py failed: " + run.StdErr);
            return path;
        }

        /// <summary>dcmdump's value of each top-level attribute, by tag "gggg,eeee" (lower-case hex, as dcmdump prints).</summary>
        private static Dictionary<string, string> Dcmdump(string file)
        {
            var run = DeidTestSupport.Run("/usr/bin/dcmdump", "-q", file);
            Assert.True(run.ExitCode == 0, "dcmdump: " + run.StdErr);
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (string line in run.StdOut.Split('\n'))
            {
                if (!line.StartsWith("(", StringComparison.Ordinal) || line.Length < 14) continue;
                int a = line.IndexOf('['), b = line.IndexOf(']');
                if (a < 0 || b < a) continue;
                values[line.Substring(1, 9)] = line.Substring(a + 1, b - a - 1);
            }
            return values;
        }

        private static double D(Dictionary<string, string> dump, string tag) => double.Parse(dump[tag], CultureInfo.InvariantCulture);

        [Fact]
        public void MgImages_AreAcceptedByDciodvfy_AndEveryHeaderDoseValueMatchesDcmdump()
        {
            RequiredPeers.Programs(DeidTestSupport.Python, "/usr/bin/dcmdump", "/usr/bin/dciodvfy");
            string scratch = DeidTestSupport.NewScratch("dose-mg-header");
            var images = Enumerable.Range(0, 4).Select(v => MakeImage(scratch, 100 + v, 7, v)).ToList();
            foreach (string image in images)
            {
                var iod = DeidTestSupport.Run("/usr/bin/dciodvfy", image);
                string said = iod.StdOut + iod.StdErr;
                Assert.Contains("MammographyImageForPresentation", said);
                Assert.DoesNotContain("Error", said);
                Assert.DoesNotContain("Warning", said);
            }

            List<DoseReport> reports = DoseReportFiles.Read(images, f => Assert.Fail(f.Message)).ToList();
            DoseReport study = Assert.Single(reports);
            Assert.True(study.FromImageHeaders);
            Assert.Equal(DoseReportKind.Mammography, study.Kind);
            Assert.Equal(4, study.EventCount);
            Assert.Equal(4, study.TotalEvents);
            Assert.Empty(study.Warnings);

            double agd = 0;
            foreach (string image in images)
            {
                var dump = Dcmdump(image);
                ProjectionIrradiationEvent e = study.ProjectionEvents.Single(x => x.IrradiationEventUID == dump["0008,0018"]);
                Near(D(dump, "0040,0316") * 100, e.AverageGlandularDose);          // Organ Dose, dGy -> mGy
                Near(D(dump, "0040,8302"), e.EntranceExposureAtRp);                // Entrance Dose in mGy
                Near(D(dump, "0018,11a0"), e.CompressionThickness);                // Body Part Thickness, mm
                Near(D(dump, "0018,11a2"), e.CompressionForce);
                Near(D(dump, "0018,0060"), e.Kvp);
                Near(D(dump, "0018,1151"), e.TubeCurrent);
                Near(D(dump, "0018,1150") / 1000, e.ExposureTime);                 // ms -> s
                Near(D(dump, "0018,1152"), e.Exposure);                            // mAs
                Assert.Equal(dump["0018,1191"], e.AnodeTargetMaterial);
                Assert.Equal(dump["0018,7050"], e.FilterMaterial);
                Assert.Equal(dump["0020,0062"], e.Laterality);
                Assert.Equal(dump["0018,1030"], e.AcquisitionProtocol);
                agd += D(dump, "0040,0316") * 100;
                Assert.Equal(dump["0008,1010"], study.StationName);
                Assert.Equal(dump["0020,000d"], study.StudyInstanceUID);
                Assert.Equal(dump["0010,1010"], study.PatientAge);
            }
            Near(agd, study.AccumulatedAverageGlandularDose);
            Assert.Equal(MammographyStudyMerger.StudyKey(study.StudyInstanceUID), study.SOPInstanceUID);
            Assert.StartsWith("2.25.", study.SOPInstanceUID);
            Assert.True(study.SOPInstanceUID.Length <= 64);
        }

        [Fact]
        public void MgImagesOfTwoStudies_AmongRdsrs_AreOneReportPerStudy_AndAnImageWithoutDoseIsNotADoseReport()
        {
            RequiredPeers.Programs(DeidTestSupport.Python);
            string scratch = DeidTestSupport.NewScratch("dose-mg-studies");
            var files = new List<string>
            {
                MakeImage(scratch, 201, 8, 0), DoseTestData.Make(scratch, "ct", 5), MakeImage(scratch, 301, 9, 1),
                MakeImage(scratch, 202, 8, 1),
            };
            string copy = Path.Combine(scratch, "copy-of-201.dcm");
            File.Copy(files[0], copy);
            files.Add(copy); // the same image twice counts once
            string noDose = MakeImage(scratch, 401, 10, 0, "--no-dose");
            files.Add(noDose);
            var skipped = new List<FileFailure>();
            List<DoseReport> reports = DoseReportFiles.Read(files, f => Assert.Fail(f.Message), skipped.Add).ToList();

            Assert.Equal(new[] { DoseReportKind.CT, DoseReportKind.Mammography, DoseReportKind.Mammography }, reports.Select(r => r.Kind));
            Assert.Equal(2, reports[1].EventCount);
            Assert.Contains(reports[1].Warnings, w => w.Contains("more than once", StringComparison.Ordinal));
            Assert.Equal(1, reports[2].EventCount);
            Assert.NotEqual(reports[1].SOPInstanceUID, reports[2].SOPInstanceUID);
            FileFailure skip = Assert.Single(skipped);
            Assert.Equal(ErrorIds.NotADoseReport, skip.Reason);
            Assert.Equal(noDose, skip.Path);
        }

        [Fact]
        public void MgImageStudy_ImportsIntoTheHistory_ReimportIsUnchanged_AndTheStudyUidIsNotStored()
        {
            RequiredPeers.Programs(DeidTestSupport.Python);
            string scratch = DeidTestSupport.NewScratch("dose-mg-history");
            var images = Enumerable.Range(0, 4).Select(v => MakeImage(Path.Combine(scratch, "in"), 500 + v, 11, v)).ToList();
            string database = Path.Combine(scratch, "history.sqlite");
            var options = DoseHistorySetup.CreateImportOptions(new DoseHistoryRequest { DatabasePath = database, Key = "mg-test-secret".ToCharArray() });
            DoseReport study;
            using (var importer = new DoseHistoryImporter(options))
            {
                var first = importer.Import(DoseReportFiles.Read(images, f => Assert.Fail(f.Message))).ToList();
                Assert.Equal(DoseHistoryImportStatus.Added, Assert.Single(first).Status);
                var again = importer.Import(DoseReportFiles.Read(images.AsEnumerable().Reverse(), f => Assert.Fail(f.Message))).ToList();
                Assert.Equal(DoseHistoryImportStatus.Unchanged, Assert.Single(again).Status); // same study, same key, same values
                study = DoseReportFiles.Read(images, f => Assert.Fail(f.Message)).Single();
            }
            using (DoseHistoryStore store = DoseHistoryStore.Open(database, create: false))
            {
                DoseHistoryEntry entry = Assert.Single(store.Query(new DoseHistoryFilter { Kind = DoseReportKind.Mammography }));
                Assert.Equal(4, entry.EventCount);
                Assert.Equal("MAMMO-HDR-4", entry.StationName);
                Assert.False(string.IsNullOrEmpty(entry.PatientKey));
                Near(study.AccumulatedAverageGlandularDose.Value, entry.AccumulatedAverageGlandularDose);
                foreach (DoseHistoryEvent e in entry.Events)
                {
                    ProjectionIrradiationEvent source = study.ProjectionEvents.Single(x => x.AcquisitionProtocol == e.AcquisitionProtocol && x.AverageGlandularDose == e.AverageGlandularDose);
                    Near(source.CompressionThickness.Value, e.CompressionThickness);
                    Near(source.Kvp.Value, e.Kvp);
                }
            }
            string stored = Encoding.Latin1.GetString(File.ReadAllBytes(database)) + (File.Exists(database + "-wal") ? Encoding.Latin1.GetString(File.ReadAllBytes(database + "-wal")) : "");
            Assert.DoesNotContain(study.StudyInstanceUID, stored);
            Assert.DoesNotContain(study.PatientID, stored);
            Assert.DoesNotContain(study.AccessionNumber, stored);
        }

        private static void Near(double expected, double? actual) =>
            Assert.True(actual.HasValue && Math.Abs(expected - actual.Value) <= 1e-9 * Math.Max(1, Math.Abs(expected)), "expected " + expected + ", read " + actual);
    }
}
