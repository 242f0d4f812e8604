using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using HamletPS.Dicom.Data;
using HamletPS.Dicom.IO;
using Xunit;

namespace HamletPS.Dicom.Tests
{
    /// <summary>
    /// Fixed-seed mutations of corpus files (byte flips, truncations, huge length fields, deep nesting): the reader must only
    /// ever throw DicomFormatException (with the source and an offset inside the data), never hang, and never allocate in
    /// proportion to a corrupted length field.
    /// </summary>
    public class FuzzTests
    {
        private const int Seed = 20240601;
        private const int CasesPerFile = 180;
        private static readonly TimeSpan HangLimit = TimeSpan.FromSeconds(20); // a hang detector, not a speed test

        private static readonly string[] Sample =
        {
            "test_files/CT_small.dcm", "test_files/MR_small_implicit.dcm", "test_files/MR_small_bigendian.dcm", "test_files/image_dfl.dcm",
            "test_files/rtplan.dcm", "test_files/rtstruct.dcm", "test_files/rtdose_rle_1frame.dcm", "test_files/JPEG2000.dcm",
            "test_files/UN_sequence.dcm", "test_files/nested_priv_SQ.dcm", "test_files/ExplVR_BigEndNoMeta.dcm", "test_files/no_meta_group_length.dcm",
            "test_files/reportsi.dcm", "test_files/waveform_ecg.dcm", "charset_files/chrH31.dcm", "test_files/SC_rgb_rle_2frame.dcm",
        };

        public static IEnumerable<object[]> Files() =>
            Sample.Select(s => Path.Combine(TestPaths.PydicomData, s)).Where(File.Exists).Select(p => new object[] { Path.GetRelativePath(TestPaths.PydicomData, p) });

        [Theory]
        [MemberData(nameof(Files))]
        public void Mutations_OnlyEverThrowDicomFormatException(string relative)
        {
            byte[] original = File.ReadAllBytes(Path.Combine(TestPaths.PydicomData, relative));
            var random = new Random(Seed + relative.Sum(ch => ch)); // fixed per file (string.GetHashCode is randomised per process)
            var failures = new List<string>();
            int rejected = 0;
            for (int c = 0; c < CasesPerFile; c++)
            {
                var (data, kind) = Mutate(original, random);
                bool seekable = c % 4 != 3; // every fourth case through a non-seekable stream (length unknown)
                string problem = RunCase(data, relative + "#" + c, seekable, out bool wasRejected);
                if (wasRejected) rejected++;
                if (problem != null) failures.Add("case " + c + " (" + kind + (seekable ? "" : ", non-seekable") + "): " + problem);
            }
            Assert.True(failures.Count == 0, string.Join("\n", failures.Take(20)));
            Assert.True(rejected > CasesPerFile / 10, "only " + rejected + " of " + CasesPerFile + " mutations were rejected: the mutator is too weak");
        }

        [Theory]
        [InlineData(true, 200)]
        [InlineData(false, 200)]
        [InlineData(true, 20000)]
        [InlineData(false, 20000)]
        public void DeepNesting_IsRejectedWithoutStackOverflow(bool explicitVR, int depth)
        {
            var ms = new MemoryStream();
            var w = new BinaryWriter(ms);
            for (int i = 0; i < depth; i++)
            {
                w.Write((ushort)0x0008); w.Write((ushort)0x1115);
                if (explicitVR) { w.Write((byte)'S'); w.Write((byte)'Q'); w.Write((ushort)0); }
                w.Write(0xFFFFFFFFu);
                w.Write((ushort)0xFFFE); w.Write((ushort)0xE000); w.Write(0xFFFFFFFFu);
            }
            var ex = Assert.Throws<DicomFormatException>(() => DicomFile.Read(new MemoryStream(ms.ToArray()), "nested"));
            Assert.Contains("nested deeper", ex.Reason);
            Assert.Equal("nested", ex.Source);
        }

        [Fact]
        public void HugeLengthField_IsRejectedBeforeAllocating()
        {
            var ds = WrittenFromScratchTests.BuildCtSlice();
            var ms = new MemoryStream();
            new DicomFile(ds).Save(ms);
            byte[] bytes = ms.ToArray();
            // Patient ID (0010,0020) LO: set its 16-bit length to 0xFFFF, and a UN/OW length to 0xFFFFFFF0
            int at = IndexOf(bytes, new byte[] { 0x10, 0x00, 0x20, 0x00, (byte)'L', (byte)'O' });
            bytes[at + 6] = 0xFF; bytes[at + 7] = 0xFF;
            long before = GC.GetAllocatedBytesForCurrentThread();
            var ex = Assert.Throws<DicomFormatException>(() => DicomFile.Read(new NonSeekableStream(new MemoryStream(bytes)), "huge"));
            Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 4 << 20);
            Assert.Equal(at, ex.Offset);

