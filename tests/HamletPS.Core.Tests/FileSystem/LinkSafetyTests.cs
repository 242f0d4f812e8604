using System;
using System.IO;
using System.Linq;
using HamletPS.Core.Archive;
using HamletPS.Core.Cleanup;
using HamletPS.Core.Deidentification;
using HamletPS.Core.FileSystem;
using HamletPS.Core.Inspection;
using HamletPS.Core.Sorting;
using HamletPS.Core.Tests.Deidentification;
using HamletPS.Core.Tests.Sorting;
using HamletPS.Synthetic;
using Xunit;

namespace HamletPS.Core.Tests.FileSystem
{
    /// <summary>
    /// Links a sender or another user places inside the site's folders (symbolic links to folders and to files outside):
    /// no command deletes, moves or archives anything outside the folders it owns by following them.
    /// </summary>
    public sealed class LinkSafetyTests : IDisposable
    {
        private readonly TempFolder _temp = new TempFolder();

        private string Site => Path.Combine(_temp.Path, "site");
        private string Incoming => Path.Combine(Site, "incoming");
        private string Sorted => Path.Combine(Site, "sorted");
        private string Outgoing => Path.Combine(Site, "outgoing");
        private string Outside => Path.Combine(_temp.Path, "outside");

        public void Dispose() => _temp.Dispose();

        /// <summary>A folder outside the site with one synthetic DICOM file, linked into INCOMING as a folder and as a file.</summary>
        private (string FolderTarget, string FileTarget, string FolderLink, string FileLink) PlantLinks(string into)
        {
            string victim = SortTestData.WriteFile(Path.Combine(Outside, "folder", "victim.dcm"), "SYNLINK01", "2.25.9001");
            string single = SortTestData.WriteFile(Path.Combine(Outside, "single.dcm"), "SYNLINK02", "2.25.9002");
            SortTestData.Age(Outside);
            Directory.CreateDirectory(into);
            string folderLink = Path.Combine(into, "linked-folder");
            string fileLink = Path.Combine(into, "linked-file.dcm");
            Directory.CreateSymbolicLink(folderLink, Path.Combine(Outside, "folder"));
            File.CreateSymbolicLink(fileLink, single);
            return (victim, single, folderLink, fileLink);
        }

        [Fact]
        public void Clear_WithForce_RemovesLinksButNeverTheirTargetsOutsideTheSite()
        {
            var (victim, single, folderLink, fileLink) = PlantLinks(Incoming);
            SortTestData.WriteFile(Path.Combine(Incoming, "own.dcm"), "SYNLINK03", "2.25.9003");
            Directory.CreateDirectory(Outgoing);

            var results = new HamletFolderCleaner(Outgoing, null).Clear(Incoming, ClearableFolder.Incoming, force: true).ToList();

            Assert.True(File.Exists(victim), "a file outside the site was deleted through a linked folder");
            Assert.True(File.Exists(single), "a file outside the site was deleted through a linked file");
            Assert.False(File.Exists(Path.Combine(Incoming, "own.dcm")));
            Assert.False(FileTree.IsLink(folderLink) || Directory.Exists(folderLink));
            Assert.False(FileTree.IsLink(fileLink) || File.Exists(fileLink));
            Assert.All(results, r => Assert.Equal(ClearStatus.Deleted, r.Status));
        }

        [Fact]
        public void Clear_WithoutForce_KeepsLinksAndSaysWhy_AndNeverReadsThroughThem()
        {
            var (victim, single, folderLink, fileLink) = PlantLinks(Incoming);
            Directory.CreateDirectory(Outgoing);

            var results = new HamletFolderCleaner(Outgoing, null).Clear(Incoming, ClearableFolder.Incoming, force: false).ToList();

            Assert.True(File.Exists(victim));
            Assert.True(File.Exists(single));
            Assert.True(FileTree.IsLink(folderLink));
            Assert.True(FileTree.IsLink(fileLink));
            Assert.Equal(2, results.Count);
            Assert.All(results, r =>
            {
                Assert.Equal(ClearStatus.Kept, r.Status);
                Assert.Contains("symbolic link", r.Reason);
            });
        }

