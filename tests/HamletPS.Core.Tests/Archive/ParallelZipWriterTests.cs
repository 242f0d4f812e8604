using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using HamletPS.Core.Archive;
using Xunit;
using static HamletPS.Core.Tests.Archive.ArchiveTestSupport;

namespace HamletPS.Core.Tests.Archive
{
    public class ParallelZipWriterTests
    {
        private static Dictionary<string, byte[]> MixedContent() => new Dictionary<string, byte[]>
        {
            ["123-1001/1.2.3/CT_1_1.2.3.4/1.2.3.4.1.dcm"] = ImageLike(512 * 1024, 1),
            ["123-1001/1.2.3/CT_1_1.2.3.4/1.2.3.4.2.dcm"] = ImageLike(300 * 1024 + 7, 2),
            ["123-1001/1.2.3/RTDOSE_3_1.2.3.9/1.2.3.9.1.dcm"] = Random(200 * 1024, 3),
            ["123-1001/empty.dcm"] = new byte[0],
            ["123-1001/tiny.txt"] = new byte[] { 65 },
            ["123-1002/Ünïcode-名前.dcm"] = ImageLike(10000, 4),
        };

        private static ZipWriteResult WriteAll(string zip, TempFolder src, Dictionary<string, byte[]> content, ParallelZipWriterOptions options,
            ZipCompressionMethod method = ZipCompressionMethod.Deflate, int level = 6)
        {
            using (var writer = new ParallelZipWriter(zip, options))
            {
                foreach (var kv in content) writer.AddFile(kv.Key, src.WriteFile(kv.Key, kv.Value), method, level);
                return writer.Complete();
            }
        }

        private static void AssertPeersReadIdentical(string zip, Dictionary<string, byte[]> content, TempFolder tmp)
        {
            AssertUnzipTestPasses(zip);
            string extracted = tmp.Combine("py-extract");
            List<PythonEntry> entries = InspectWithPython(zip, extracted);
            Assert.Equal(content.Keys.OrderBy(k => k, StringComparer.Ordinal), entries.Select(e => e.Name).OrderBy(k => k, StringComparer.Ordinal));
            foreach (var kv in content)
            {
                byte[] back = File.ReadAllBytes(Path.Combine(extracted, kv.Key));
                Assert.Equal(kv.Value, back);
            }
        }

        [Fact]
        public void Archive_OpensWithUnzipAndPython_AndExtractsIdenticalBytes()
        {
            using var tmp = new TempFolder();
            var content = MixedContent();
            string zip = tmp.Combine("out", "a.zip");
            Directory.CreateDirectory(Path.GetDirectoryName(zip));
            ZipWriteResult result = WriteAll(zip, tmp, content, new ParallelZipWriterOptions { MaxDegreeOfParallelism = 3 });

            Assert.False(result.Zip64);
            Assert.False(HasZip64EndRecords(zip));
            AssertPeersReadIdentical(zip, content, tmp);
            Assert.Equal(content.Keys, result.Entries.Select(e => e.EntryPath)); // written in the order added
            foreach (ZipEntryResult e in result.Entries) Assert.Equal(Sha256Hex(content[e.EntryPath]), e.Sha256);
            Assert.Equal(new FileInfo(zip).Length, result.BytesOut);
            Assert.Equal(content.Values.Sum(v => (long)v.Length), result.BytesIn);
        }

        [Fact]
        public void NonAsciiNames_CarryTheUtf8Flag_AndTimestampsAreDosDates()
        {
            using var tmp = new TempFolder();
            var content = MixedContent();
            string zip = tmp.Combine("a.zip");
            WriteAll(zip, tmp, content, null);
            var entries = InspectWithPython(zip);
            Assert.True(entries.Single(e => e.Name.StartsWith("123-1002/")).Utf8Flag);
            Assert.False(entries.Single(e => e.Name == "123-1001/tiny.txt").Utf8Flag);
            Assert.All(entries, e => Assert.Equal(DateTime.Now.Year, e.Year));
        }

