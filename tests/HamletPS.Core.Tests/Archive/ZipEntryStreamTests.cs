using System;
using System.IO;
using System.Linq;
using HamletPS.Core.Archive;
using HamletPS.Core.Tests.Deidentification;
using HamletPS.TestSupport;
using Xunit;

namespace HamletPS.Core.Tests.Archive
{
    /// <summary>
    /// <see cref="ZipEntryStream"/> over archives written by Python's zipfile (stored and deflated): seeks anywhere return the
    /// bytes Python wrote, and an entry that inflates past its declared size (a zip bomb's lie) is refused, never read past it.
    /// </summary>
    public sealed class ZipEntryStreamTests
    {
        private static (string Zip, byte[] Data) PythonZip(string scratch, string mode, int declared = -1)
        {
            var data = new byte[300_000];
            var random = new Random(7);
            for (int i = 0; i < data.Length; i++) data[i] = (byte)(i % 1000 < 500 ? random.Next(256) : i % 7); // half noise, half compressible
            string input = Path.Combine(scratch, "data.bin"), zip = Path.Combine(scratch, mode + ".zip"), script = Path.Combine(scratch, "make.py");
            File.WriteAllBytes(input, data);
            File.WriteAllText(script,
                "import sys,zipfile,struct\n" +
                "z=zipfile.ZipFile(sys.argv[2],'w',zipfile.ZIP_" + mode + "); z.write(sys.argv[1],'a/data.bin'); z.close()\n" +
                "d=int(sys.argv[3])\n" +
                "if d>=0:\n" +
                "    b=bytearray(open(sys.argv[2],'rb').read()); i=b.find(b'PK\\x03\\x04'); struct.pack_into('<I',b,i+22,d)\n" +
                "    j=b.find(b'PK\\x01\\x02'); struct.pack_into('<I',b,j+24,d); open(sys.argv[2],'wb').write(b)\n");
            var run = DeidTestSupport.Run(DeidTestSupport.Python, script, input, zip, declared.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.True(run.ExitCode == 0, "python3: " + run.StdErr);
            return (zip, data);
        }

        [Theory]
        [InlineData("STORED")]
        [InlineData("DEFLATED")]
        public void EntryStream_SeeksForwardAndBack_ReturnsTheBytesPythonZipped(string mode)
        {
            RequiredPeers.Programs(DeidTestSupport.Python);
            var (zip, data) = PythonZip(DeidTestSupport.NewScratch("zipentry-" + mode), mode);
            using var reader = new ZipArchiveReader(zip);
            using ZipEntryStream s = reader.OpenSeekable(reader.Entries.Single());
            Assert.Equal(data.Length, s.Length);
            var buffer = new byte[1000];
            foreach (int at in new[] { 250_000, 10, 123_456, 299_000, 0, 200_001 })
            {
                s.Position = at;
                int n = 0, got;
                while (n < buffer.Length && (got = s.Read(buffer, n, buffer.Length - n)) > 0) n += got;
                Assert.Equal(Math.Min(buffer.Length, data.Length - at), n);
                Assert.True(buffer.AsSpan(0, n).SequenceEqual(data.AsSpan(at, n)), "bytes differ at " + at);
            }
            s.Position = data.Length;
            Assert.Equal(0, s.Read(buffer, 0, buffer.Length));
        }

        [Fact]
        public void EntryStream_DataInflatingPastItsDeclaredSize_IsRefused_AndNothingPastItIsReturned()
        {
            RequiredPeers.Programs(DeidTestSupport.Python);
            var (zip, _) = PythonZip(DeidTestSupport.NewScratch("zipentry-bomb"), "DEFLATED", declared: 4096);
            using var reader = new ZipArchiveReader(zip);
            using ZipEntryStream s = reader.OpenSeekable(reader.Entries.Single());
            Assert.Equal(4096, s.Length);
            var sink = new MemoryStream();
            var ex = Assert.Throws<InvalidDataException>(() => s.CopyTo(sink));
            Assert.Contains("inflates past its declared size of 4096 bytes", ex.Message);
            Assert.True(sink.Length <= 4096);
        }

        [Fact]
        public void EntryStream_DataEndingBeforeItsDeclaredSize_IsRefused()
        {
            RequiredPeers.Programs(DeidTestSupport.Python);
            var (zip, _) = PythonZip(DeidTestSupport.NewScratch("zipentry-short"), "DEFLATED", declared: 400_000);
            using var reader = new ZipArchiveReader(zip);
            using ZipEntryStream s = reader.OpenSeekable(reader.Entries.Single());
            s.Position = 350_000;
            var ex = Assert.Throws<InvalidDataException>(() => s.Read(new byte[10], 0, 10));
            Assert.Contains("before its declared size", ex.Message);
        }
    }
}
