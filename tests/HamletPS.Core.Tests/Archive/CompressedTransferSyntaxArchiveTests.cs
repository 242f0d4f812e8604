using System.IO;
using System.Linq;
using HamletPS.Core.Archive;
using HamletPS.Dicom.Data;
using HamletPS.Dicom.Dictionary;
using HamletPS.TestSupport;
using Xunit;
using static HamletPS.Core.Tests.Archive.ArchiveTestSupport;

namespace HamletPS.Core.Tests.Archive
{
    /// <summary>
    /// End to end through the DICOM-aware describer: files whose transfer syntax is already compressed (JPEG baseline,
    /// JPEG 2000, RLE, deflated) are stored byte for byte, uncompressed ones deflated; Python's zipfile is the reader.
    /// </summary>
    public class CompressedTransferSyntaxArchiveTests
    {
        /// <summary>pydicom's test files; the test is skipped, visibly, without them.</summary>
        private static string Corpus => RequiredPeers.PydicomTestFiles();

        [Theory]
        [InlineData("SC_rgb_jpeg_dcmtk.dcm", 0)]   // JPEG baseline (encapsulated)
        [InlineData("JPEG2000.dcm", 0)]            // JPEG 2000 (encapsulated)
        [InlineData("MR_small_RLE.dcm", 0)]        // RLE lossless (encapsulated)
        [InlineData("image_dfl.dcm", 0)]           // Deflated Explicit VR Little Endian
        [InlineData("CT_small.dcm", 8)]            // Explicit VR Little Endian: deflated by the archive
        public void Archive_StoresAlreadyCompressedTransferSyntaxes_AndDeflatesTheRest(string corpusFile, int expectedZipMethod)
        {
            using var tmp = new TempFolder();
            string source = Path.Combine(Corpus, corpusFile);
            string tree = tmp.Combine("protected");
            string copy = Path.Combine(tree, "999-0001", corpusFile);
            Directory.CreateDirectory(Path.GetDirectoryName(copy));
            MarkDeidentified(source, copy);

            var builder = new HamletArchiveBuilder(new HamletArchiveOptions
            {
                OutputDirectory = tmp.Combine("outgoing"), Site = "RMH", User = "qa", Profile = "hamlet-rt", Verify = true,
            });
            ArchiveResult result = builder.Build(tree, DicomArchiveEntryDescriber.Callback).Single();

            Assert.True(result.Verified);
            AssertUnzipTestPasses(result.ArchivePath);
            PythonEntry entry = InspectWithPython(result.ArchivePath).Single(e => e.Name.EndsWith(corpusFile));
            Assert.Equal(expectedZipMethod, entry.Method);
            Assert.Equal(Sha256Hex(File.ReadAllBytes(copy)), entry.Sha256);
            if (expectedZipMethod == 0) Assert.Equal(entry.Size, entry.CompressedSize);
        }

        [Fact]
        public void Archive_RefusesAFileThatIsNotDeidentified_AndWritesNothing()
        {
            using var tmp = new TempFolder();
            string tree = tmp.Combine("protected");
            MarkDeidentified(Path.Combine(Corpus, "CT_small.dcm"), Path.Combine(tree, "999-0001", "a.dcm"));
            string plain = Path.Combine(tree, "999-0001", "b.dcm");
            File.Copy(Path.Combine(Corpus, "MR_small.dcm"), plain);   // never protected: Patient Identity Removed absent

            var builder = new HamletArchiveBuilder(new HamletArchiveOptions { OutputDirectory = tmp.Combine("outgoing"), Site = "RMH", User = "qa" });
            var e = Assert.Throws<ArchiveRefusedException>(() => builder.Build(tree, DicomArchiveEntryDescriber.Callback));
            FileFailure refused = Assert.Single(e.Failures);
            Assert.Equal(plain, refused.Path);
            Assert.DoesNotContain("b.dcm", refused.Message);
            Assert.DoesNotContain("b.dcm", e.Message);
            Assert.Equal("FileNotDeidentified", refused.Reason);
            Assert.Equal("ArchiveRefused", FileFailure.Classify(tree, e).Reason);
            Assert.Empty(Directory.Exists(tmp.Combine("outgoing")) ? Directory.GetFiles(tmp.Combine("outgoing")) : new string[0]);
        }

        // A corpus file as Protect-DicomPatient leaves it in the one respect the archive checks; everything else,
        // compressed pixel data included, is written back byte for byte.
        private static void MarkDeidentified(string source, string destination)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(destination));
            DicomFile file = DicomFile.Open(source);
            file.Dataset.AddOrUpdate(DicomTags.PatientIdentityRemoved, "YES");
            file.Save(destination);
        }
    }
}
