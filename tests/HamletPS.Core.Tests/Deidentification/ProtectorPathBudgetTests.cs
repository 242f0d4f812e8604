using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using HamletPS.Core.Archive;
using HamletPS.Core.Deidentification;
using HamletPS.Core.Secrets;
using HamletPS.Core.Security;
using HamletPS.Core.Sorting;
using HamletPS.Dicom.Data;
using HamletPS.Dicom.Dictionary;
using HamletPS.Synthetic;
using Xunit;

namespace HamletPS.Core.Tests.Deidentification
{
    /// <summary>
    /// Windows PowerShell 5.1's 260-character limit applied to protected files (the Windows budget injected through
    /// <see cref="ProtectorOptions.MaxPathLength"/>, as SorterWindowsRulesTests does for the sorter): a 64-character Study ID
    /// and a custom UID root (64-character remapped UIDs) make the default layout longer than 259 characters on its own.
    /// </summary>
    public sealed class ProtectorPathBudgetTests
    {
        private const int WindowsMax = PathLengthBudget.WindowsMaxPath;
        private static readonly string LongStudyId = "RT-TRIAL-" + new string('7', 55);                  // 64 characters, the most a Study ID may have
        private static readonly string LongRoot = "1.2.826.0.1.3680043.9." + string.Join(".", Enumerable.Repeat("1", 10)) + ".2"; // 43 characters: 20 digits left

        private static (string Input, SyntheticPatient Patient) WriteStudy(string scratch)
        {
            var patient = new SyntheticPatientGenerator(11).Create(1);
            string input = Path.Combine(scratch, "in");
            new RtStudyBuilder(patient, new RtStudyOptions { Seed = 11, Slices = 2, ImageSize = 16 }).Write(input);
            return (input, patient);
        }

        /// <summary>A folder of exactly <paramref name="length"/> characters below the scratch folder.</summary>
        private static string FolderOfLength(string scratch, string name, int length)
        {
            string path = Path.Combine(scratch, name + new string('d', Math.Max(1, length - scratch.Length - 1 - name.Length)));
            Assert.Equal(length, path.Length);
            return path;
        }

        private static IReadOnlyList<ProtectionResult> Protect(SiteKeys keys, string destination, string input, string mapping, string uidRoot)
        {
            var options = DeidTestSupport.Options(keys, destination, null, mapping);
            if (uidRoot != null) options.Uids = new UidRemapper(keys.UidKey, uidRoot, DicomDeidentifier.IsRegistryUid);
            options.MaxPathLength = WindowsMax;
            using var protector = new DicomProtector(options);
            return protector.Protect(new[] { input });
        }

        private static string Mapping(SyntheticPatient patient, string studyId) => "MRN;Study_ID\r\n" + patient.PatientId + ";" + studyId + "\r\n";

        [Fact]
        public void LongStudyIdAndUidRoot_UnderTheWindowsBudget_AreWrittenWithShortUidsInThePath_FullUidsInTheFile_SameNamesEveryRun()
        {
            string scratch = DeidTestSupport.NewScratch("pathbudget");
            var (input, patient) = WriteStudy(scratch);
            using var keys = DeidTestSupport.Keys();
            var uids = new UidRemapper(keys.UidKey, LongRoot, DicomDeidentifier.IsRegistryUid);
            string mapping = Mapping(patient, LongStudyId);
            string first = FolderOfLength(scratch, "a", 60);

            IReadOnlyList<ProtectionResult> results = Protect(keys, first, input, mapping, LongRoot);

            Assert.NotEmpty(results);
            foreach (ProtectionResult r in results)
            {
                Assert.True(r.Status == ProtectionStatus.Protected, r.Message);
                Assert.True(File.Exists(r.DestinationPath), r.RelativePath);
                Assert.True(r.DestinationPath.Length + DicomFile.TemporaryNameOverhead <= WindowsMax, r.DestinationPath.Length + " characters");
                Assert.StartsWith(LongStudyId + "/", r.RelativePath); // the Study ID folder keeps its name

                DicomFile written = DicomFile.Open(r.DestinationPath);
                string original = DicomFile.Open(r.SourcePath).SopInstanceUid;
                string sop = written.SopInstanceUid;
                Assert.Equal(uids.Remap(original), sop);                 // the full remapped UID inside the file
                Assert.StartsWith(LongRoot + ".", sop);
                Assert.True(sop.Length > 60, sop.Length + " characters");
                Assert.StartsWith(LongRoot + ".", written.Dataset.GetUid(DicomTags.StudyInstanceUID));
                Assert.StartsWith(LongRoot + ".", written.Dataset.GetUid(DicomTags.SeriesInstanceUID));
                Assert.Equal(PathLengthBudget.ShortUid(sop) + ".dcm", Path.GetFileName(r.DestinationPath)); // the short form in the path
                Assert.DoesNotContain(sop, r.DestinationPath);

                // Unbudgeted, the same file's path would be longer than Windows allows: the case is real.
                string unbudgeted = Path.Combine(first, new OutputPathBuilder().Build(written.Dataset, LongStudyId));
                Assert.True(unbudgeted.Length > WindowsMax, unbudgeted.Length + " characters");
            }

            // The reserve is the real temporary name: SaveToTemporary next to a written file adds exactly that many characters.
            string sample = results[0].DestinationPath;
            string temporary = DicomFile.Open(sample).SaveToTemporary(sample);
            try { Assert.Equal(sample.Length + DicomFile.TemporaryNameOverhead, temporary.Length); }
            finally { File.Delete(temporary); }

            // An independent reader sees the full UIDs.
            var dump = DeidTestSupport.Run(DeidTestSupport.Python, "-c", "import pydicom,sys; print(pydicom.dcmread(sys.argv[1]).SOPInstanceUID)", sample);
            Assert.True(dump.ExitCode == 0, dump.StdErr);
            Assert.Equal(DicomFile.Open(sample).SopInstanceUid, dump.StdOut.Trim());

            // Stable: a second run below a root of the same length, and a re-run into the same root, give the same names.
            string second = FolderOfLength(scratch, "b", 60);
            IReadOnlyList<ProtectionResult> again = Protect(keys, second, input, mapping, LongRoot);
            IReadOnlyList<ProtectionResult> rerun = Protect(keys, first, input, mapping, LongRoot);
            Assert.Equal(results.Select(r => r.RelativePath), again.Select(r => r.RelativePath));
            Assert.Equal(results.Select(r => r.DestinationPath), rerun.Select(r => r.DestinationPath));
            Assert.All(again, r => Assert.Equal(ProtectionStatus.Protected, r.Status));
        }