        [Fact]
        public void Sort_LeavesLinkedFoldersAndFilesWhereTheyAre_AndMovesNothingOutOfTheirTargets()
        {
            var (victim, single, folderLink, fileLink) = PlantLinks(Incoming);
            var sorter = new DicomSorter(new DicomSortOptions { Destination = Sorted, QuarantineFolder = Path.Combine(Site, "quarantine"), SettleTime = TimeSpan.Zero });

            var results = sorter.Sort(new[] { Incoming }).ToList();

            Assert.True(File.Exists(victim), "a file was moved out of a folder outside the site");
            Assert.True(File.Exists(single));
            Assert.True(FileTree.IsLink(fileLink), "the file link was moved");
            Assert.False(Directory.Exists(Sorted) && Directory.EnumerateFiles(Sorted, "*", SearchOption.AllDirectories).Any());
            Assert.Equal(2, results.Count);
            Assert.All(results, r =>
            {
                Assert.Equal(SortStatus.Skipped, r.Status);
                Assert.Equal(SortSkipReason.Link, r.SkipReason);
                Assert.Contains("symbolic link", r.Reason);
            });
        }

        [Fact]
        public void Sort_NeverWritesThroughALinkedFolderInsideTheSortedTree()
        {
            SortTestData.WriteFile(Path.Combine(Incoming, "a.dcm"), "SYNLINK04", "2.25.9004");
            Directory.CreateDirectory(Sorted);
            Directory.CreateDirectory(Path.Combine(Outside, "elsewhere"));
            Directory.CreateSymbolicLink(Path.Combine(Sorted, "SYNLINK04"), Path.Combine(Outside, "elsewhere"));
            var sorter = new DicomSorter(new DicomSortOptions { Destination = Sorted, QuarantineFolder = Path.Combine(Site, "quarantine"), SettleTime = TimeSpan.Zero });

            var result = Assert.Single(sorter.Sort(new[] { Incoming }));

            Assert.Equal(SortStatus.Failed, result.Status);
            Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(Outside, "elsewhere")));
            Assert.True(File.Exists(Path.Combine(Incoming, "a.dcm")));
        }

        [Fact]
        public void Walkers_OfInspectProtectAndTheVaultFolder_DoNotFollowLinks()
        {
            var (_, _, folderLink, fileLink) = PlantLinks(Incoming);
            SortTestData.WriteFile(Path.Combine(Incoming, "own.dcm"), "SYNLINK05", "2.25.9005");

            Assert.Equal(new[] { Path.Combine(Incoming, "own.dcm") }, DicomFileEnumerator.Enumerate(new[] { Incoming }, recurse: true).ToArray());
            Assert.Equal(new[] { Path.Combine(Incoming, "own.dcm") }, InputFiles.Expand(new[] { Incoming }).ToArray());
            var links = new System.Collections.Generic.List<string>();
            FileTree.Files(Incoming, true, links.Add);
            Assert.Equal(new[] { folderLink, fileLink }.OrderBy(x => x, StringComparer.Ordinal), links.OrderBy(x => x, StringComparer.Ordinal));
        }

        [Fact]
        public void Archive_RefusesATreeHoldingLinksToFilesOrFoldersOutside_AndWritesNothing()
        {
            string tree = Path.Combine(Site, "protected");
            using var keys = DeidTestSupport.Keys();
            var canary = new CanaryStudy(new RtStudyOptions { Slices = 2, ImageSize = 16 });
            var written = canary.Write(Path.Combine(_temp.Path, "source"));
            using (var p = new DicomProtector(DeidTestSupport.Options(keys, tree, null)))
                Assert.All(p.Protect(written.Files.Select(f => f.Path).ToList()), r => Assert.Equal(ProtectionStatus.Protected, r.Status));
            string studyFolder = Directory.GetDirectories(tree).Single();
            PlantLinks(studyFolder);
            var refused = new System.Collections.Generic.List<FileFailure>();
            var builder = new HamletArchiveBuilder(new HamletArchiveOptions { OutputDirectory = Outgoing, Site = "s1", User = "qa", FileRefused = refused.Add });

            var e = Assert.Throws<ArchiveRefusedException>(() => builder.Build(tree, DicomArchiveEntryDescriber.Sealed(keys.SealKey)));

            Assert.Equal(2, e.Failures.Count);
            Assert.Equal(2, refused.Count);
            Assert.All(refused, f => Assert.Equal("LinkNotFollowed", f.Reason));
            Assert.Empty(Directory.EnumerateFiles(Outgoing));
        }
    }
}
