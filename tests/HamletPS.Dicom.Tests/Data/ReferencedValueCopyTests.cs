using System;
using System.IO;
using System.Linq;
using HamletPS.Dicom.Data;
using HamletPS.Dicom.Dictionary;
using HamletPS.Dicom.IO;
using Xunit;

namespace HamletPS.Dicom.Tests
{
    /// <summary>
    /// Referenced values copied file to file (in the kernel on Linux) land at the right place whatever the destination stream
    /// holds or buffers, and give the same bytes as the copy through our own buffer (to a MemoryStream).
    /// </summary>
    public sealed class ReferencedValueCopyTests
    {
        private static (string Scratch, string Source, byte[] Overlay, byte[] Pixels) WriteSource()
        {
            string scratch = TestPaths.NewScratch("refcopy");
            var ds = WrittenFromScratchTests.BuildCtSlice();
            var overlay = new byte[70001]; // odd: padded on write
            var pixels = new byte[300000];
            new Random(21).NextBytes(overlay);
            new Random(22).NextBytes(pixels);
            ds.AddOrUpdate(new DicomTag(0x6000, 0x3000), DicomVR.OB, overlay);
            ds.AddOrUpdate(DicomTags.PixelData, DicomVR.OW, pixels);
            string source = Path.Combine(scratch, "source.dcm");
            new DicomFile(ds).Save(source);
            return (scratch, source, overlay, pixels);
        }

        [Fact]
        public void Save_IntoACallersBufferedFileStream_AfterItsUnflushedBytes_PutsEveryReferencedValueInPlace()
        {
            var (scratch, source, overlay, pixels) = WriteSource();
            try
            {
                var file = DicomFile.Open(source, new DicomReadOptions { LargeValueThreshold = 1024 });
                Assert.True(file.Dataset[DicomTags.PixelData].IsReference);
                Assert.True(file.Dataset[new DicomTag(0x6000, 0x3000)].IsReference);
                var expected = new MemoryStream();
                file.Save(expected);

                string target = Path.Combine(scratch, "target.bin");
                byte[] prefix = Enumerable.Range(0, 1000).Select(i => (byte)(i * 13)).ToArray();
                byte[] suffix = { 0xDE, 0xAD, 0xBE, 0xEF };
                using (var fs = new FileStream(target, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 4096))
                {
                    fs.Write(prefix, 0, prefix.Length); // still in the FileStream's buffer
                    file.Save(fs);
                    fs.Write(suffix, 0, suffix.Length);
                    Assert.Equal(prefix.Length + expected.Length + suffix.Length, fs.Position);
                }

                byte[] written = File.ReadAllBytes(target);
                Assert.Equal(prefix.Concat(expected.ToArray()).Concat(suffix).ToArray(), written);
                var reread = DicomFile.Read(new MemoryStream(written, prefix.Length, (int)expected.Length));
                Assert.Equal(pixels, reread.Dataset.GetBytes(DicomTags.PixelData));
                Assert.Equal(overlay, reread.Dataset.GetBytes(new DicomTag(0x6000, 0x3000)).Take(overlay.Length).ToArray());
            }
            finally { Directory.Delete(scratch, true); }
        }

        [Theory]
        [InlineData("1.2.840.10008.1.2.1")]
        [InlineData("1.2.840.10008.1.2")]
        [InlineData("1.2.840.10008.1.2.2")]
        public void SaveToFile_GivesTheSameBytesAsSaveToMemory(string transferSyntaxUid)
        {
            var (scratch, source, _, _) = WriteSource();
            try
            {
                var file = DicomFile.Open(source, new DicomReadOptions { LargeValueThreshold = 1024 });
                var options = new DicomWriteOptions { TransferSyntax = DicomTransferSyntax.Lookup(transferSyntaxUid) };
                var memory = new MemoryStream();
                file.Save(memory, options);
                string target = Path.Combine(scratch, "target.dcm");
                file.Save(target, options);
                Assert.Equal(memory.ToArray(), File.ReadAllBytes(target));
            }
            finally { Directory.Delete(scratch, true); }
        }
    }
}
