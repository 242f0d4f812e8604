using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using HamletPS.Core.Deidentification;
using HamletPS.Core.Secrets;
using HamletPS.Core.Security;
using HamletPS.Dicom.Data;
using HamletPS.Dicom.Dictionary;
using HamletPS.Synthetic;
using Xunit;

namespace HamletPS.Core.Tests.Deidentification
{
    /// <summary>Unprotect with the record folder Protect writes into (one record file per run), or one record file.</summary>
    public class DicomUnprotectorTests
    {
        private static (string Root, RtStudy Written, List<string> Ct, List<string> Others) WriteStudy(string scratch)
        {
            var canary = new CanaryStudy(new RtStudyOptions { Slices = 3, ImageSize = 16 });
            var root = Path.Combine(scratch, "in");
            var written = canary.Write(root);
            var ct = written.Files.Where(f => f.Kind == RtObjectKind.CtImage).Select(f => f.Path).ToList();
            var rest = written.Files.Select(f => f.Path).Except(ct).ToList();
            Assert.NotEmpty(ct);
            Assert.NotEmpty(rest);
            return (root, written, ct, rest);
        }

        /// <summary>Protects the CT in one run and the RT objects in another, each run with its own record file in one folder.</summary>
        private static string ProtectInTwoRuns(SiteKeys keys, string scratch, List<string> ct, List<string> rest)
        {
            var outRoot = Path.Combine(scratch, "out");
            var folder = Path.Combine(scratch, "site", "vault");
            using (var p = new DicomProtector(DeidTestSupport.Options(keys, outRoot, Path.Combine(folder, "protect-run1.hpv"))))
                Assert.All(p.Protect(ct), r => Assert.Equal(ProtectionStatus.Protected, r.Status));
            using (var p = new DicomProtector(DeidTestSupport.Options(keys, outRoot, Path.Combine(folder, "nested", "protect-run2.hpv"))))
                Assert.All(p.Protect(rest), r => Assert.Equal(ProtectionStatus.Protected, r.Status));
            return outRoot;
        }

        [Fact]
        public void Unprotect_RecordFolder_FindsEachInstancesRecordAcrossRuns_AndRestoresTheOriginals()
        {
            var scratch = DeidTestSupport.NewScratch("unprotect-folder");
            var (_, written, ct, rest) = WriteStudy(scratch);
            using var keys = DeidTestSupport.Keys();
            var outRoot = ProtectInTwoRuns(keys, scratch, ct, rest);
            var folder = Path.Combine(scratch, "site", "vault");
            Assert.Equal(2, Directory.GetFiles(folder, "*.hpv", SearchOption.AllDirectories).Length);

            var restored = Path.Combine(scratch, "restored");
            using (var u = new DicomUnprotector(new UnprotectorOptions { VaultPath = folder, VaultKey = keys.VaultKey, Destination = restored }))
            {
                var results = u.Unprotect(new[] { outRoot });
                Assert.Equal(written.Files.Count, results.Count);
                Assert.All(results, r => Assert.True(r.Status == UnprotectionStatus.Restored, r.Message));
            }

            var restoredFiles = Directory.EnumerateFiles(restored, "*.dcm", SearchOption.AllDirectories).ToList();
            var bySop = restoredFiles.ToDictionary(f => DicomFile.Open(f, Dicom.IO.DicomReadOptions.HeaderOnly).SopInstanceUid);
            var dumps = DeidTestSupport.PydicomDump(written.Files.Select(f => f.Path).Concat(restoredFiles), scratch);
            var problems = new List<string>();
            foreach (var f in written.Files)
                problems.AddRange(DeidTestSupport.Compare(dumps[f.Path].GetProperty("elements"), dumps[bySop[f.SopInstanceUid]].GetProperty("elements")).Select(d => f.Kind + d));
            Assert.Empty(problems);
        }

        [Fact]
        public void Unprotect_OneRecordFile_RestoresWhatItHolds_AndFailsTheRest_WritingNothingForThem()
        {
            var scratch = DeidTestSupport.NewScratch("unprotect-file");
            var (_, _, ct, rest) = WriteStudy(scratch);
            using var keys = DeidTestSupport.Keys();
            var outRoot = ProtectInTwoRuns(keys, scratch, ct, rest);
            var run1 = Path.Combine(scratch, "site", "vault", "protect-run1.hpv");

            var restored = Path.Combine(scratch, "restored");
            using var u = new DicomUnprotector(new UnprotectorOptions
            {
                VaultPath = run1, VaultKey = keys.VaultKey, Identity = DeidTestSupport.Identity(keys), Destination = restored,
            });
            var results = u.Unprotect(new[] { outRoot });
            Assert.Equal(ct.Count, results.Count(r => r.Status == UnprotectionStatus.Restored));
            Assert.Equal(rest.Count, results.Count(r => r.Status == UnprotectionStatus.Failed && r.Failure.Reason == "VaultRecordMissing"));
            Assert.Equal(ct.Count, Directory.GetFiles(restored, "*.dcm", SearchOption.AllDirectories).Length);
            Assert.All(results.Where(r => r.Status == UnprotectionStatus.Restored),
                r => Assert.Equal(CanaryStudy.FamilyName, new DicomPersonName(DicomFile.Open(r.DestinationPath).Dataset.GetString(DicomTags.PatientName)).GetComponents(0)[0]));
        }