        [Fact]
        public void ArchiveOfABudgetedTree_HasTheShortFormInEntryNames_AndTheFullUidsInItsManifest()
        {
            string scratch = DeidTestSupport.NewScratch("pathbudget-archive");
            var (input, patient) = WriteStudy(scratch);
            using var keys = DeidTestSupport.Keys();
            string tree = FolderOfLength(scratch, "t", 60);
            IReadOnlyList<ProtectionResult> results = Protect(keys, tree, input, Mapping(patient, LongStudyId), LongRoot);
            Assert.All(results, r => Assert.Equal(ProtectionStatus.Protected, r.Status));

            var builder = new HamletArchiveBuilder(new HamletArchiveOptions { OutputDirectory = Path.Combine(scratch, "outgoing"), Site = "s1", User = "qa" });
            ArchiveResult archive = builder.Build(tree, DicomArchiveEntryDescriber.Sealed(keys.SealKey)).Single();

            // manifest.csv as unzip reads it: one row per file, full UIDs from the file's header, entry name in the short form.
            var csv = DeidTestSupport.Run("unzip", // Debian unzip, installed by tests/run.sh
                "-p", archive.ArchivePath, ArchiveManifest.CsvEntryName);
            Assert.True(csv.ExitCode == 0, csv.StdErr);
            var rows = csv.StdOut.Split(new[] { "\r\n", "\n" }, StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(',')).ToList();
            Assert.Equal(results.Count, rows.Count);
            foreach (ProtectionResult r in results)
            {
                DicomFile written = DicomFile.Open(r.DestinationPath);
                string[] row = Assert.Single(rows, f => f[9] == r.RelativePath);
                Assert.Equal(written.Dataset.GetUid(DicomTags.StudyInstanceUID), row[1]);
                Assert.Equal(written.Dataset.GetUid(DicomTags.SeriesInstanceUID), row[2]);
                Assert.Equal(written.SopInstanceUid, row[3]);
                Assert.EndsWith("/" + PathLengthBudget.ShortUid(written.SopInstanceUid) + ".dcm", row[9]);
            }
        }

        [Fact]
        public void ShortPaths_UnderTheWindowsBudget_KeepTheFullUidsInTheirNames()
        {
            string scratch = DeidTestSupport.NewScratch("pathbudget-short");
            var (input, patient) = WriteStudy(scratch);
            using var keys = DeidTestSupport.Keys();
            string destination = Path.Combine(scratch, "out");

            IReadOnlyList<ProtectionResult> results = Protect(keys, destination, input, Mapping(patient, "180_1001"), null);

            Assert.NotEmpty(results);
            foreach (ProtectionResult r in results)
            {
                Assert.True(r.Status == ProtectionStatus.Protected, r.Message);
                DicomFile written = DicomFile.Open(r.DestinationPath);
                Assert.Equal(new OutputPathBuilder().Build(written.Dataset, "180_1001"), r.RelativePath);
                Assert.Equal(written.SopInstanceUid + ".dcm", Path.GetFileName(r.DestinationPath));
                Assert.Contains(written.Dataset.GetUid(DicomTags.StudyInstanceUID), r.RelativePath);
                Assert.Contains(written.Dataset.GetUid(DicomTags.SeriesInstanceUID), r.RelativePath);
            }
        }

        [Fact]
        public void DestinationTooLongEvenWithShortUids_FailsAsPathTooLong_NamingLengthsOnly_AndWritesNothing()
        {
            string scratch = DeidTestSupport.NewScratch("pathbudget-fail");
            var (input, patient) = WriteStudy(scratch);
            using var keys = DeidTestSupport.Keys();
            string destination = FolderOfLength(scratch, "c", 180);

            IReadOnlyList<ProtectionResult> results = Protect(keys, destination, input, Mapping(patient, LongStudyId), LongRoot);

            Assert.NotEmpty(results);
            foreach (ProtectionResult r in results)
            {
                Assert.Equal(ProtectionStatus.Failed, r.Status);
                Assert.Equal("PathTooLong", r.Failure.Reason);
                Assert.Contains("path too long: the protected path would have", r.Message);
                Assert.DoesNotContain(patient.PatientId, r.Message);
            }
            Assert.False(Directory.Exists(destination) && Directory.EnumerateFiles(destination, "*", SearchOption.AllDirectories).Any(), "nothing is written");
        }
    }
}
