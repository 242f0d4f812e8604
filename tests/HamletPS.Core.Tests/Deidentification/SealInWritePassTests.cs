using System.IO;
using System.Linq;
using HamletPS.Core.Deidentification;
using HamletPS.Core.Security;
using HamletPS.Dicom.Data;
using HamletPS.Dicom.Dictionary;
using HamletPS.Dicom.IO;
using HamletPS.Synthetic;
using HamletPS.TestSupport;
using Xunit;

namespace HamletPS.Core.Tests.Deidentification
{
    /// <summary>
    /// Protect seals each file and takes its digest in the write pass (ProtectedFileSealer), not by reading the file back: the
    /// result must be the very file, seal and digest the read-back (ProtectedFileSeal.Apply / Digest) gives for the same bytes,
    /// and every released file must carry a seal that checks and a record bound to its digest.
    /// </summary>
    public sealed class SealInWritePassTests : System.IDisposable
    {
        private readonly TempFolder _tmp = new TempFolder("seal-write-pass");

        public void Dispose() => _tmp.Dispose();

        /// <summary>A CT slice of the canary study, read back so that its pixel data stays in the source file (copied on write).</summary>
        private DicomFile CanarySlice()
        {
            var written = new CanaryStudy(new RtStudyOptions { Slices = 1, ImageSize = 256 }).Write(_tmp.Combine("in"));
            var file = DicomFile.Open(written.Files.First(f => f.Kind == RtObjectKind.CtImage).Path);
            Assert.NotNull(file.Dataset.GetElement(DicomTags.PixelData).Reference);
            return file;
        }

        [Fact]
        public void Sealer_WritesTheFileAndDigestThatSealingItAfterwardsGives()
        {
            using var keys = DeidTestSupport.Keys();
            var file = CanarySlice();
            string afterwards = file.SaveToTemporary(_tmp.File("afterwards.dcm"));
            byte[] expectedDigest = ProtectedFileSeal.Apply(afterwards, keys.SealKey);

            string inPass;
            byte[] digest;
            using (var sealer = new ProtectedFileSealer(keys.SealKey))
            {
                inPass = file.SaveToTemporary(_tmp.File("in-pass.dcm"), new DicomWriteOptions { ContentSeal = sealer });
                digest = sealer.Digest;
            }

            Assert.Equal(expectedDigest, digest);
            Assert.Equal(File.ReadAllBytes(afterwards), File.ReadAllBytes(inPass));
            Assert.Equal(ProtectedFileSeal.Status.Sealed, ProtectedFileSeal.Check(inPass, keys.SealKey, out byte[] checkedDigest));
            Assert.Equal(digest, checkedDigest);
        }

        [Fact]
        public void Sealer_WithoutASealKey_WritesAZeroPreambleAndTheFilesDigest()
        {
            var file = CanarySlice();
            string path;
            byte[] digest;
            using (var sealer = new ProtectedFileSealer(null))
            {
                path = file.SaveToTemporary(_tmp.File("digest-only.dcm"), new DicomWriteOptions { ContentSeal = sealer });
                digest = sealer.Digest;
            }
            Assert.All(File.ReadAllBytes(path).Take(128), b => Assert.Equal(0, b));
            Assert.Equal(ProtectedFileSeal.Digest(path), digest);
            using var keys = DeidTestSupport.Keys();
            Assert.Equal(ProtectedFileSeal.Status.NotSealed, ProtectedFileSeal.Check(path, keys.SealKey, out _));
        }

        [Fact]
        public void Sealer_BeforeTheWriteHasFinished_HasNoDigest()
        {
            using var sealer = new ProtectedFileSealer(null);
            Assert.Throws<System.InvalidOperationException>(() => sealer.Digest);
        }

        [Fact]
        public void Protect_EveryReleasedFileIsSealed_AndItsRecordIsBoundToTheDigestOfTheFileOnDisk()
        {
            using var keys = DeidTestSupport.Keys();
            var written = new CanaryStudy(new RtStudyOptions { Slices = 3, ImageSize = 256 }).Write(_tmp.Combine("study"));
            string vaultPath = _tmp.File("vault.hpsv");
            using (var p = new DicomProtector(DeidTestSupport.Options(keys, _tmp.Combine("out"), vaultPath)))
            {
                var results = p.Protect(written.Files.Select(f => f.Path).ToList());
                Assert.All(results, r => Assert.Equal(ProtectionStatus.Protected, r.Status));
            }
            using var vault = ReidentificationVault.OpenReadOnly(vaultPath, keys.VaultKey);
            var outputs = Directory.GetFiles(_tmp.Combine("out"), "*.dcm", SearchOption.AllDirectories);
            Assert.Equal(written.Files.Count, outputs.Length);
            foreach (string path in outputs)
            {
                Assert.Equal(ProtectedFileSeal.Status.Sealed, ProtectedFileSeal.Check(path, keys.SealKey, out byte[] digest));
                string sop = DicomFile.Open(path).SopInstanceUid;
                var record = InstanceChangeRecord.Deserialize(sop, vault.Read(sop));
                Assert.Equal(ProtectedFileSeal.Hex(digest), record.ProtectedDigest);
            }
        }
    }
}
