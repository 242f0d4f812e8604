using System;
using System.IO;
using System.Linq;
using HamletPS.Core.Archive;
using HamletPS.Core.Review;
using HamletPS.Core.Tests.Deidentification;
using HamletPS.TestSupport;
using Xunit;

namespace HamletPS.Core.Tests.Review
{
    /// <summary>
    /// Archives as review input: the page of New-HamletArchive's archive, of Python-written stored archives, and of a folder
    /// of two archives shows the same as the page of the protected folder; entry names that would escape on extraction are
    /// refused and counted; nothing is extracted.
    /// </summary>
    public sealed class ReviewArchiveInputTests
    {
        /// <summary>Python's zipfile writes <paramref name="files"/> (paths below <paramref name="root"/>) into a zip, names relative, stored or deflated.</summary>
        private static void PythonZip(string zip, string mode, string root, params string[] files)
        {
            string script = Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(zip)), "zip-" + Path.GetFileNameWithoutExtension(zip) + ".py");
            File.WriteAllText(script,
                "import sys,os,zipfile\n" +
                "z=zipfile.ZipFile(sys.argv[1],'w',getattr(zipfile,'ZIP_'+sys.argv[2]))\n" +
                "for f in sys.argv[4:]: z.write(f, os.path.relpath(f, sys.argv[3]))\n" +
                "z.close()\n");
            var run = DeidTestSupport.Run(DeidTestSupport.Python, new[] { script, zip, mode, root }.Concat(files).ToArray());
            Assert.True(run.ExitCode == 0, "python3: " + run.StdErr);
        }

        [Fact]
        public void Review_OfOurArchive_ShowsWhatTheFolderShows_ReadInPlace()
        {
            var (study, tree, scratch, keys) = ReviewTestSupport.ProtectedTree("review-archive");
            string outgoing = Path.Combine(scratch, "outgoing");
            ArchiveResult archive;
            using (keys)
                archive = new HamletArchiveBuilder(new HamletArchiveOptions { OutputDirectory = outgoing, Site = "s1", User = "qa" })
                    .Build(tree, DicomArchiveEntryDescriber.Sealed(keys.SealKey)).Single();
            string fromFolder = Path.Combine(scratch, "folder.html"), fromArchive = Path.Combine(scratch, "archive.html");

            ReviewReportResult folder = ReviewTestSupport.Review(fromFolder, ReviewTestSupport.Profile, tree);
            ReviewReportResult zipped = ReviewTestSupport.Review(fromArchive, ReviewTestSupport.Profile, archive.ArchivePath);

            Assert.Equal(1, zipped.Archives);
            Assert.Equal(0, zipped.Unreadable); // the manifest entries are skipped, not counted
            Assert.Equal(folder.Instances, zipped.Instances);
            Assert.Equal(folder.Thumbnails, zipped.Thumbnails);
            Assert.Equal(1, zipped.Masked);
            Assert.Equal(ReviewTestSupport.Body(fromFolder), ReviewTestSupport.Body(fromArchive));
            Assert.Equal(new[] { Path.GetFileName(archive.ArchivePath) }, Directory.GetFiles(outgoing).Select(Path.GetFileName)); // nothing extracted beside it
            ReviewTestSupport.AssertNoCanary(study, fromArchive);
        }

        [Fact]
        public void Review_OfAFolderOfTwoPythonArchives_StoredAndDeflated_ShowsWhatTheFolderShows()
        {
            RequiredPeers.Programs(DeidTestSupport.Python);
            var (_, tree, scratch, keys) = ReviewTestSupport.ProtectedTree("review-archives", slices: 4);
            keys.Dispose();
            var files = Directory.GetFiles(tree, "*", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal).ToArray();
            string archives = Path.Combine(scratch, "archives");
            Directory.CreateDirectory(archives);
            PythonZip(Path.Combine(archives, "a.zip"), "STORED", tree, files.Take(files.Length / 2).ToArray());
            PythonZip(Path.Combine(archives, "b.ZIP"), "DEFLATED", tree, files.Skip(files.Length / 2).ToArray());
            string fromFolder = Path.Combine(scratch, "folder.html"), fromArchives = Path.Combine(scratch, "archives.html");

            ReviewReportResult folder = ReviewTestSupport.Review(fromFolder, ReviewTestSupport.Profile, tree);
            ReviewReportResult zipped = ReviewTestSupport.Review(fromArchives, ReviewTestSupport.Profile, archives);

            Assert.Equal(2, zipped.Archives);
            Assert.Equal(files.Length, zipped.Instances);
            Assert.Equal(folder.Thumbnails, zipped.Thumbnails);
            Assert.Equal(ReviewTestSupport.Body(fromFolder), ReviewTestSupport.Body(fromArchives));
            Assert.Equal(new[] { "a.zip", "b.ZIP" }, Directory.GetFiles(archives).Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal));
        }

        [Fact]
        public void Review_OfAnArchiveWithEscapingEntryNames_RefusesThem_AndReadsTheRest()
        {
            RequiredPeers.Programs(DeidTestSupport.Python);
            var (_, tree, scratch, keys) = ReviewTestSupport.ProtectedTree("review-zipslip", slices: 3);
            keys.Dispose();
            string one = Directory.GetFiles(tree, "*", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal).First();
            string zip = Path.Combine(scratch, "hostile", "slip.zip");
            Directory.CreateDirectory(Path.GetDirectoryName(zip));
            string script = Path.Combine(scratch, "slip.py");
            File.WriteAllText(script,
                "import sys,zipfile\n" +
                "d=open(sys.argv[2],'rb').read(); z=zipfile.ZipFile(sys.argv[1],'w',zipfile.ZIP_DEFLATED)\n" +
                "for n in ['../../escaped-a.dcm','/escaped-b.dcm','c:/escaped-c.dcm','..\\\\escaped-d.dcm','ok/one.dcm','ok\\\\two.dcm']: z.writestr(zipfile.ZipInfo(n),d)\n" +
                "z.close()\n");
            var run = DeidTestSupport.Run(DeidTestSupport.Python, script, zip, one);
            Assert.True(run.ExitCode == 0, "python3: " + run.StdErr);
            string html = Path.Combine(scratch, "page", "slip.html");

            ReviewReportResult result = ReviewTestSupport.Review(html, null, zip);

            Assert.Equal(4, result.RefusedEntries);
            Assert.Equal(2, result.Instances); // ok/one.dcm, and ok\two.dcm as Compress-Archive of Windows PowerShell 5.1 names it
            string text = File.ReadAllText(html);
            Assert.DoesNotContain("escaped", text);
            Assert.Empty(Directory.GetFiles(scratch, "escaped-*", SearchOption.AllDirectories));
            Assert.False(File.Exists("/escaped-b.dcm"));
        }
    }
}
