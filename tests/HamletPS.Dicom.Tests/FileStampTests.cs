using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using HamletPS.Dicom.Data;
using HamletPS.Dicom.Dictionary;
using HamletPS.Dicom.IO;
using Xunit;

namespace HamletPS.Dicom.Tests
{
    /// <summary>
    /// A file's large values are copied from the file when the dataset is written, so the file must still be the one that was
    /// read: its stamp (length and last write time, from the open file) is checked on the file actually opened for the copy.
    /// </summary>
    public sealed class FileStampTests
    {
        private static (string Scratch, string Source) WriteSource()
        {
            string scratch = TestPaths.NewScratch("stamp");
            var ds = WrittenFromScratchTests.BuildCtSlice();
            ds.AddOrUpdate(DicomTags.PixelData, DicomVR.OW, Enumerable.Range(0, 200000).Select(i => (byte)i).ToArray());
            string source = Path.Combine(scratch, "source.dcm");
            new DicomFile(ds).Save(source);
            return (scratch, source);
        }

        private static DicomFile OpenReferencing(string source)
        {
            var file = DicomFile.Open(source, new DicomReadOptions { LargeValueThreshold = 1024 });
            Assert.True(file.Dataset[DicomTags.PixelData].IsReference);
            return file;
        }

        [Fact]
        public void StampOfTheOpenFile_EqualsTheStampOfItsPath()
        {
            var (scratch, source) = WriteSource();
            try
            {
                File.SetLastWriteTimeUtc(source, new DateTime(2024, 2, 29, 13, 14, 15, DateTimeKind.Utc).AddTicks(1234567));
                using (var fs = new FileStream(source, FileMode.Open, FileAccess.Read))
                {
                    FileStamp open = FileStamp.Of(fs), byPath = FileStamp.OfPath(source);
                    Assert.Equal(byPath, open);
                    Assert.Equal(new FileInfo(source).Length, open.Length);
                    Assert.Equal(new FileInfo(source).LastWriteTimeUtc.Ticks, open.LastWriteUtcTicks);
                }
                Assert.Equal(-1, FileStamp.OfPath(Path.Combine(scratch, "missing.dcm")).Length);
            }
            finally { Directory.Delete(scratch, true); }
        }

        [Fact]
        public void Save_AfterTheSourceWasRewrittenWithTheSameLength_FailsAndLeavesNoOutput()
        {
            var (scratch, source) = WriteSource();
            try
            {
                var file = OpenReferencing(source);
                byte[] bytes = File.ReadAllBytes(source);
                bytes[bytes.Length - 1] ^= 0xFF;
                File.WriteAllBytes(source, bytes);
                File.SetLastWriteTimeUtc(source, File.GetLastWriteTimeUtc(source).AddSeconds(5)); // whatever the clock's resolution
                string target = Path.Combine(scratch, "out", "target.dcm");
                var ex = Assert.ThrowsAny<IOException>(() => file.Save(target));
                Assert.Contains("changed or disappeared", ex.Message);
                Assert.False(Directory.Exists(Path.Combine(scratch, "out")) && Directory.EnumerateFileSystemEntries(Path.Combine(scratch, "out")).Any());
            }
            finally { Directory.Delete(scratch, true); }
        }

        [Fact]
        public void Save_AfterTheSourceWasTruncatedOrDeleted_FailsWithTheSameReason()
        {
            var (scratch, source) = WriteSource();
            try
            {
                var file = OpenReferencing(source);
                using (var fs = new FileStream(source, FileMode.Open, FileAccess.Write)) fs.SetLength(fs.Length - 10);
                Assert.Contains("changed or disappeared", Assert.ThrowsAny<IOException>(() => file.Save(new MemoryStream())).Message);

                var again = OpenReferencing(WriteSource().Source);
                string second = again.SourceName;
                File.Delete(second);
                var ex = Assert.ThrowsAny<IOException>(() => again.Save(new MemoryStream()));
                Assert.IsNotType<FileNotFoundException>(ex);
                Assert.Contains("changed or disappeared", ex.Message);
                Directory.Delete(Path.GetDirectoryName(second), true);
            }
            finally { Directory.Delete(scratch, true); }
        }
    }
}