        [Fact]
        public void ForcedZip64_OpensWithUnzipAndPython()
        {
            using var tmp = new TempFolder();
            var content = MixedContent();
            string zip = tmp.Combine("z64.zip");
            ZipWriteResult result = WriteAll(zip, tmp, content, new ParallelZipWriterOptions { ForceZip64 = true });
            Assert.True(result.Zip64);
            Assert.True(HasZip64EndRecords(zip));
            Assert.All(result.Entries, e => Assert.True(e.Zip64));
            AssertPeersReadIdentical(zip, content, tmp);
            using var reader = new ZipArchiveReader(zip);
            Assert.True(reader.Zip64);
            Assert.All(reader.Entries, e => Assert.True(e.Zip64));
        }

        [Fact]
        public void OffsetsBeyondTheLimit_GetZip64Fields_AndPeersFollowThem()
        {
            // The 4 GiB limit lowered to 256 KiB: later entries' offsets and the directory position exceed it naturally.
            using var tmp = new TempFolder();
            var content = Enumerable.Range(0, 6).ToDictionary(i => $"s/{i}.bin", i => Random(100 * 1024, 10 + i));
            string zip = tmp.Combine("offsets.zip");
            ZipWriteResult result = WriteAll(zip, tmp, content, new ParallelZipWriterOptions { Zip64SizeLimit = 256 * 1024 });
            Assert.True(result.Zip64);
            Assert.False(result.Entries[0].Zip64);
            Assert.True(result.Entries[5].Zip64);
            AssertPeersReadIdentical(zip, content, tmp);
            var py = InspectWithPython(zip);
            foreach (ZipEntryResult e in result.Entries) Assert.Equal(e.LocalHeaderOffset, py.Single(p => p.Name == e.EntryPath).Offset);
        }

        [Fact]
        public void SizesBeyondTheLimit_GetZip64LocalAndCentralFields()
        {
            using var tmp = new TempFolder();
            var content = new Dictionary<string, byte[]> { ["small.bin"] = Random(1000, 1), ["big.bin"] = ImageLike(300 * 1024, 2) };
            string zip = tmp.Combine("sizes.zip");
            ZipWriteResult result = WriteAll(zip, tmp, content, new ParallelZipWriterOptions { Zip64SizeLimit = 200 * 1024 });
            Assert.False(result.Entries[0].Zip64);
            Assert.True(result.Entries[1].Zip64);
            AssertPeersReadIdentical(zip, content, tmp);
        }

        [Fact]
        public void MoreThan65535Entries_WritesZip64EndRecords_ReadByPeers()
        {
            using var tmp = new TempFolder();
            string zip = tmp.Combine("many.zip");
            const int count = 65540;
            using (var writer = new ParallelZipWriter(zip))
            {
                for (int i = 0; i < count; i++) writer.AddBytes($"d{i / 1000}/f{i}.txt", BitConverter.GetBytes(i), ZipCompressionMethod.Store, 6);
                ZipWriteResult result = writer.Complete();
                Assert.True(result.Zip64);
                Assert.False(result.Entries[0].Zip64); // only the end records need ZIP64
            }
            Assert.True(HasZip64EndRecords(zip));
            AssertUnzipTestPasses(zip);
            var py = InspectWithPython(zip);
            Assert.Equal(count, py.Count);
            Assert.Equal(Sha256Hex(BitConverter.GetBytes(65539)), py.Single(e => e.Name == "d65/f65539.txt").Sha256);
        }

