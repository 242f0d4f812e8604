using System.IO;
using System.Linq;
using HamletPS.Core.Archive;
using Xunit;
using static HamletPS.Core.Tests.Archive.ArchiveTestSupport;

namespace HamletPS.Core.Tests.Archive
{
    public class ZipVerifierTests
    {
        private static ArchiveResult Build(TempFolder tmp, int level = 6)
        {
            var infos = new System.Collections.Generic.Dictionary<string, ArchiveEntryInfo>();
            for (int i = 0; i < 4; i++)
            {
                string p = tmp.WriteFile($"protected/123-1001/s/{i}.dcm", i == 3 ? Random(30000, i) : ImageLike(40000, i));
                infos[p] = new ArchiveEntryInfo { StudyId = "123-1001", SopInstanceUid = "1.2.3." + i, Modality = "CT" };
            }
            return new HamletArchiveBuilder(new HamletArchiveOptions { OutputDirectory = tmp.Combine("out"), Site = "S", User = "U", CompressionLevel = level })
                .Build(tmp.Combine("protected"), p => infos[p]).Single();
        }

        private static void FlipByteInsideEntry(string zip, string entryPath)
        {
            long offset;
            using (var reader = new ZipArchiveReader(zip))
            {
                ZipDirectoryEntry e = reader.Entries.Single(x => x.EntryPath == entryPath);
                offset = e.LocalHeaderOffset + 30 + System.Text.Encoding.UTF8.GetByteCount(entryPath) + e.CompressedSize / 2;
            }
            using var f = new FileStream(zip, FileMode.Open, FileAccess.ReadWrite);
            f.Position = offset;
            int b = f.ReadByte();
            f.Position = offset;
            f.WriteByte((byte)(b ^ 0x10));
        }

        [Fact]
        public void BuiltArchive_Verifies()
        {
            using var tmp = new TempFolder();
            ArchiveResult r = Build(tmp);
            ZipVerificationResult v = ZipVerifier.Verify(r.ArchivePath);
            Assert.True(v.IsValid, string.Join("; ", v.Problems));
            Assert.Equal(6, v.EntriesChecked);
            Assert.Equal(4, v.ManifestRows);
        }

        [Fact]
        public void FlippedByteInStoredData_IsReportedAsCrcAndManifestHashMismatch()
        {
            using var tmp = new TempFolder();
            ArchiveResult r = Build(tmp);
            FlipByteInsideEntry(r.ArchivePath, "123-1001/s/3.dcm"); // random data: stored
            ZipVerificationResult v = ZipVerifier.Verify(r.ArchivePath);
            Assert.False(v.IsValid);
            Assert.Contains(v.Problems, p => p.Kind == ZipVerificationProblemKind.Crc && p.EntryPath == "123-1001/s/3.dcm");
            Assert.Contains(v.Problems, p => p.Kind == ZipVerificationProblemKind.ManifestHash && p.EntryPath == "123-1001/s/3.dcm");
            var (code, _, _) = Run("unzip", "-tqq", r.ArchivePath);
            Assert.NotEqual(0, code); // the peer agrees the archive is damaged
        }

        [Fact]
        public void FlippedByteInDeflatedData_IsReported()
        {
            using var tmp = new TempFolder();
            ArchiveResult r = Build(tmp);
            FlipByteInsideEntry(r.ArchivePath, "123-1001/s/1.dcm");
            ZipVerificationResult v = ZipVerifier.Verify(r.ArchivePath);
            Assert.Contains(v.Problems, p => p.EntryPath == "123-1001/s/1.dcm"
                && (p.Kind == ZipVerificationProblemKind.Crc || p.Kind == ZipVerificationProblemKind.Unreadable || p.Kind == ZipVerificationProblemKind.Size));
        }

        [Fact]
        public void ManifestHashMismatch_IsReported_ThoughEveryCrcIsRight()
        {
            using var tmp = new TempFolder();
            string zip = tmp.Combine("m.zip");
            byte[] data = ImageLike(5000, 1);
            var manifest = new ArchiveManifest { Profile = "p" };
            manifest.Add(new ArchiveManifestRow { EntryPath = "a.dcm", FileSize = data.Length, Sha256 = Sha256Hex(ImageLike(5000, 2)) });
            using (var w = new ParallelZipWriter(zip))
            {
                w.AddBytes("a.dcm", data);
                w.AddBytes(ArchiveManifest.CsvEntryName, manifest.ToCsv());
                w.AddBytes(ArchiveManifest.JsonEntryName, manifest.ToJson());
                w.Complete();
            }
            AssertUnzipTestPasses(zip);
            ZipVerificationResult v = ZipVerifier.Verify(zip);
            Assert.Equal(ZipVerificationProblemKind.ManifestHash, Assert.Single(v.Problems).Kind);
        }

