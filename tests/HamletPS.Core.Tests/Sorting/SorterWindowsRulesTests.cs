using System;
using System.IO;
using System.Linq;
using HamletPS.Core.Sorting;
using Xunit;

namespace HamletPS.Core.Tests.Sorting
{
    /// <summary>
    /// What Windows servers do to the sorter: antivirus and backup agents holding files (sharing violations), CD imports
    /// keeping the read-only attribute, and Windows PowerShell 5.1's 260-character path limit (exercised here with the
    /// Windows budget, <see cref="PathLengthBudget.WindowsMaxPath"/>).
    /// </summary>
    public sealed class SorterWindowsRulesTests : IDisposable
    {
        private const int SharingViolation = unchecked((int)0x80070020);
        private readonly TempFolder _temp = new TempFolder();

        public void Dispose() => _temp.Dispose();

        private string Incoming => _temp.File("incoming");

        private DicomSorter Sorter(string sorted, IFileMover mover = null, int maxPath = 0) => new DicomSorter(new DicomSortOptions
        {
            Destination = sorted, QuarantineFolder = _temp.File("quarantine"), SettleTime = TimeSpan.Zero, Mover = mover ?? FileMover.Instance,
            MaxPathLength = maxPath,
        });

        /// <summary>Fails the first <see cref="Failures"/> renames with a sharing violation, then renames.</summary>
        private sealed class HeldFileMover : IFileMover
        {
            public int Failures { get; set; }
            public int Attempts { get; private set; }
            public bool SameVolume(string sourceFile, string destinationDirectory) => true;

            public void Rename(string sourceFile, string destinationFile)
            {
                if (Attempts++ < Failures) throw new IOException("The process cannot access the file because it is being used by another process.", SharingViolation);
                File.Move(sourceFile, destinationFile);
            }

            public void Copy(string sourceFile, string destinationFile) => File.Copy(sourceFile, destinationFile);
            public void Delete(string file) => File.Delete(file);
        }

        [Fact]
        public void SharingViolation_ThatOutlastsTheRetries_IsSkipped_NotFailed_AndTheSourceStays()
        {
            string source = SortTestData.WriteFile(Path.Combine(Incoming, "a.dcm"), "SYNWIN1", "2.25.11");
            var mover = new HeldFileMover { Failures = int.MaxValue };

            SortedDicomFile r = Assert.Single(Sorter(_temp.File("sorted"), mover).Sort(new[] { Incoming }));

            Assert.Equal(SortStatus.Skipped, r.Status);
            Assert.Contains("another program", r.Reason);
            Assert.Equal(Dicom.IO.FileRetry.Attempts, mover.Attempts);
            Assert.True(File.Exists(source));
        }

        [Fact]
        public void SharingViolation_ThatEndsWithinTheRetries_IsSorted()
        {
            SortTestData.WriteFile(Path.Combine(Incoming, "a.dcm"), "SYNWIN2", "2.25.12");
            var mover = new HeldFileMover { Failures = 2 };

            SortedDicomFile r = Assert.Single(Sorter(_temp.File("sorted"), mover).Sort(new[] { Incoming }));

            Assert.Equal(SortStatus.Sorted, r.Status);
            Assert.Equal(3, mover.Attempts);
            Assert.True(File.Exists(r.Path));
        }

        [Fact]
        public void ReadOnlySource_MovedOnOneVolume_IsNoLongerReadOnlyInTheSortedTree()
        {
            string source = SortTestData.WriteFile(Path.Combine(Incoming, "cd.dcm"), "SYNWIN3", "2.25.13");
            File.SetAttributes(source, File.GetAttributes(source) | FileAttributes.ReadOnly);
            Assert.True((File.GetAttributes(source) & FileAttributes.ReadOnly) != 0, "the fixture is read-only");

            SortedDicomFile r = Assert.Single(Sorter(_temp.File("sorted")).Sort(new[] { Incoming }));

            Assert.Equal(SortStatus.Sorted, r.Status);
            Assert.Equal(FileAttributes.None, File.GetAttributes(r.Path) & FileAttributes.ReadOnly);
        }

        private static string LongUid(char digit) => "2.25." + new string(digit, 59); // 64 characters, the most PS3.5 allows