        [Fact]
        public void IncompressibleData_IsStored_CompressibleDataIsDeflated_StoreHintIsHonoured()
        {
            using var tmp = new TempFolder();
            string zip = tmp.Combine("m.zip");
            using (var writer = new ParallelZipWriter(zip))
            {
                writer.AddFile("random.bin", tmp.WriteFile("src/random.bin", Random(64 * 1024, 5)));
                writer.AddFile("image.bin", tmp.WriteFile("src/image.bin", ImageLike(64 * 1024, 6)));
                writer.AddFile("hinted.bin", tmp.WriteFile("src/hinted.bin", ImageLike(64 * 1024, 7)), ZipCompressionMethod.Store);
                writer.AddFile("level0.bin", tmp.WriteFile("src/level0.bin", ImageLike(64 * 1024, 8)), ZipCompressionMethod.Deflate, 0);
                var r = writer.Complete();
                Assert.Equal(ZipCompressionMethod.Store, r.Entries[0].Method);
                Assert.Equal(ZipCompressionMethod.Deflate, r.Entries[1].Method);
                Assert.True(r.Entries[1].CompressedSize < r.Entries[1].UncompressedSize / 2);
            }
            var py = InspectWithPython(zip).ToDictionary(e => e.Name);
            Assert.Equal(0, py["random.bin"].Method);
            Assert.Equal(py["random.bin"].Size, py["random.bin"].CompressedSize);
            Assert.Equal(8, py["image.bin"].Method);
            Assert.Equal(0, py["hinted.bin"].Method);
            Assert.Equal(0, py["level0.bin"].Method);
            AssertUnzipTestPasses(zip);
        }

        [Fact]
        public void DeflateLevelSix_IsSmallerThanLevelOne()
        {
            using var tmp = new TempFolder();
            string src = tmp.WriteFile("src/x.bin", ImageLike(1024 * 1024, 9));
            long Size(int level)
            {
                string zip = tmp.Combine($"l{level}.zip");
                using var w = new ParallelZipWriter(zip);
                w.AddFile("x.bin", src, ZipCompressionMethod.Deflate, level);
                return w.Complete().Entries[0].CompressedSize;
            }
            // zlib-ng (the .NET 9+ runtime's zlib) does not promise level 9 <= level 6 on noisy image data, so only 1 vs 6 is asserted.
            long l1 = Size(1), l6 = Size(6);
            Assert.True(l6 < l1, $"level 6 {l6} >= level 1 {l1}");
        }

        [Fact]
        public void LargeCompressedEntry_SpillsToATempFile_AndTheTempFileIsGone()
        {
            using var tmp = new TempFolder();
            string spillDir = tmp.Combine("spill");
            Directory.CreateDirectory(spillDir);
            var content = new Dictionary<string, byte[]>
            {
                ["big.bin"] = ImageLike(3 * 1024 * 1024, 11), ["random.bin"] = Random(1024 * 1024, 13), ["img.bin"] = ImageLike(2 * 1024 * 1024, 12),
            };
            string zip = tmp.Combine("spill.zip");
            ZipWriteResult r = WriteAll(zip, tmp, content,
                new ParallelZipWriterOptions { SpillThreshold = 256 * 1024, TempDirectory = spillDir, ForceZip64 = false });
            Assert.Equal(2, r.SpilledEntries);
            Assert.Empty(Directory.GetFiles(spillDir));
            AssertPeersReadIdentical(zip, content, tmp);
        }

        [Fact]
        public void Success_LeavesNoPartialFile()
        {
            using var tmp = new TempFolder();
            string zip = tmp.Combine("ok.zip");
            using (var w = new ParallelZipWriter(zip))
            {
                w.AddBytes("a.txt", new byte[] { 1, 2, 3 });
                Assert.True(File.Exists(zip + ".partial"));
                Assert.False(File.Exists(zip));
                w.Complete();
            }
            Assert.True(File.Exists(zip));
            Assert.Equal(new[] { zip }, Directory.GetFiles(tmp.Path));
        }

        [Fact]
        public void Cancellation_LeavesNoArchiveAndNoPartialFile()
        {
            using var tmp = new TempFolder();
            string spillDir = tmp.Combine("spill");
            Directory.CreateDirectory(spillDir);
            string outDir = tmp.Combine("out");
            Directory.CreateDirectory(outDir);
            string zip = Path.Combine(outDir, "c.zip");
            var files = Enumerable.Range(0, 40).Select(i => tmp.WriteFile($"src/{i}.bin", ImageLike(256 * 1024, i))).ToList();
            using var cts = new CancellationTokenSource();
            var options = new ParallelZipWriterOptions
            {
                TempDirectory = spillDir,
                SpillThreshold = 64 * 1024,
                EntryWritten = e => { if (e.EntryPath == "5.bin") cts.Cancel(); },
            };
            Assert.ThrowsAny<OperationCanceledException>(() =>
            {
                using var w = new ParallelZipWriter(zip, options, cts.Token);
                for (int i = 0; i < files.Count; i++) w.AddFile($"{i}.bin", files[i]);
                w.Complete();
            });
            Assert.Empty(Directory.GetFiles(outDir));
            Assert.Empty(Directory.GetFiles(spillDir));
        }

