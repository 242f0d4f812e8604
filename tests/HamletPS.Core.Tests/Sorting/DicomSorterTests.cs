using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using HamletPS.Core.Sorting;
using HamletPS.Synthetic;
using Xunit;

namespace HamletPS.Core.Tests.Sorting
{
    public sealed class DicomSorterTests : IDisposable
    {
        private readonly TempFolder _temp = new TempFolder();
        private string Incoming => _temp.File("incoming");
        private string Sorted => _temp.File("sorted");
        private string Quarantine => _temp.File("quarantine");

        public void Dispose() => _temp.Dispose();

        private DicomSorter Sorter(Action<DicomSortOptions> configure = null)
        {
            var options = new DicomSortOptions { Destination = Sorted, QuarantineFolder = Quarantine, SettleTime = TimeSpan.Zero };
            configure?.Invoke(options);
            return new DicomSorter(options);
        }

        private List<SortedDicomFile> SortIncoming(DicomSorter sorter = null) => (sorter ?? Sorter()).Sort(new[] { Incoming }).ToList();

        [Fact]
        public void Sort_DefaultTemplate_MovesEachFileToPatientStudySeriesSopPath()
        {
            RtStudy study = SortTestData.WriteStudy(Path.Combine(Incoming, "export"), patientIndex: 1, slices: 3);
            var patient = new SyntheticPatientGenerator(7).Create(1);

            var results = SortIncoming();

            Assert.Equal(study.Files.Count, results.Count);
            Assert.All(results, r => Assert.Equal(SortStatus.Sorted, r.Status));
            foreach (RtStudyFile file in study.Files)
            {
                SortedDicomFile r = results.Single(x => x.SOPInstanceUID == file.SopInstanceUid);
                string seriesFolder = Path.GetFileName(Path.GetDirectoryName(r.Path));
                Assert.Equal(Path.Combine(Sorted, patient.PatientId, study.StudyInstanceUid), Path.GetDirectoryName(Path.GetDirectoryName(r.Path)));
                Assert.Matches("^" + r.Modality + "_[0-9]+_" + file.SeriesInstanceUid.Replace(".", "\\.") + "$", seriesFolder);
                Assert.Equal(file.SopInstanceUid + ".dcm", Path.GetFileName(r.Path));
                Assert.Equal(patient.PatientId, r.PatientFolder);
                Assert.False(File.Exists(file.Path), "moved, so the source is gone");
                Assert.True(File.Exists(r.Path));
                Assert.Equal(file.Length, new FileInfo(r.Path).Length);
            }
        }

        [Fact]
        public void Sort_Copy_LeavesTheSourcesInPlace()
        {
            RtStudy study = SortTestData.WriteStudy(Path.Combine(Incoming, "export"));

            var results = SortIncoming(Sorter(o => o.Copy = true));

            Assert.All(results, r => Assert.Equal(SortStatus.Sorted, r.Status));
            Assert.All(study.Files, f => Assert.True(File.Exists(f.Path)));
            Assert.All(results, r => Assert.Equal(File.ReadAllBytes(r.Source), File.ReadAllBytes(r.Path)));
        }

        [Fact]
        public void Sort_NonDicomFile_IsLeftInPlaceAsNotDicom()
        {
            string text = _temp.Write("incoming/notes.txt", "MRN,Study_ID\r\nSYN0001,123_1001\r\n");
            File.WriteAllBytes(_temp.File("incoming/zeros.bin"), new byte[300]);

            var results = SortIncoming();

            Assert.Equal(2, results.Count);
            Assert.All(results, r => Assert.Equal(SortStatus.NotDicom, r.Status));
            Assert.True(File.Exists(text));
            Assert.False(Directory.Exists(Quarantine));
        }

        [Fact]
        public void Sort_TruncatedDicom_IsQuarantinedWithAReasonFileThatNamesNoPatientValue()
        {
            string good = SortTestData.WriteFile(Path.Combine(Incoming, "a.dcm"), "SYNQUAR0001", "2.25.11");
            byte[] bytes = File.ReadAllBytes(good);
            File.WriteAllBytes(good, bytes.Take(bytes.Length - 9).ToArray());

            SortedDicomFile r = Assert.Single(SortIncoming());

            Assert.Equal(SortStatus.Quarantined, r.Status);
            Assert.Equal(Path.Combine(Quarantine, "a.dcm"), r.Path);
            Assert.False(File.Exists(good));
            string reason = File.ReadAllText(r.Path + ".reason.txt");
            Assert.Contains("byte offset", reason);
            Assert.DoesNotContain("SYNQUAR0001", reason);
            Assert.DoesNotContain("SYNTHSORT", reason);
            Assert.DoesNotContain("SYNQUAR0001", r.Reason);
        }

