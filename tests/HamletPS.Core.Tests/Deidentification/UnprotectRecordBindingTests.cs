using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using HamletPS.Core.Deidentification;
using HamletPS.Core.Secrets;
using HamletPS.Core.Security;
using HamletPS.Core.Tests.Sorting;
using HamletPS.Dicom.Data;
using HamletPS.Dicom.Dictionary;
using HamletPS.Synthetic;
using Xunit;

namespace HamletPS.Core.Tests.Deidentification
{
    /// <summary>
    /// A re-identification record is applied only to the file it was written for; a missing, damaged, foreign or conflicting
    /// record is an error for that file (nothing written), never a partial restore reported as success.
    /// </summary>
    public sealed class UnprotectRecordBindingTests : IDisposable
    {
        private readonly string _scratch = DeidTestSupport.NewScratch("binding");
        private readonly SiteKeys _keys = DeidTestSupport.Keys();

        public void Dispose()
        {
            _keys.Dispose();
            try { Directory.Delete(_scratch, true); } catch (IOException) { }
        }

        private string Out => Path.Combine(_scratch, "out");
        private string VaultFolder => Path.Combine(_scratch, "vault");
        private string Restored => Path.Combine(_scratch, "restored");

        /// <summary>Protects the canary patient and a second synthetic patient into one tree, one record file; returns the results by patient.</summary>
        private (List<ProtectionResult> Canary, List<ProtectionResult> Other) ProtectTwoPatients()
        {
            var canary = new CanaryStudy(new RtStudyOptions { Slices = 2, ImageSize = 16 }).Write(Path.Combine(_scratch, "in-a"));
            var other = SortTestData.WriteStudy(Path.Combine(_scratch, "in-b"), patientIndex: 2, slices: 2);
            using var p = new DicomProtector(DeidTestSupport.Options(_keys, Out, Path.Combine(VaultFolder, "protect-run1.hpv")));
            var a = p.Protect(canary.Files.Select(f => f.Path).ToList()).ToList();
            var b = p.Protect(other.Files.Select(f => f.Path).ToList()).ToList();
            Assert.All(a.Concat(b), r => Assert.Equal(ProtectionStatus.Protected, r.Status));
            return (a, b);
        }

        private UnprotectionResult UnprotectOne(string file, string vault = null)
        {
            using var u = new DicomUnprotector(new UnprotectorOptions
            {
                VaultPath = vault ?? VaultFolder, VaultKey = _keys.VaultKey, Identity = DeidTestSupport.Identity(_keys), Destination = Restored,
            });
            return Assert.Single(u.Unprotect(new[] { file }));
        }

        private void AssertFailedAndNothingWritten(UnprotectionResult r, string reason)
        {
            Assert.Equal(UnprotectionStatus.Failed, r.Status);
            Assert.Equal(reason, r.Failure.Reason);
            Assert.Null(r.Path);
            Assert.False(Directory.Exists(Restored) && Directory.EnumerateFiles(Restored, "*", SearchOption.AllDirectories).Any(), "a file was written");
        }

        [Fact]
        public void Unprotect_AFileOfOnePatientCarryingAnotherPatientsSopInstanceUid_IsRefused_AndNothingIsWritten()
        {
            var (canary, other) = ProtectTwoPatients();
            string forged = Path.Combine(_scratch, "forged", "forged.dcm");
            var file = DicomFile.Open(other.First().DestinationPath);
            file.Dataset.AddOrUpdate(DicomTags.SOPInstanceUID, canary.First().SopInstanceUid);
            file.FileMetaInformation.AddOrUpdate(DicomTags.MediaStorageSOPInstanceUID, canary.First().SopInstanceUid);
            file.Save(forged);

            var r = UnprotectOne(forged);

            AssertFailedAndNothingWritten(r, "VaultRecordMismatch");
            Assert.DoesNotContain(CanaryStudy.FamilyName, r.Message);
            Assert.DoesNotContain(CanaryStudy.PatientId, r.Message);
        }

        [Fact]
        public void Unprotect_TheFileTheRecordWasWrittenFor_RestoresIt()
        {
            var (canary, _) = ProtectTwoPatients();
            var r = UnprotectOne(canary.First().DestinationPath);
            Assert.True(r.Status == UnprotectionStatus.Restored, r.Message);
            Assert.Equal(CanaryStudy.PatientId, DicomFile.Open(r.DestinationPath).Dataset.GetString(DicomTags.PatientID));
        }