        [Fact]
        public void UnreadableSource_AbortsTheArchive_NamingTheEntry()
        {
            using var tmp = new TempFolder();
            string zip = tmp.Combine("e.zip");
            var ex = Assert.Throws<IOException>(() =>
            {
                using var w = new ParallelZipWriter(zip);
                w.AddFile("a.bin", tmp.WriteFile("src/a.bin", ImageLike(1000, 1)));
                w.AddFile("missing.bin", tmp.Combine("src", "missing.bin"));
                w.Complete();
            });
            Assert.Contains("'missing.bin'", ex.Message);
            Assert.False(File.Exists(zip + ".partial"));
            Assert.False(File.Exists(zip));
        }

        [Fact]
        public void DisposeWithoutComplete_RemovesThePartialFile()
        {
            using var tmp = new TempFolder();
            string zip = tmp.Combine("d.zip");
            using (var w = new ParallelZipWriter(zip)) w.AddBytes("a.txt", new byte[10]);
            Assert.Empty(Directory.GetFiles(tmp.Path));
        }

        [Theory]
        [InlineData("../escape.dcm")]
        [InlineData("a/../../b.dcm")]
        [InlineData("/absolute.dcm")]
        [InlineData("C:/drive.dcm")]
        [InlineData("back\\slash.dcm")]
        [InlineData("a//b.dcm")]
        [InlineData("a/./b.dcm")]
        [InlineData("")]
        [InlineData("dir/")]
        public void UnsafeEntryPaths_AreRejected(string entryPath)
        {
            using var tmp = new TempFolder();
            using var w = new ParallelZipWriter(tmp.Combine("x.zip"));
            Assert.Throws<ArgumentException>(() => w.AddBytes(entryPath, new byte[1]));
        }

        [Fact]
        public void DuplicateEntryPaths_AreRejected_IgnoringCase()
        {
            using var tmp = new TempFolder();
            using var w = new ParallelZipWriter(tmp.Combine("x.zip"));
            w.AddBytes("a/b.dcm", new byte[1]);
            Assert.Throws<ArgumentException>(() => w.AddBytes("A/B.dcm", new byte[1]));
        }

        [Fact]
        public void ExistingArchive_IsNotOverwrittenUnlessAsked()
        {
            using var tmp = new TempFolder();
            string zip = tmp.WriteFile("x.zip", new byte[] { 42 });
            Assert.Throws<IOException>(() => new ParallelZipWriter(zip));
            using (var w = new ParallelZipWriter(zip, new ParallelZipWriterOptions { Overwrite = true }))
            {
                w.AddBytes("a", new byte[3]);
                w.Complete();
            }
            AssertUnzipTestPasses(zip);
        }

        [Fact]
        public void Progress_IsReportedForEveryEntryInOrder()
        {
            using var tmp = new TempFolder();
            var seen = new List<string>();
            var progress = new SynchronousProgress(p => seen.Add(p.CurrentEntry));
            using (var w = new ParallelZipWriter(tmp.Combine("p.zip"), new ParallelZipWriterOptions { Progress = progress }))
            {
                for (int i = 0; i < 20; i++) w.AddBytes($"e{i:00}", ImageLike(5000 + 997 * (20 - i), i));
                w.Complete();
            }
            Assert.Equal(Enumerable.Range(0, 20).Select(i => $"e{i:00}"), seen);
        }

        private sealed class SynchronousProgress : IProgress<ArchiveProgress>
        {
            private readonly Action<ArchiveProgress> _report;
            public SynchronousProgress(Action<ArchiveProgress> report) => _report = report;
            public void Report(ArchiveProgress value) => _report(value);
        }
    }
}
