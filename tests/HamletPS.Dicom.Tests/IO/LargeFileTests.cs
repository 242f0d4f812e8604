using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using HamletPS.Dicom.Data;
using HamletPS.Dicom.Dictionary;
using HamletPS.Dicom.IO;
using Xunit;

namespace HamletPS.Dicom.Tests
{
    /// <summary>
    /// A Part 10 file larger than 2 GiB (Pixel Data of exactly 2 GiB, so its bytes cross the 2^31 file offset) is read and
    /// rewritten with bounded memory. The source is made cheaply: our writer writes the header, the Pixel Data element header is
    /// written by hand and its value is a sparse hole (FileStream.SetLength) with marker bytes at the start, across the 2 GiB
    /// file offset, in the middle and at the end. Outputs are checked independently: dcmdump (not loading long values) lists the
    /// element with the right length, and the markers are read back at their offsets from the end of the output file.
    /// </summary>
    /// <remarks>Each test copies 2 GiB through the page cache: 2-5 s on a quiet machine, more under load (hence the trait).</remarks>
    [Collection(MemoryMeasuredCollection.Name)]
    [Trait("Category", "Large")]
    public sealed class LargeFileTests : IClassFixture<LargeFileTests.SparseSource>
    {
        private const long MemoryBound = 64L * 1024 * 1024;
        private readonly SparseSource _source;
        private readonly ITestOutputHelper _log;

        public LargeFileTests(SparseSource source, ITestOutputHelper log)
        {
            _source = source;
            _log = log;
        }

        [Fact]
        public void TwoGiBPixelData_IsReferencedAndRewrittenAsImplicitVRLittleEndian_WithBoundedMemory() =>
            RewriteAndCheck("implicit.dcm", DicomTransferSyntax.ImplicitVRLittleEndian, DicomUids.ImplicitVRLittleEndian, swapUnits: false);

        [Fact]
        public void TwoGiBPixelData_IsReferencedAndRewrittenAsExplicitVRBigEndian_SwappingEveryWord_WithBoundedMemory() =>
            RewriteAndCheck("bigendian.dcm", DicomTransferSyntax.ExplicitVRBigEndian, DicomUids.ExplicitVRBigEndian, swapUnits: true);

        private void RewriteAndCheck(string fileName, DicomTransferSyntax syntax, string syntaxUid, bool swapUnits)
        {
            string output = Path.Combine(_source.Folder, fileName);
            try
            {
                var clock = System.Diagnostics.Stopwatch.StartNew();
                RewriteWithBoundedMemory(output, syntax);
                _log.WriteLine("rewrite " + clock.ElapsedMilliseconds + " ms");
                CheckWithDcmdump(output, syntaxUid);
                _log.WriteLine("dcmdump " + clock.ElapsedMilliseconds + " ms");
                CheckMarkers(output, swapUnits);
            }
            finally
            {
                File.Delete(output);
            }
        }

        private void RewriteWithBoundedMemory(string output, DicomTransferSyntax syntax)
        {
            var blocks = ProcessRunner.Run("stat", "-c", "%b %B", _source.Path);
            if (blocks.ExitCode == 0)
            {
                string[] parts = blocks.StdOut.Trim().Split(' ');
                long allocated = long.Parse(parts[0], CultureInfo.InvariantCulture) * long.Parse(parts[1], CultureInfo.InvariantCulture);
                _log.WriteLine("source: " + new FileInfo(_source.Path).Length + " bytes, " + allocated + " allocated on disk" +
                    (allocated < 64 * 1024 * 1024 ? " (sparse)" : " (this filesystem does not keep holes: the test is slower)"));
            }
            GC.Collect();
            GC.WaitForPendingFinalizers();
            bool peakReset = ProcessMemory.TryResetPeak();
            long residentBefore = ProcessMemory.Resident;
            long threadAllocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            long totalAllocatedBefore = GC.GetTotalAllocatedBytes(true);

            var file = DicomFile.Open(_source.Path);
            DicomElement pixels = file.Dataset[DicomTags.PixelData];
            Assert.True(pixels.IsReference, "Pixel Data was loaded into memory");
            Assert.Equal(SparseSource.ValueLength, pixels.Length);
            file.Save(output, new DicomWriteOptions { TransferSyntax = syntax });

            long threadAllocated = GC.GetAllocatedBytesForCurrentThread() - threadAllocatedBefore;
            long totalAllocated = GC.GetTotalAllocatedBytes(true) - totalAllocatedBefore;
            long peakGrowth = ProcessMemory.Peak - residentBefore;
            _log.WriteLine(string.Format(CultureInfo.InvariantCulture,
                "{0}: output {1} bytes; managed allocations {2:F1} MiB on this thread, {3:F1} MiB in the process; peak resident growth {4:F1} MiB{5}",
                syntax.Name, new FileInfo(output).Length, threadAllocated / 1048576.0, totalAllocated / 1048576.0, peakGrowth / 1048576.0,
                peakReset ? "" : " (peak could not be reset: lifetime peak)"));
            Assert.InRange(threadAllocated, 0, MemoryBound);
            Assert.InRange(totalAllocated, 0, MemoryBound);
            Assert.InRange(peakGrowth, long.MinValue, MemoryBound);
        }