        [Fact]
        public void Sort_FileWithoutValidSopInstanceUid_IsQuarantined_AndASecondOneGetsASuffixedName()
        {
            SortTestData.WriteFile(Path.Combine(Incoming, "x", "same.dcm"), "SYN1", null);
            SortTestData.WriteFile(Path.Combine(Incoming, "y", "same.dcm"), "SYN1", "1.02.3"); // leading zero: not a UID

            var results = SortIncoming();

            Assert.All(results, r => Assert.Equal(SortStatus.Quarantined, r.Status));
            Assert.Equal(new[] { "same.dcm", "same.dcm~2" }, results.Select(r => Path.GetFileName(r.Path)).ToArray());
            Assert.Contains("SOP Instance UID", results[0].Reason);
            Assert.True(File.Exists(Path.Combine(Quarantine, "same.dcm~2.reason.txt")));
        }

        [Fact]
        public void Sort_InvalidStudyUid_IsQuarantinedBecauseItWouldBecomeAFolderName()
        {
            SortTestData.WriteFile(Path.Combine(Incoming, "a.dcm"), "SYN1", "2.25.5", studyUid: "../../etc");

            SortedDicomFile r = Assert.Single(SortIncoming());

            Assert.Equal(SortStatus.Quarantined, r.Status);
            Assert.Contains("Study Instance UID", r.Reason);
            Assert.False(Directory.Exists(Sorted) && Directory.EnumerateFileSystemEntries(Sorted).Any());
        }

        [Fact]
        public void Sort_IdenticalDuplicate_IsDroppedAndReported()
        {
            string a = SortTestData.WriteFile(Path.Combine(Incoming, "1", "a.dcm"), "SYN1", "2.25.7");
            Directory.CreateDirectory(Path.Combine(Incoming, "2"));
            string b = Path.Combine(Incoming, "2", "a.dcm");
            File.Copy(a, b);

            var results = SortIncoming();

            Assert.Equal(new[] { SortStatus.Sorted, SortStatus.Duplicate }, results.Select(r => r.Status).ToArray());
            Assert.Equal(results[0].Path, results[1].Path);
            Assert.False(File.Exists(b), "the identical copy is dropped when moving");
            Assert.Single(Directory.GetFiles(Sorted, "*", SearchOption.AllDirectories));
        }

        [Fact]
        public void Sort_SameSopDifferentContent_KeepsBothWithASuffixAndReportsAConflict()
        {
            SortTestData.WriteFile(Path.Combine(Incoming, "1", "a.dcm"), "SYN1", "2.25.7", pixels: new byte[] { 1 });
            SortTestData.WriteFile(Path.Combine(Incoming, "2", "a.dcm"), "SYN1", "2.25.7", pixels: new byte[] { 2 });
            SortTestData.WriteFile(Path.Combine(Incoming, "3", "a.dcm"), "SYN1", "2.25.7", pixels: new byte[] { 2 });

            var results = SortIncoming();

            Assert.Equal(new[] { SortStatus.Sorted, SortStatus.Conflict, SortStatus.Duplicate }, results.Select(r => r.Status).ToArray());
            Assert.Equal("2.25.7.dcm", Path.GetFileName(results[0].Path));
            Assert.Equal("2.25.7~2.dcm", Path.GetFileName(results[1].Path));
            Assert.Equal(results[1].Path, results[2].Path);
            Assert.Equal(2, Directory.GetFiles(Sorted, "*", SearchOption.AllDirectories).Length);
        }

        [Fact]
        public void Sort_RerunAfterSorting_FindsTheDuplicateInTheTreeFromAnEarlierRun()
        {
            string a = SortTestData.WriteFile(Path.Combine(Incoming, "a.dcm"), "SYN1", "2.25.8");
            byte[] bytes = File.ReadAllBytes(a);
            SortIncoming();
            File.WriteAllBytes(a, bytes); // the same file arrives again

            SortedDicomFile again = Assert.Single(SortIncoming());

            Assert.Equal(SortStatus.Duplicate, again.Status);
        }

