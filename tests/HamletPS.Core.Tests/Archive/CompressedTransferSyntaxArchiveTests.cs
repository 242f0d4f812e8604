using System.IO;
using System.Linq;
using HamletPS.Core.Archive;
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
        private const string Corpus = "/usr/lib/python3/dist-packages/pydicom/data/test_files";

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
            File.Copy(source, copy);

            var builder = new HamletArchiveBuilder(new HamletArchiveOptions
            {
                OutputDirectory = tmp.Combine("outgoing"), Site = "RMH", User = "qa", Profile = "hamlet-rt", Verify = true,
            });
            ArchiveResult result = builder.Build(tree, DicomArchiveEntryDescriber.Callback).Single();

            Assert.True(result.Verified);
            AssertUnzipTestPasses(result.ArchivePath);
            PythonEntry entry = InspectWithPython(result.ArchivePath).Single(e => e.Name.EndsWith(corpusFile));
            Assert.Equal(expectedZipMethod, entry.Method);
            Assert.Equal(Sha256Hex(File.ReadAllBytes(source)), entry.Sha256);
            if (expectedZipMethod == 0) Assert.Equal(entry.Size, entry.CompressedSize);
        }
    }
}