        /// <summary>dcmdump, told not to load long values, must parse the output without a warning and list Pixel Data with its length.</summary>
        private static void CheckWithDcmdump(string output, string transferSyntaxUid)
        {
            var run = ProcessRunner.Run("dcmdump", "-M", "-Un", output);
            Assert.True(run.ExitCode == 0, "dcmdump failed: " + run.StdErr);
            Assert.Equal(string.Empty, run.StdErr.Trim());
            Assert.Contains("[" + transferSyntaxUid + "]", run.StdOut.Split('\n').Single(l => l.StartsWith("(0002,0010)", StringComparison.Ordinal)));
            string pixelLine = run.StdOut.Split('\n').Single(l => l.StartsWith("(7fe0,0010)", StringComparison.Ordinal));
            Assert.Matches(new Regex(@"#\s+" + SparseSource.ValueLength.ToString(CultureInfo.InvariantCulture) + @",\s+1\s+PixelData"), pixelLine);
            Assert.Contains("[CT]", run.StdOut.Split('\n').Single(l => l.StartsWith("(0008,0060)", StringComparison.Ordinal)));
        }

        /// <summary>The value is the last thing in the file, so it starts at (file length - value length), whatever the header became.</summary>
        private void CheckMarkers(string output, bool swapUnits)
        {
            long length = new FileInfo(output).Length;
            Assert.True(length > SparseSource.ValueLength, "output shorter than its pixel data");
            long valueStart = length - SparseSource.ValueLength;
            using (var fs = new FileStream(output, FileMode.Open, FileAccess.Read))
            {
                foreach (var marker in SparseSource.Markers(_source.ValueStartInSource))
                {
                    byte[] expected = (byte[])marker.Value.Clone();
                    if (swapUnits)
                        for (int i = 0; i + 1 < expected.Length; i += 2) (expected[i], expected[i + 1]) = (expected[i + 1], expected[i]);
                    var actual = new byte[expected.Length];
                    fs.Position = valueStart + marker.Key;
                    fs.ReadExactly(actual);
                    Assert.True(expected.SequenceEqual(actual), "marker at value offset " + marker.Key + " differs");
                }
                // a zero stretch between markers stays zero (the hole was copied, not skipped or shifted)
                var zeros = new byte[4096];
                fs.Position = valueStart + SparseSource.ValueLength / 4;
                fs.ReadExactly(zeros);
                Assert.All(zeros, b => Assert.Equal(0, b));
            }
        }

        /// <summary>The sparse source file, made once for the class in a scratch folder under the temp folder and deleted after.</summary>
        public sealed class SparseSource : IDisposable
        {
            /// <summary>32768 x 32768 pixels of 16 bits: exactly 2 GiB.</summary>
            public const long ValueLength = 32768L * 32768 * 2;

            public SparseSource()
            {
                Folder = TestPaths.NewScratch("large-file");
                Path = System.IO.Path.Combine(Folder, "source.dcm");
                var ds = new DicomDataset();
                ds.AddOrUpdate(DicomTags.SOPClassUID, DicomUids.CTImageStorage);
                ds.AddOrUpdate(DicomTags.SOPInstanceUID, "2.25.20261123" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
                ds.AddOrUpdate(DicomTags.Modality, "CT");
                ds.AddOrUpdate(DicomTags.SamplesPerPixel, 1);
                ds.AddOrUpdate(DicomTags.PhotometricInterpretation, "MONOCHROME2");
                ds.AddOrUpdate(DicomTags.Rows, 32768);
                ds.AddOrUpdate(DicomTags.Columns, 32768);
                ds.AddOrUpdate(DicomTags.BitsAllocated, 16);
                ds.AddOrUpdate(DicomTags.BitsStored, 16);
                ds.AddOrUpdate(DicomTags.HighBit, 15);
                ds.AddOrUpdate(DicomTags.PixelRepresentation, 0);
                using (var fs = new FileStream(Path, FileMode.CreateNew, FileAccess.ReadWrite))
                {
                    new DicomFile(ds).Save(fs);
                    // (7FE0,0010) OW, reserved 0000, 32-bit length: explicit VR little endian, written by hand
                    fs.Write(new byte[] { 0xE0, 0x7F, 0x10, 0x00, (byte)'O', (byte)'W', 0, 0 });
                    fs.Write(BitConverter.GetBytes((uint)ValueLength));
                    ValueStartInSource = fs.Position;
                    fs.SetLength(ValueStartInSource + ValueLength); // a hole: reads as zeros, takes no disk blocks where sparse files exist
                    foreach (var marker in Markers(ValueStartInSource))
                    {
                        fs.Position = ValueStartInSource + marker.Key;
                        fs.Write(marker.Value);
                    }
                }
            }

            public string Folder { get; }

            public string Path { get; }

            /// <summary>Byte offset of the value in the source.</summary>
            public long ValueStartInSource { get; }

            /// <summary>
            /// Marker bytes by offset within the value: at the start, across the 2^31 file offset of the source, in the middle and
            /// at the end. Offsets are even so that 16-bit words stay whole.
            /// </summary>
            public static IEnumerable<KeyValuePair<long, byte[]>> Markers(long valueStartInSource)
            {
                long boundary = (1L << 31) - valueStartInSource - 8;
                boundary -= boundary & 1;
                yield return Marker(0, 0x11);
                yield return Marker(boundary, 0x22);
                yield return Marker(ValueLength / 2 + 2, 0x33);
                yield return Marker(ValueLength - 16, 0x44);
            }

            private static KeyValuePair<long, byte[]> Marker(long offset, byte seed)
            {
                var bytes = new byte[16];
                for (int i = 0; i < bytes.Length; i++) bytes[i] = (byte)(seed + i * 7);
                return new KeyValuePair<long, byte[]>(offset, bytes);
            }

            public void Dispose()
            {
                try { Directory.Delete(Folder, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            }
        }
    }
}
