using System;
using System.IO;
using HamletPS.Dicom.Data;
using HamletPS.Dicom.IO;
using HamletPS.Synthetic;
using Xunit;

namespace HamletPS.Dicom.Tests
{
    /// <summary>
    /// A few hundred kilobytes must not cost gigabytes: deflate bombs and floods of tiny elements are refused with a
    /// DicomFormatException naming the file, the byte offset and the limit, within bounded memory (measured in-process).
    /// </summary>
    [Collection(MemoryMeasuredCollection.Name)]
    public class ExpansionLimitTests
    {
        private const long MiB = 1024 * 1024;

        [Fact]
        public void DeflateBomb_DeclaringAValueLargerThanTheInflationLimit_IsRefusedAtItsHeader_WithoutAllocating()
        {
            string scratch = TestPaths.NewScratch("bomb-one");
            string path = Path.Combine(scratch, "bomb.dcm");
            // 1.5 GiB declared, 512 MiB of zeros really there: about half a megabyte on disk.
            HostileDicom.WriteDeflateBombOneValue(path, "2.25.1001", 0x60000000u, 512 * MiB);
            Assert.InRange(new FileInfo(path).Length, 1, 2 * MiB);

            foreach (var options in new[] { DicomReadOptions.Default, DicomReadOptions.HeaderOnly })
            {
                long allocated = Allocated(() =>
                {
                    var ex = Assert.Throws<DicomFormatException>(() => DicomFile.Open(path, options));
                    Assert.Equal(Path.GetFullPath(path), ex.Source);
                    Assert.Contains("byte offset " + ex.Offset, ex.Message);
                    Assert.Contains("(0009,1001)", ex.Message);
                    Assert.Contains("limit of " + DicomReadOptions.Default.MaxInflatedLength + " bytes", ex.Message);
                });
                Assert.True(allocated < 16 * MiB, "allocated " + allocated / MiB + " MiB");
            }
        }

        [Fact]
        public void DeflateBomb_OfManyLegalValues_StopsAtTheInflationLimit_WithMemoryBoundedByIt()
        {
            string scratch = TestPaths.NewScratch("bomb-many");
            string path = Path.Combine(scratch, "bomb.dcm");
            HostileDicom.WriteDeflateBombManyValues(path, "2.25.1002", 4000, 60000); // 240 MB inflated
            var options = new DicomReadOptions { MaxInflatedLength = 16 * MiB };
            long allocated = Allocated(() =>
            {
                var ex = Assert.Throws<DicomFormatException>(() => DicomFile.Open(path, options));
                Assert.Contains("inflated", ex.Message);
                Assert.Contains("limit of " + 16 * MiB + " bytes", ex.Message);
                Assert.InRange(ex.Offset, 15 * MiB, 16 * MiB);
            });
            Assert.True(allocated < 40 * MiB, "allocated " + allocated / MiB + " MiB for a limit of 16 MiB");
        }

        [Fact]
        public void TinyElementFlood_IsRefusedAtTheMemoryLimit()
        {
            string scratch = TestPaths.NewScratch("flood");
            string path = Path.Combine(scratch, "flood.dcm");
            HostileDicom.WriteTinyElementFlood(path, "2.25.1003", 1_000_000); // 22 MB on disk, 2 million objects
            var options = new DicomReadOptions { MaxMemory = 16 * MiB };
            long allocated = Allocated(() =>
            {
                var ex = Assert.Throws<DicomFormatException>(() => DicomFile.Open(path, options));
                Assert.Contains("DicomReadOptions.MaxMemory", ex.Message);
                Assert.InRange(ex.Offset, 1, new FileInfo(path).Length);
            });
            Assert.True(allocated < 48 * MiB, "allocated " + allocated / MiB + " MiB for a limit of 16 MiB");
        }

        [Fact]
        public void ElementOverhead_CoversWhatAnElementAndAnItemReallyCost()
        {
            string scratch = TestPaths.NewScratch("flood-cost");
            string path = Path.Combine(scratch, "flood.dcm");
            const int items = 200_000;
            HostileDicom.WriteTinyElementFlood(path, "2.25.1004", items);
            DicomFile file = null;
            long allocated = Allocated(() => file = DicomFile.Open(path));
            long perObject = allocated / (2L * items);
            Assert.Equal(items, file.Dataset.GetItems(new DicomTag(0x0009, 0x1002)).Count);
            Assert.True(perObject <= DicomReadOptions.ElementOverhead, perObject + " bytes allocated per element or item, " + DicomReadOptions.ElementOverhead + " charged");
        }

        [Fact]
        public void UnderTheLimits_TheSameStructuresAreRead()
        {
            string scratch = TestPaths.NewScratch("bomb-small");
            string path = Path.Combine(scratch, "small.dcm");
            HostileDicom.WriteDeflateBombManyValues(path, "2.25.1005", 10, 60000);
            var file = DicomFile.Open(path);
            Assert.Equal(HostileDicom.PatientId, file.Dataset.GetString(new DicomTag(0x0010, 0x0020)));
            Assert.Equal(10, file.Dataset.GetItems(new DicomTag(0x0009, 0x1002)).Count);
        }

        [Fact]
        public void ElementsOutOfTagOrder_AreSortedIn_UpToTheLimit()
        {
            string scratch = TestPaths.NewScratch("disorder");
            foreach (int count in new[] { 4000, 5000 })
            {
                // a private block of (0009,1000..) elements written last to first: each one an insertion at the front
                var ms = new MemoryStream();
                ms.Write(new byte[] { 0x08, 0x00, 0x16, 0x00, (byte)'U', (byte)'I', 2, 0, (byte)'1', 0 });
                ms.Write(new byte[] { 0x09, 0x00, 0x10, 0x00, (byte)'L', (byte)'O', 4, 0 });
                ms.Write(System.Text.Encoding.ASCII.GetBytes("DIS "));
                for (int i = count - 1; i >= 0; i--)
                {
                    ushort element = (ushort)(0x1000 + i);
                    ms.Write(new byte[] { 0x09, 0x00, (byte)(element & 0xFF), (byte)(element >> 8), (byte)'U', (byte)'S', 2, 0, 1, 0 });
                }
                string path = Path.Combine(scratch, count + ".dcm");
                File.WriteAllBytes(path, ms.ToArray());
                if (count - 1 <= 4096)
                    Assert.Equal(count + 2, DicomFile.Open(path).Dataset.Count);
                else
                {
                    var ex = Assert.Throws<DicomFormatException>(() => DicomFile.Open(path));
                    Assert.Contains("more than 4096 elements out of tag order", ex.Message);
                }
            }
        }

        private static long Allocated(Action action)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            long before = GC.GetTotalAllocatedBytes(true);
            action();
            return GC.GetTotalAllocatedBytes(true) - before;
        }
    }
}