        [Fact]
        public void Unprotect_RecordFolder_WithARecordOfAnotherKey_RefusesBeforeWritingAnything()
        {
            var scratch = DeidTestSupport.NewScratch("unprotect-wrongkey");
            var (_, _, ct, rest) = WriteStudy(scratch);
            using var keys = DeidTestSupport.Keys();
            var outRoot = ProtectInTwoRuns(keys, scratch, ct, rest);
            var folder = Path.Combine(scratch, "site", "vault");
            var restored = Path.Combine(scratch, "restored");

            using (var wrong = DeidTestSupport.Keys("another-site-secret-entirely"))
            {
                var ex = Assert.Throws<VaultKeyMismatchException>(() =>
                    new DicomUnprotector(new UnprotectorOptions { VaultPath = folder, VaultKey = wrong.VaultKey, Destination = restored }));
                Assert.EndsWith(".hpv", ex.Path);
                Assert.Contains("different site key", ex.Message);

                // One foreign record file among good ones is refused too: the folder is opened as a whole or not at all.
                using (var foreign = ReidentificationVault.Create(Path.Combine(folder, "foreign.hpv"), wrong.VaultKey))
                    foreign.Add("2.25.1", new byte[] { 1 });
            }
            var mixed = Assert.Throws<VaultKeyMismatchException>(() =>
                new DicomUnprotector(new UnprotectorOptions { VaultPath = folder, VaultKey = keys.VaultKey, Destination = restored }));
            Assert.Equal(Path.Combine(folder, "foreign.hpv"), mixed.Path);
            Assert.False(Directory.Exists(restored));
        }

        [Fact]
        public void Unprotect_EmptyOrMissingRecordFolder_IsAClearError()
        {
            var scratch = DeidTestSupport.NewScratch("unprotect-empty");
            using var keys = DeidTestSupport.Keys();
            var empty = Path.Combine(scratch, "vault");
            Directory.CreateDirectory(empty);
            var ex = Assert.Throws<FileNotFoundException>(() =>
                new DicomUnprotector(new UnprotectorOptions { VaultPath = empty, VaultKey = keys.VaultKey, Destination = Path.Combine(scratch, "r") }));
            Assert.Contains("no re-identification record", ex.Message);
            Assert.Throws<FileNotFoundException>(() =>
                new DicomUnprotector(new UnprotectorOptions { VaultPath = Path.Combine(scratch, "nope"), VaultKey = keys.VaultKey, Destination = Path.Combine(scratch, "r") }));
            Assert.False(Directory.Exists(Path.Combine(scratch, "r")));
        }

        [Fact]
        public void VaultSet_SameRecordInTwoRuns_GivesBothInPathOrderWhateverTheFileTimes_AndOpensReadOnlyWhileAWriterHoldsTheFile()
        {
            var scratch = DeidTestSupport.NewScratch("vaultset");
            using var keys = DeidTestSupport.Keys();
            var folder = Path.Combine(scratch, "vault");
            string older = Path.Combine(folder, "b-older.hpv"), newer = Path.Combine(folder, "a-newer.hpv");
            using (var v = ReidentificationVault.Create(older, keys.VaultKey)) { v.Add("2.25.10", Encoding.ASCII.GetBytes("old")); v.Add("2.25.11", Encoding.ASCII.GetBytes("only-old")); }
            File.SetLastWriteTimeUtc(older, DateTime.UtcNow.AddHours(-2));
            using var writer = ReidentificationVault.Create(newer, keys.VaultKey);
            writer.Add("2.25.10", Encoding.ASCII.GetBytes("new"));
            File.SetLastWriteTimeUtc(newer, DateTime.UtcNow.AddHours(-1));

            using var set = ReidentificationVaultSet.Open(folder, keys.VaultKey); // the writer still holds newer.hpv open
            Assert.Equal(new[] { newer, older }, set.Paths); // ordinal order of the paths, not of the file times
            Assert.Equal(2, set.Count);
            Assert.Equal(new[] { "new", "old" }, set.ReadAll("2.25.10").Select(r => Encoding.ASCII.GetString(r.Payload)));
            Assert.Equal(new[] { "only-old" }, set.ReadAll("2.25.11").Select(r => Encoding.ASCII.GetString(r.Payload)));
            Assert.Empty(set.ReadAll("2.25.12"));

            using var readOnly = ReidentificationVault.OpenReadOnly(older, keys.VaultKey);
            Assert.True(readOnly.IsReadOnly);
            long length = new FileInfo(older).Length;
            Assert.Throws<InvalidOperationException>(() => readOnly.Add("2.25.13", new byte[] { 1 }));
            Assert.Equal(length, new FileInfo(older).Length);
        }
    }
}
