using System;
using System.IO;
using System.Linq;
using System.Text;
using HamletPS.Core.Sorting;
using Xunit;

namespace HamletPS.Core.Tests.Sorting
{
    /// <summary>Issue 14, finding 9: names built from values fit the file system in UTF-8 bytes; a file that cannot be placed is
    /// quarantined with a reason; an I/O error never reports a path below the sorted tree (its names hold the Patient ID).</summary>
    public sealed class SortNameBudgetTests : IDisposable
    {
        private readonly TempFolder _temp = new TempFolder();
        private string Incoming => _temp.File("incoming");
        private string Sorted => _temp.File("sorted");
        private string Quarantine => _temp.File("quarantine");

        public void Dispose() => _temp.Dispose();

        [Fact]
        public void FitComponent_KeepsEveryNameWithinTheByteBudgetAndTellsLongValuesApart()
        {
            string greek = new string('\u03a9', 64);            // 64 characters, 128 bytes: fits
            string cjk = new string('\u4e2d', 64);              // 64 characters, 192 bytes: fits
            string astral = string.Concat(Enumerable.Repeat("\U0001F600", 60)); // 120 UTF-16 units, 240 bytes: too long
            Assert.Equal(greek, SortPathTemplate.FitComponent(greek));
            Assert.Equal(cjk, SortPathTemplate.FitComponent(cjk));
            string fitted = SortPathTemplate.FitComponent(astral);
            Assert.InRange(Encoding.UTF8.GetByteCount(fitted), 1, SortPathTemplate.MaxComponentBytes);
            Assert.False(char.IsHighSurrogate(fitted[fitted.IndexOf('~') - 1]), "a surrogate pair was split");
            Assert.Matches("~[0-9a-f]{16}$", fitted);
            string other = SortPathTemplate.FitComponent(astral.Substring(0, 118) + "\U0001F601");
            Assert.NotEqual(fitted, other);
            Assert.Equal(fitted, SortPathTemplate.FitComponent(astral));
        }

        [Fact]
        public void Sort_ANonAsciiPatientIdWithinSixtyFourCharactersIsSortedIntoANameThatFits()
        {
            // 64 characters of a 4-byte script: 256 bytes, more than ext4's 255 per name.
            string patientId = string.Concat(Enumerable.Repeat("\U00010348", 32)) + new string('\u00e9', 32);
            WriteUtf8File(Path.Combine(Incoming, "a.dcm"), patientId, "2.25.4401");
            WriteUtf8File(Path.Combine(Incoming, "b.dcm"), patientId, "2.25.4402");

            var results = new DicomSorter(new DicomSortOptions { Destination = Sorted, QuarantineFolder = Quarantine, SettleTime = TimeSpan.Zero })
                .Sort(new[] { Incoming }).ToList();

            Assert.All(results, r => Assert.Equal(SortStatus.Sorted, r.Status));
            Assert.Single(Directory.GetDirectories(Sorted));
            foreach (string name in Directory.EnumerateFileSystemEntries(Sorted, "*", SearchOption.AllDirectories).Select(Path.GetFileName))
                Assert.InRange(Encoding.UTF8.GetByteCount(name), 1, SortPathTemplate.MaxComponentBytes);
            Assert.Empty(Directory.GetFiles(Incoming));
        }

        [Fact]
        public void Sort_AnIoErrorIsReportedWithoutThePathItWasWritingTo()
        {
            SortTestData.WriteFile(Path.Combine(Incoming, "a.dcm"), "SYN0000880", "2.25.4403");
            var mover = new FailingMover(target => new IOException("Disk quota exceeded : '" + target + "'", 122));

            SortedDicomFile r = Assert.Single(Sorter(mover).Sort(new[] { Incoming }).ToList());

            Assert.Equal(SortStatus.Failed, r.Status);
            Assert.DoesNotContain("SYN0000880", r.Reason);
            Assert.DoesNotContain(Sorted, r.Reason);
            Assert.Contains("errno 122", r.Reason);
            Assert.True(File.Exists(Path.Combine(Incoming, "a.dcm")), "the source stays for the next run");
        }