        [Fact]
        public void Unprotect_AFlippedByteInARecordId_FailsThatFile_InsteadOfRestoringTheIdentityOnly()
        {
            var (canary, _) = ProtectTwoPatients();
            string vault = Directory.GetFiles(VaultFolder, "*.hpv").Single();
            string firstId;
            using (var v = ReidentificationVault.OpenReadOnly(vault, _keys.VaultKey)) firstId = v.RecordIds[0];
            var bytes = File.ReadAllBytes(vault);
            bytes[64 + 10 + firstId.Length - 1] ^= 0x01; // last character of the first record's id
            File.WriteAllBytes(vault, bytes);
            var target = canary.Single(c => c.SopInstanceUid == firstId);

            AssertFailedAndNothingWritten(UnprotectOne(target.DestinationPath), "VaultRecordMissing");
        }

        [Fact]
        public void Unprotect_ARecordCutMidway_FailsThatFile_AndNamesTheCutRecordFile()
        {
            var (canary, other) = ProtectTwoPatients();
            string vault = Directory.GetFiles(VaultFolder, "*.hpv").Single();
            string lastId;
            using (var v = ReidentificationVault.OpenReadOnly(vault, _keys.VaultKey)) lastId = v.RecordIds[v.RecordIds.Count - 1];
            using (var fs = new FileStream(vault, FileMode.Open)) fs.SetLength(fs.Length - 40);
            var target = canary.Concat(other).Single(c => c.SopInstanceUid == lastId);

            var r = UnprotectOne(target.DestinationPath);

            AssertFailedAndNothingWritten(r, "VaultRecordMissing");
            Assert.Contains("cut short", r.Message);
            Assert.Contains(Path.GetFileName(vault), r.Message);
        }

        [Fact]
        public void Unprotect_ARecordFileHoldingOnlyItsHeader_FailsEveryFile()
        {
            var (canary, _) = ProtectTwoPatients();
            string vault = Directory.GetFiles(VaultFolder, "*.hpv").Single();
            using (var fs = new FileStream(vault, FileMode.Open)) fs.SetLength(64);
            using var u = new DicomUnprotector(new UnprotectorOptions
            {
                VaultPath = VaultFolder, VaultKey = _keys.VaultKey, Identity = DeidTestSupport.Identity(_keys), Destination = Restored,
            });

            var results = u.Unprotect(canary.Select(c => c.DestinationPath).ToList());

            Assert.All(results, r => Assert.Equal("VaultRecordMissing", r.Failure?.Reason));
            Assert.False(Directory.Exists(Restored) && Directory.EnumerateFiles(Restored, "*", SearchOption.AllDirectories).Any());
        }

        [Fact]
        public void Unprotect_TwoRecordFilesHoldingTheSameRecord_Restores_WhateverTheirModificationTimes()
        {
            var (canary, _) = ProtectTwoPatients();
            string vault = Directory.GetFiles(VaultFolder, "*.hpv").Single();
            string copy = Path.Combine(VaultFolder, "protect-run0.hpv");
            File.Copy(vault, copy);
            File.SetLastWriteTimeUtc(copy, DateTime.UtcNow.AddDays(1));

            var r = UnprotectOne(canary.First().DestinationPath);

            Assert.True(r.Status == UnprotectionStatus.Restored, r.Message);
        }

        [Theory]
        [InlineData(1)]
        [InlineData(-1)]
        public void Unprotect_TwoRecordFilesHoldingDifferentRecordsForTheSameFile_IsAConflict_WhicheverIsNewer(int days)
        {
            var (canary, _) = ProtectTwoPatients();
            var target = canary.First();
            string vault = Directory.GetFiles(VaultFolder, "*.hpv").Single();
            byte[] payload;
            using (var v = ReidentificationVault.OpenReadOnly(vault, _keys.VaultKey)) payload = v.Read(target.SopInstanceUid);
            var record = InstanceChangeRecord.Deserialize(target.SopInstanceUid, payload);
            record.Changes.RemoveAt(0); // a different record, bound to the same file
            string second = Path.Combine(VaultFolder, "protect-run2.hpv");
            using (var v = ReidentificationVault.Create(second, _keys.VaultKey)) v.Add(target.SopInstanceUid, record.Serialize());
            File.SetLastWriteTimeUtc(second, DateTime.UtcNow.AddDays(days));

            AssertFailedAndNothingWritten(UnprotectOne(target.DestinationPath), "VaultRecordConflict");
        }

        [Fact]
        public void Unprotect_WithARecordFolder_AndNoRecordForAFile_FailsItRatherThanRestoringTheIdentityOnly()
        {
            var (canary, _) = ProtectTwoPatients();
            string emptyVault = Path.Combine(_scratch, "other-vault", "protect-x.hpv");
            using (ReidentificationVault.Create(emptyVault, _keys.VaultKey)) { }

            AssertFailedAndNothingWritten(UnprotectOne(canary.First().DestinationPath, Path.GetDirectoryName(emptyVault)), "VaultRecordMissing");
        }
    }
}