        [Fact]
        public void Sort_FileChangedWithinTheSettleTime_IsSkippedAndSortedOnTheNextRun()
        {
            string a = SortTestData.WriteFile(Path.Combine(Incoming, "a.dcm"), "SYN1", "2.25.9");
            DateTime written = File.GetLastWriteTimeUtc(a);
            DateTime now = written.AddSeconds(2);
            var sorter = Sorter(o => { o.SettleTime = TimeSpan.FromSeconds(5); o.UtcNow = () => now; });

            SortedDicomFile first = Assert.Single(SortIncoming(sorter));
            now = written.AddSeconds(6);
            SortedDicomFile second = Assert.Single(SortIncoming(sorter));

            Assert.Equal(SortStatus.Skipped, first.Status);
            Assert.Contains("next run", first.Reason);
            Assert.Equal(SortStatus.Sorted, second.Status);
        }

        [Fact]
        public void Sort_LockedFile_IsSkippedAndTheOthersAreSorted()
        {
            string locked = SortTestData.WriteFile(Path.Combine(Incoming, "a.dcm"), "SYN1", "2.25.10");
            SortTestData.WriteFile(Path.Combine(Incoming, "b.dcm"), "SYN1", "2.25.11");

            List<SortedDicomFile> results;
            using (new FileStream(locked, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
                results = SortIncoming();

            Assert.Equal(SortStatus.Skipped, results[0].Status);
            Assert.Contains("locked", results[0].Reason);
            Assert.True(File.Exists(locked));
            Assert.Equal(SortStatus.Sorted, results[1].Status);
            Assert.Equal(SortStatus.Sorted, Assert.Single(SortIncoming()).Status);
        }

        [Fact]
        public void Sort_PartialFileOfAReceiver_IsSkipped()
        {
            SortTestData.WriteFile(Path.Combine(Incoming, "a.dcm.partial"), "SYN1", "2.25.12");

            Assert.Equal(SortStatus.Skipped, Assert.Single(SortIncoming()).Status);
        }

        [Fact]
        public void Sort_AcrossVolumes_CopiesVerifiesThenDeletesTheSource()
        {
            string a = SortTestData.WriteFile(Path.Combine(Incoming, "a.dcm"), "SYN1", "2.25.13");
            byte[] original = File.ReadAllBytes(a);
            var mover = new OtherVolumeMover();

            SortedDicomFile r = Assert.Single(SortIncoming(Sorter(o => o.Mover = mover)));

            Assert.Equal(SortStatus.Sorted, r.Status);
            Assert.Equal(0, mover.Renames);
            Assert.Equal(1, mover.Copies);
            Assert.Equal(new[] { a }, mover.Deleted);
            Assert.Equal(original, File.ReadAllBytes(r.Path));
            Assert.False(File.Exists(a));
            Assert.Empty(Directory.GetFiles(Sorted, "*.partial", SearchOption.AllDirectories));
        }

        [Fact]
        public void Sort_AcrossVolumesWithACorruptedCopy_FailsAndKeepsTheSource()
        {
            string a = SortTestData.WriteFile(Path.Combine(Incoming, "a.dcm"), "SYN1", "2.25.14");
            var mover = new OtherVolumeMover { Corrupt = true };

            SortedDicomFile r = Assert.Single(SortIncoming(Sorter(o => o.Mover = mover)));

            Assert.Equal(SortStatus.Failed, r.Status);
            Assert.Contains("verification", r.Reason);
            Assert.True(File.Exists(a));
            Assert.Empty(mover.Deleted);
            Assert.Empty(Directory.GetFiles(Sorted, "*", SearchOption.AllDirectories));
        }

        [Fact]
        public void Sort_SameVolume_UsesOneRename()
        {
            SortTestData.WriteFile(Path.Combine(Incoming, "a.dcm"), "SYN1", "2.25.15");
            var mover = new CountingMover();

            Assert.Equal(SortStatus.Sorted, Assert.Single(SortIncoming(Sorter(o => o.Mover = mover))).Status);
            Assert.Equal(1, mover.Renames);
            Assert.Equal(0, mover.Copies);
        }

        [Fact]
        public void Sort_PatientIdWithPathCharacters_IsSanitisedIntoOneFolderName()
        {
            SortTestData.WriteFile(Path.Combine(Incoming, "a.dcm"), "../SYN:1*", "2.25.16");

            SortedDicomFile r = Assert.Single(SortIncoming());

            Assert.Equal(SortStatus.Sorted, r.Status);
            Assert.Equal(".._SYN_1_", r.PatientFolder);
            Assert.StartsWith(Sorted + Path.DirectorySeparatorChar, r.Path);
        }

        [Fact]
        public void Sort_MissingPatientIdAndSeriesNumber_BecomeUnknown()
        {
            SortTestData.WriteFile(Path.Combine(Incoming, "a.dcm"), null, "2.25.17", seriesNumber: null);

            SortedDicomFile r = Assert.Single(SortIncoming());

            Assert.Equal(Path.Combine(Sorted, "UNKNOWN", "2.25.100", "CT_UNKNOWN_2.25.200", "2.25.17.dcm"), r.Path);
        }

        [Fact]
        public void Sort_CustomTemplate_IsUsed()
        {
            SortTestData.WriteFile(Path.Combine(Incoming, "a.dcm"), "SYN1", "2.25.18");

            SortedDicomFile r = Assert.Single(SortIncoming(Sorter(o => o.Template = "{Modality}\\{SOPInstanceUID}.dcm")));

            Assert.Equal(Path.Combine(Sorted, "CT", "2.25.18.dcm"), r.Path);
            Assert.Equal("CT", r.PatientFolder);
        }

        [Fact]
        public void Sort_SortedAndQuarantineFoldersInsideIncoming_AreNotSortedAgain()
        {
            string incoming = Incoming;
            var sorter = new DicomSorter(new DicomSortOptions
            {
                Destination = Path.Combine(incoming, "sorted"), QuarantineFolder = Path.Combine(incoming, "q"), SettleTime = TimeSpan.Zero,
            });
            SortTestData.WriteFile(Path.Combine(incoming, "a.dcm"), "SYN1", "2.25.19");
            Assert.Single(sorter.Sort(new[] { incoming }).ToList());

            Assert.Empty(sorter.Sort(new[] { incoming }).ToList());
        }

        private class CountingMover : IFileMover
        {
            public int Renames;
            public int Copies;
            public List<string> Deleted { get; } = new List<string>();
            public bool Corrupt { get; set; }

            public virtual bool SameVolume(string sourceFile, string destinationDirectory) => true;

            public void Rename(string sourceFile, string destinationFile)
            {
                Renames++;
                File.Move(sourceFile, destinationFile);
            }

            public void Copy(string sourceFile, string destinationFile)
            {
                Copies++;
                byte[] bytes = File.ReadAllBytes(sourceFile);
                if (Corrupt) bytes[bytes.Length / 2] ^= 0x40;
                File.WriteAllBytes(destinationFile, bytes);
            }

            public void Delete(string file)
            {
                Deleted.Add(file);
                File.Delete(file);
            }
        }

        private sealed class OtherVolumeMover : CountingMover
        {
            public override bool SameVolume(string sourceFile, string destinationDirectory) => false;
        }
    }

    public sealed class SortPathTemplateTests
    {
        [Theory]
        [InlineData("CON", "_CON")]
        [InlineData("nul.txt", "_nul.txt")]
        [InlineData("..", "UNKNOWN")]
        [InlineData("a<b>c|d?e*f\"g", "a_b_c_d_e_f_g")]
        [InlineData("name. ", "name")]
        [InlineData("tab\there", "tab_here")]
        public void SanitizeComponent_MakesANameSafeOnWindowsAndUnix(string input, string expected) =>
            Assert.Equal(expected, SortPathTemplate.SanitizeComponent(input));

        [Theory]
        [InlineData("{PatientID}/{Nope}.dcm")]
        [InlineData("{PatientID}/../{SOPInstanceUID}.dcm")]
        [InlineData("{PatientID}/fixed.dcm")]
        [InlineData("{PatientID}/{SOPInstanceUID.dcm")]
        public void Constructor_RejectsABadTemplate(string template) =>
            Assert.Throws<ArgumentException>(() => new SortPathTemplate(template));

        [Fact]
        public void Expand_ASlashInAValueNeverMakesAFolder()
        {
            var t = new SortPathTemplate("{PatientID}/{SOPInstanceUID}.dcm");
            string path = t.Expand(new Dictionary<string, string> { ["PatientID"] = "a/b\\c", ["SOPInstanceUID"] = "1.2" });
            Assert.Equal("a_b_c" + Path.DirectorySeparatorChar + "1.2.dcm", path);
        }

        [Theory]
        [InlineData("1.2.840.10008.5.1.4.1.1.2", true)]
        [InlineData("2.25.0", true)]
        [InlineData("1.02", false)]
        [InlineData("1..2", false)]
        [InlineData("1.2.", false)]
        [InlineData("1.2a", false)]
        [InlineData("", false)]
        [InlineData("1.2.3.4.5.6.7.8.9.10.11.12.13.14.15.16.17.18.19.20.21.22.23.24.25.26.27", false)]
        public void DicomUidFormat_FollowsPs35(string uid, bool valid) => Assert.Equal(valid, DicomUidFormat.IsValid(uid));
    }
}