        [Fact]
        public void Sort_AFileWhoseSortedPathCannotBeCreatedIsQuarantinedWithAReasonInsteadOfStayingInIncoming()
        {
            SortTestData.WriteFile(Path.Combine(Incoming, "a.dcm"), "SYN0000881", "2.25.4404");
            var mover = new FailingMover(target => target.StartsWith(Sorted, StringComparison.Ordinal) ? new PathTooLongException("name too long: '" + target + "'") : null);

            SortedDicomFile r = Assert.Single(Sorter(mover).Sort(new[] { Incoming }).ToList());

            Assert.Equal(SortStatus.Quarantined, r.Status);
            Assert.DoesNotContain("SYN0000881", r.Reason);
            Assert.False(File.Exists(Path.Combine(Incoming, "a.dcm")));
            string reasonFile = Assert.Single(Directory.GetFiles(Quarantine, "*" + QuarantineFolder.ReasonSuffix));
            Assert.Contains("cannot be created on this file system", File.ReadAllText(reasonFile));
            Assert.DoesNotContain("SYN0000881", File.ReadAllText(reasonFile));
        }

        [Fact]
        public void Sort_AFileTooRecentToSortSaysWhy()
        {
            SortTestData.WriteFile(Path.Combine(Incoming, "a.dcm"), "SYN0000882", "2.25.4405");
            var sorter = new DicomSorter(new DicomSortOptions { Destination = Sorted, QuarantineFolder = Quarantine, SettleTime = TimeSpan.FromSeconds(60) });

            SortedDicomFile r = Assert.Single(sorter.Sort(new[] { Incoming }).ToList());

            Assert.Equal(SortStatus.Skipped, r.Status);
            Assert.Equal(SortSkipReason.TooRecent, r.SkipReason);
        }

        private static void WriteUtf8File(string path, string patientId, string sop)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path));
            var ds = new HamletPS.Dicom.Data.DicomDataset();
            ds.AddOrUpdate(HamletPS.Dicom.Dictionary.DicomTags.SpecificCharacterSet, "ISO_IR 192");
            ds.AddOrUpdate(HamletPS.Dicom.Dictionary.DicomTags.SOPClassUID, SortTestData.CtImageStorage);
            ds.AddOrUpdate(HamletPS.Dicom.Dictionary.DicomTags.SOPInstanceUID, sop);
            ds.AddOrUpdate(HamletPS.Dicom.Dictionary.DicomTags.Modality, "CT");
            ds.AddOrUpdate(HamletPS.Dicom.Dictionary.DicomTags.PatientID, patientId);
            ds.AddOrUpdate(HamletPS.Dicom.Dictionary.DicomTags.StudyInstanceUID, "2.25.100");
            ds.AddOrUpdate(HamletPS.Dicom.Dictionary.DicomTags.SeriesInstanceUID, "2.25.200");
            new HamletPS.Dicom.Data.DicomFile(ds, HamletPS.Dicom.IO.DicomTransferSyntax.ExplicitVRLittleEndian).Save(path);
        }

        private DicomSorter Sorter(IFileMover mover) =>
            new DicomSorter(new DicomSortOptions { Destination = Sorted, QuarantineFolder = Quarantine, SettleTime = TimeSpan.Zero, Mover = mover });

        /// <summary>Renames like the file system, except where <c>fault</c> returns an exception for the target.</summary>
        private sealed class FailingMover : IFileMover
        {
            private readonly Func<string, Exception> _fault;
            public FailingMover(Func<string, Exception> fault) { _fault = fault; }
            public bool SameVolume(string sourceFile, string destinationDirectory) => true;
            public void Rename(string sourceFile, string destinationFile)
            {
                Exception ex = _fault(destinationFile);
                if (ex != null) throw ex;
                File.Move(sourceFile, destinationFile);
            }
            public void Copy(string sourceFile, string destinationFile) => File.Copy(sourceFile, destinationFile);
            public void Delete(string file) => File.Delete(file);
        }
    }
}