        [Fact]
        public void WorstCaseUids_UnderAWindowsBudget_AreShortened_ToAPathThatFitsWithEveryTemporarySuffix()
        {
            // A sorted root of 60 characters and 64-character Patient ID and UIDs: 282 characters unshortened; with the SOP
            // and Series Instance UIDs shortened 235, which leaves the 11 characters of temporary suffixes within 259.
            string sorted = Path.Combine(_temp.Path, new string('s', Math.Max(1, 60 - _temp.Path.Length - 1)));
            string patientId = new string('P', 64);
            SortTestData.WriteFile(Path.Combine(Incoming, "a.dcm"), patientId, LongUid('7'), LongUid('1'), LongUid('3'));

            SortedDicomFile r = Assert.Single(Sorter(sorted, maxPath: PathLengthBudget.WindowsMaxPath).Sort(new[] { Incoming }));

            Assert.Equal(SortStatus.Sorted, r.Status);
            Assert.True(r.Path.Length + (".partial".Length) + ("~99".Length) <= PathLengthBudget.WindowsMaxPath, r.Path.Length + " characters");
            Assert.Equal(PathLengthBudget.ShortUid(LongUid('7')) + ".dcm", Path.GetFileName(r.Path));
            Assert.Contains(patientId, r.Path);                       // the patient folder keeps its name
            Assert.Contains(LongUid('1'), r.Path);                    // the study UID fitted once the others were shortened
            Assert.Contains(PathLengthBudget.ShortUid(LongUid('3')), r.Path);

            // The same file again is recognised as a duplicate: the short name is stable.
            SortTestData.WriteFile(Path.Combine(Incoming, "again.dcm"), patientId, LongUid('7'), LongUid('1'), LongUid('3'));
            SortedDicomFile again = Assert.Single(Sorter(sorted, maxPath: PathLengthBudget.WindowsMaxPath).Sort(new[] { Incoming }));
            Assert.Equal(SortStatus.Duplicate, again.Status);
        }

        [Fact]
        public void SortedRootTooLongEvenWithShortUids_FailsNamingTheLengths_NotLocked()
        {
            string sorted = Path.Combine(_temp.Path, new string('s', Math.Max(1, 200 - _temp.Path.Length - 1)));
            SortTestData.WriteFile(Path.Combine(Incoming, "a.dcm"), new string('P', 64), LongUid('7'), LongUid('1'), LongUid('3'));

            SortedDicomFile r = Assert.Single(Sorter(sorted, maxPath: PathLengthBudget.WindowsMaxPath).Sort(new[] { Incoming }));

            Assert.Equal(SortStatus.Failed, r.Status);
            Assert.StartsWith("path too long", r.Reason);
            Assert.DoesNotContain("PPPP", r.Reason);
            Assert.True(File.Exists(r.Source));
        }

        [Fact]
        public void PathTooLongException_IsReportedAsPathTooLong_NotAsALock()
        {
            SortTestData.WriteFile(Path.Combine(Incoming, "a.dcm"), "SYNWIN4", "2.25.14");
            var mover = new ThrowingMover(new PathTooLongException("The specified path is too long."));

            SortedDicomFile r = Assert.Single(Sorter(_temp.File("sorted"), mover).Sort(new[] { Incoming }));

            Assert.Equal(SortStatus.Failed, r.Status);
            Assert.StartsWith("path too long", r.Reason);
        }

        [Fact]
        public void ShortUid_IsSeventeenCharacters_AndStable()
        {
            Assert.Equal(17, PathLengthBudget.ShortUid(LongUid('9')).Length);
            Assert.Equal(PathLengthBudget.ShortUid("1.2.3"), PathLengthBudget.ShortUid("1.2.3"));
            Assert.NotEqual(PathLengthBudget.ShortUid("1.2.3"), PathLengthBudget.ShortUid("1.2.4"));
            Assert.Matches("^u[0-9a-f]{16}$", PathLengthBudget.ShortUid("1.2.3"));
        }

        private sealed class ThrowingMover : IFileMover
        {
            private readonly Exception _exception;
            public ThrowingMover(Exception exception) => _exception = exception;
            public bool SameVolume(string sourceFile, string destinationDirectory) => true;
            public void Rename(string sourceFile, string destinationFile) => throw _exception;
            public void Copy(string sourceFile, string destinationFile) => throw _exception;
            public void Delete(string file) => throw _exception;
        }
    }
}