        [Fact]
        public void EntryMissingFromManifest_AndRowWithoutEntry_AreReported()
        {
            using var tmp = new TempFolder();
            string zip = tmp.Combine("m.zip");
            var manifest = new ArchiveManifest();
            manifest.Add(new ArchiveManifestRow { EntryPath = "gone.dcm", FileSize = 1, Sha256 = new string('0', 64) });
            using (var w = new ParallelZipWriter(zip))
            {
                w.AddBytes("extra.dcm", new byte[] { 1 });
                w.AddBytes(ArchiveManifest.CsvEntryName, manifest.ToCsv());
                w.AddBytes(ArchiveManifest.JsonEntryName, manifest.ToJson());
                w.Complete();
            }
            ZipVerificationResult v = ZipVerifier.Verify(zip);
            Assert.Contains(v.Problems, p => p.Kind == ZipVerificationProblemKind.MissingEntry && p.EntryPath == "gone.dcm");
            Assert.Contains(v.Problems, p => p.Kind == ZipVerificationProblemKind.NotInManifest && p.EntryPath == "extra.dcm");
        }

        [Fact]
        public void ArchiveWithoutManifest_IsReportedWhenAManifestIsRequired()
        {
            using var tmp = new TempFolder();
            string zip = tmp.Combine("n.zip");
            using (var w = new ParallelZipWriter(zip))
            {
                w.AddBytes("a", new byte[] { 1 });
                w.Complete();
            }
            Assert.Equal(ZipVerificationProblemKind.Manifest, Assert.Single(ZipVerifier.Verify(zip).Problems).Kind);
            Assert.True(ZipVerifier.Verify(zip, requireManifest: false).IsValid);
        }

        [Fact]
        public void InfoZipArchive_IsReadByTheVerifier()
        {
            using var tmp = new TempFolder();
            tmp.WriteFile("src/a.txt", ImageLike(3000, 1));
            tmp.WriteFile("src/sub/b.bin", Random(3000, 2));
            string zip = tmp.Combine("peer.zip");
            var psi = new System.Diagnostics.ProcessStartInfo("zip", $"-qr {zip} .") { WorkingDirectory = tmp.Combine("src") };
            System.Diagnostics.Process.Start(psi).WaitForExit();
            ZipVerificationResult v = ZipVerifier.Verify(zip, requireManifest: false);
            Assert.True(v.IsValid, string.Join("; ", v.Problems));
            Assert.Equal(3, v.EntriesChecked); // Info-ZIP also stores the directory "sub/" as an entry
        }

        [Fact]
        public void TruncatedFile_IsAStructureProblem()
        {
            using var tmp = new TempFolder();
            ArchiveResult r = Build(tmp);
            using (var f = new FileStream(r.ArchivePath, FileMode.Open)) f.SetLength(f.Length - 30);
            Assert.Equal(ZipVerificationProblemKind.Structure, ZipVerifier.Verify(r.ArchivePath).Problems.First().Kind);
        }

        [Fact]
        public void FailedVerificationBeforeCommit_KeepsNoArchive()
        {
            // -Verify runs on the .partial file before the rename: a verification failure must leave neither file behind.
            using var tmp = new TempFolder();
            string zip = tmp.Combine("v.zip");
            var options = new ParallelZipWriterOptions
            {
                BeforeCommit = partial =>
                {
                    ZipVerificationResult check = ZipVerifier.Verify(partial); // no manifest: fails
                    if (!check.IsValid) throw new ArchiveVerificationException(check);
                },
            };
            using (var w = new ParallelZipWriter(zip, options))
            {
                w.AddBytes("a.dcm", new byte[] { 1, 2 });
                Assert.Throws<ArchiveVerificationException>(() => w.Complete());
            }
            Assert.Empty(Directory.GetFiles(tmp.Path));
        }
    }
}