            int pix = IndexOf(bytes, new byte[] { 0xE0, 0x7F, 0x10, 0x00, (byte)'O', (byte)'W' });
            bytes[at + 6] = (byte)"HAMLET-001".Length; bytes[at + 7] = 0;
            BitConverter.GetBytes(0xFFFFFFF0u).CopyTo(bytes, pix + 8);
            before = GC.GetAllocatedBytesForCurrentThread();
            ex = Assert.Throws<DicomFormatException>(() => DicomFile.Read(new MemoryStream(bytes), "huge"));
            Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 4 << 20);
            Assert.Equal(pix, ex.Offset);
            Assert.Contains("exceeds", ex.Reason);
        }

        private static int IndexOf(byte[] hay, byte[] needle)
        {
            for (int i = 0; i + needle.Length <= hay.Length; i++)
                if (hay.AsSpan(i, needle.Length).SequenceEqual(needle)) return i;
            throw new InvalidOperationException("pattern not found");
        }

        private static (byte[], string) Mutate(byte[] original, Random r)
        {
            var data = (byte[])original.Clone();
            int kind = r.Next(6);
            switch (kind)
            {
                case 0: // byte flips
                    int flips = 1 + r.Next(8);
                    for (int i = 0; i < flips; i++) data[r.Next(data.Length)] ^= (byte)(1 << r.Next(8));
                    return (data, "flips");
                case 1: // random bytes in the header area
                    int n = 1 + r.Next(4);
                    for (int i = 0; i < n; i++) data[r.Next(Math.Min(data.Length, 2048))] = (byte)r.Next(256);
                    return (data, "header bytes");
                case 2: // truncation
                    return (data.AsSpan(0, r.Next(data.Length)).ToArray(), "truncation");
                case 3: // huge 32-bit value somewhere in the first 4 KiB (often a length field)
                    {
                        int p = r.Next(Math.Max(1, Math.Min(data.Length, 4096) - 4));
                        uint v = new[] { 0xFFFFFFF0u, 0x7FFFFFFFu, 0xFFFFFFFFu, 0x80000000u, (uint)data.Length * 2 }[r.Next(5)];
                        BitConverter.GetBytes(v).CopyTo(data, p);
                        return (data, "huge 32-bit");
                    }
                case 4: // huge 16-bit value (short explicit lengths)
                    {
                        int p = r.Next(Math.Max(1, Math.Min(data.Length, 4096) - 2));
                        data[p] = 0xFF; data[p + 1] = (byte)(r.Next(2) == 0 ? 0xFF : 0x7F);
                        return (data, "huge 16-bit");
                    }
                default: // a chunk duplicated or removed (misaligned structure)
                    {
                        int p = r.Next(data.Length), len = 1 + r.Next(Math.Min(64, data.Length - p));
                        var list = data.ToList();
                        if (r.Next(2) == 0) list.RemoveRange(p, Math.Min(len, list.Count - p));
                        else list.InsertRange(p, data.Skip(p).Take(len));
                        return (list.ToArray(), "splice");
                    }
            }
        }

        private static string RunCase(byte[] data, string name, bool seekable, out bool rejected)
        {
            bool wasRejected = false;
            string problem = null;
            var task = Task.Run(() =>
            {
                long before = GC.GetAllocatedBytesForCurrentThread();
                try
                {
                    Stream s = new MemoryStream(data, false);
                    if (!seekable) s = new NonSeekableStream(s);
                    var file = DicomFile.Read(s, name);
                    file.Dataset.ToDumpString();
                    foreach (var e in file.Dataset) _ = file.Dataset.GetValueCount(e.Tag);
                    try { file.Save(new MemoryStream()); }
                    catch (InvalidOperationException) { } // documented refusals: encapsulated vs native pixel data
                    catch (NotSupportedException) { }     // DICOMDIR
                }
                catch (DicomFormatException ex)
                {
                    wasRejected = true;
                    if (ex.Source != name) problem = "exception names " + ex.Source;
                    else if (ex.Offset < 0 || (seekable && !ex.Reason.Contains("inflated") && ex.Offset > data.Length)) problem = "offset " + ex.Offset + " outside the data";
                }
                catch (Exception ex)
                {
                    problem = ex.GetType().Name + ": " + ex.Message + "\n" + ex.StackTrace;
                }
                long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
                long budget = 16L * data.Length + (8 << 20);
                if (problem == null && allocated > budget) problem = "allocated " + allocated + " bytes for " + data.Length + " bytes of input";
            });
            if (!task.Wait(HangLimit)) problem = "no result within " + HangLimit.TotalSeconds + " s (hang)";
            rejected = wasRejected;
            return problem;
        }

        /// <summary>A stream that hides its length and position (like a network or inflater stream).</summary>
        internal sealed class NonSeekableStream : ForwardReadStream
        {
            private readonly Stream _inner;
            public NonSeekableStream(Stream inner) { _inner = inner; }
            public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);
        }
    }
}
