using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using HamletPS.Core.Deidentification;
using HamletPS.Core.Identity;
using HamletPS.Core.Secrets;
using HamletPS.Core.Security;
using HamletPS.Dicom.Data;
using HamletPS.Dicom.Dictionary;
using HamletPS.Synthetic;
using Xunit;

namespace HamletPS.Core.Tests.Deidentification
{
    /// <summary>Protect/Unprotect on the synthetic canary RT study (CT + RTSTRUCT + RTPLAN + RTDOSE + CBCT + registration), with pydicom as the independent reader.</summary>
    public class DicomProtectorTests
    {
        private static (string Root, CanaryStudy Study, RtStudy Written) WriteCanary(string scratch)
        {
            var canary = new CanaryStudy(new RtStudyOptions { IncludeImageGuidance = true, CbctSlices = 4 });
            var root = Path.Combine(scratch, "in");
            var written = canary.Write(root);
            return (root, canary, written);
        }

        /// <summary>The places the issue names, each of which must carry at least one canary.</summary>
        private static readonly string[] RequiredCanaryPlaces =
        {
            "PatientName", "PatientID", "OtherPatientIDsSequence/", "OtherPatientNames", "PatientBirthDate", "PatientAddress",
            "PatientTelephoneNumbers", "PatientComments", "InstitutionName", "InstitutionAddress", "ReferringPhysicianName",
            "OperatorsName", "StationName", "DeviceSerialNumber", "StudyDescription", "SeriesDescription", "StructureSetLabel",
            "RTPlanLabel", "ReviewerName", "private element", "RequestAttributesSequence/", "folder name",
        };

        [Fact]
        public void CanaryStudy_CoversAtLeastThirtyPlacesIncludingEveryPlaceTheIssueNames()
        {
            var canary = new CanaryStudy();
            Assert.True(canary.Canaries.Count >= 30, canary.Canaries.Count + " places");
            Assert.Equal(canary.Canaries.Count, canary.Canaries.Select(c => c.Location).Distinct().Count());
            foreach (string place in RequiredCanaryPlaces)
                Assert.True(canary.Canaries.Any(c => c.Location.StartsWith(place, StringComparison.Ordinal)), "no canary in " + place);
            Assert.Contains(canary.Canaries, c => c.Category == CanaryCategory.NestedSequence);
            Assert.True(canary.Canaries.Count(c => c.Category == CanaryCategory.Path) >= 2);
        }

        [Fact]
        public void Protect_DefaultProfile_LeavesNoCanaryByteStringInAnyFileOrPath()
        {
            var scratch = DeidTestSupport.NewScratch("canary");
            var (root, canary, _) = WriteCanary(scratch);
            Assert.True(canary.Canaries.Count >= 30);
            var planted = canary.Scan(root);
            Assert.All(canary.Canaries, c => Assert.Contains(planted, h => h.Canary == c)); // the input really carries every one
            using var keys = DeidTestSupport.Keys();
            var outRoot = Path.Combine(scratch, "out");
            using (var p = new DicomProtector(DeidTestSupport.Options(keys, outRoot, Path.Combine(scratch, "site", "vault.hpsv"))))
            {
                Assert.Equal(DeidentificationProfile.DefaultName, p.Profile.Name);
                var results = p.Protect(new[] { root });
                Assert.All(results, r => Assert.True(r.Status == ProtectionStatus.Protected, r.Message));
                Assert.All(results, r => Assert.DoesNotContain(CanaryStudy.PatientId, r.Message));
                var patient = Assert.Single(p.Patients);
                Assert.Equal(IdentitySource.Pseudonymised, patient.Source);
                Assert.Contains("pseudonymised", patient.Message);
            }
            // No tolerance: every canary byte string of every place, in every file's raw bytes and every path.
            var leaks = canary.Scan(outRoot).Select(h => h.ToString()).Distinct().ToList();
            Assert.True(leaks.Count == 0, string.Join("\n", leaks));

            // Retained attributes are cleaned, not dropped: device identity and labels keep what is not the patient's.
            var files = Directory.EnumerateFiles(outRoot, "*.dcm", SearchOption.AllDirectories).Select(f => DicomFile.Open(f)).ToList();
            var ct = files.First(f => f.Dataset.GetString(DicomTags.Modality) == "CT");
            Assert.Equal("CT", ct.Dataset.GetString(DicomTags.StationName));
            Assert.Equal("SN9", ct.Dataset.GetString(DicomTags.DeviceSerialNumber));
            var plan = files.Single(f => f.Dataset.GetString(DicomTags.Modality) == "RTPLAN");
            Assert.Equal("PLN", plan.Dataset.GetString(DicomTags.RTPlanLabel));
            var structures = files.Single(f => f.Dataset.GetString(DicomTags.Modality) == "RTSTRUCT");
            Assert.Equal("SS", structures.Dataset.GetString(DicomTags.StructureSetLabel));
        }

        [Fact]
        public void Protect_BasicProfile_LeavesNoCanaryAndDropsDeviceIdentityAndLabels()
        {
            var scratch = DeidTestSupport.NewScratch("canary-basic");
            var (root, canary, _) = WriteCanary(scratch);
            using var keys = DeidTestSupport.Keys();
            var basicOut = Path.Combine(scratch, "out-basic");
            using (var p = new DicomProtector(DeidTestSupport.Options(keys, basicOut, null, profile: DeidentificationProfile.BuiltIn("basic"))))
                Assert.All(p.Protect(new[] { root }), r => Assert.True(r.Status == ProtectionStatus.Protected, r.Message));
            var basicLeaks = canary.Scan(basicOut).Select(h => h.ToString()).Distinct().ToList();
            Assert.True(basicLeaks.Count == 0, string.Join("\n", basicLeaks));
            foreach (var f in Directory.EnumerateFiles(basicOut, "*.dcm", SearchOption.AllDirectories).Select(f => DicomFile.Open(f)))
            {
                Assert.Null(f.Dataset.GetElement(DicomTags.StationName));
                Assert.Null(f.Dataset.GetElement(DicomTags.DeviceSerialNumber));
                Assert.Null(f.Dataset.GetElement(DicomTags.StudyDescription));
                Assert.Null(f.Dataset.GetElement(DicomTags.SeriesDescription));
            }
        }

        [Fact]
        public void Protect_RtStudy_KeepsEveryReferenceResolvableAcrossSeparateRuns()
        {
            var scratch = DeidTestSupport.NewScratch("links");
            var (root, _, written) = WriteCanary(scratch);
            using var keys = DeidTestSupport.Keys();
            var ct = written.Files.Where(f => f.Kind.ToString().StartsWith("Ct", StringComparison.OrdinalIgnoreCase) || f.Path.Contains("/CT")).Select(f => f.Path).ToList();
            var rest = written.Files.Select(f => f.Path).Except(ct).ToList();
            Assert.NotEmpty(ct);
            Assert.NotEmpty(rest);
            var outRoot = Path.Combine(scratch, "out");
            using (var p = new DicomProtector(DeidTestSupport.Options(keys, outRoot, null)))
                Assert.All(p.Protect(ct), r => Assert.Equal(ProtectionStatus.Protected, r.Status));
            using (var p = new DicomProtector(DeidTestSupport.Options(keys, outRoot, null)))
                Assert.All(p.Protect(rest), r => Assert.Equal(ProtectionStatus.Protected, r.Status));
            var run = DeidTestSupport.Run(DeidTestSupport.Python, DeidTestSupport.Oracle("rt_links.py"), outRoot);
            Assert.True(run.ExitCode == 0, run.StdOut + run.StdErr);
            Assert.Contains("0 problems", run.StdOut);
            // And the UIDs really changed.
            var original = DicomFile.Open(written.Files.First(f => f.SopInstanceUid == written.PlanSopInstanceUid).Path);
            var protectedPlan = Directory.EnumerateFiles(outRoot, "*.dcm", SearchOption.AllDirectories).Select(f => DicomFile.Open(f))
                .Single(f => f.Dataset.GetString(DicomTags.Modality) == "RTPLAN");
            Assert.NotEqual(original.SopInstanceUid, protectedPlan.SopInstanceUid);
            Assert.StartsWith("2.25.", protectedPlan.SopInstanceUid);
            Assert.Equal(original.SopClassUid, protectedPlan.SopClassUid);
            Assert.Equal(protectedPlan.SopInstanceUid, protectedPlan.FileMetaInformation.GetUid(DicomTags.MediaStorageSOPInstanceUID));
            Assert.Equal(DicomUids.ImplementationClassUid, protectedPlan.FileMetaInformation.GetUid(DicomTags.ImplementationClassUID));
            Assert.Equal("YES", protectedPlan.Dataset.GetString(new DicomTag(0x0012, 0x0062)));
            var codes = ((DicomSequence)protectedPlan.Dataset.GetElement(new DicomTag(0x0012, 0x0064))).Items.Select(i => i.GetString(DicomTags.CodeValue)).ToList();
            Assert.Equal(new[] { "113100", "113105", "113107", "113108", "113109" }, codes.OrderBy(c => c));
        }

        [Fact]
        public void Protect_ShiftsDatesByOnePerPatientOffsetAndUsesStudyIdFromLookup()
        {
            var scratch = DeidTestSupport.NewScratch("dates");
            var (root, canary, written) = WriteCanary(scratch);
            using var keys = DeidTestSupport.Keys();
            var outRoot = Path.Combine(scratch, "out");
            string mapping = "\uFEFFMRN;Study_ID\r\n\"" + CanaryStudy.PatientId + "\";180_1001\r\n;\r\n";
            using (var p = new DicomProtector(DeidTestSupport.Options(keys, outRoot, null, mapping)))
            {
                var results = p.Protect(new[] { root });
                Assert.All(results, r => Assert.Equal("180_1001", r.StudyId));
                Assert.All(results, r => Assert.StartsWith("180_1001/", r.RelativePath));
                Assert.Equal(IdentitySource.Lookup, Assert.Single(p.Patients).Source);
            }
            var shifter = new DateShifter(keys.DateKey, -365, -30);
            int offset = shifter.OffsetDaysFor(CanaryStudy.PatientId);
            var inFile = DicomFile.Open(written.Files[0].Path);
            var outFile = Directory.EnumerateFiles(outRoot, "*.dcm", SearchOption.AllDirectories).Select(f => DicomFile.Open(f))
                .First(f => f.Dataset.GetUid(DicomTags.SOPInstanceUID) == new UidRemapper(keys.UidKey, "2.25", DicomDeidentifier.IsRegistryUid).Remap(inFile.SopInstanceUid));
            Assert.Equal(DateShifter.ShiftDate(inFile.Dataset.GetString(DicomTags.StudyDate), offset), outFile.Dataset.GetString(DicomTags.StudyDate));
            Assert.Equal("180_1001", outFile.Dataset.GetString(DicomTags.PatientID));
            Assert.Equal("180_1001", outFile.Dataset.GetString(DicomTags.PatientName));
            Assert.Equal(inFile.Dataset.GetString(DicomTags.StudyTime), outFile.Dataset.GetString(DicomTags.StudyTime));
        }

        [Fact]
        public void Protect_MoreFilesThanOneCommitBatch_LeavesNoTemporaryFilesAndEveryOutputHasAVaultRecord()
        {
            var scratch = DeidTestSupport.NewScratch("batches");
            var root = Path.Combine(scratch, "in");
            var written = new RtStudyBuilder(new SyntheticPatientGenerator(5).Create(1),
                new RtStudyOptions { Seed = 5, Slices = DicomProtector.CommitBatchSize * 2 + 5, ImageSize = 16 }).Write(root);
            using var keys = DeidTestSupport.Keys();
            var outRoot = Path.Combine(scratch, "out");
            var vault = Path.Combine(scratch, "site", "vault.hpsv");
            int reported = 0;
            var progress = new SynchronousProgress<ProtectionProgress>(p => { Assert.Equal(ProtectionStatus.Protected, ((ProtectionResult)p.Latest).Status); reported++; });
            IReadOnlyList<ProtectionResult> results;
            using (var p = new DicomProtector(DeidTestSupport.Options(keys, outRoot, vault)))
                results = p.Protect(new[] { root }, progress);
            Assert.Equal(written.Files.Count, results.Count);
            Assert.Equal(results.Count, reported);
            Assert.All(results, r => Assert.True(r.Status == ProtectionStatus.Protected && File.Exists(r.DestinationPath), r.Message));
            var outputs = Directory.EnumerateFiles(outRoot, "*", SearchOption.AllDirectories).ToList();
            Assert.Equal(results.Count, outputs.Count); // no temporary file left
            using var v = ReidentificationVault.Open(vault, keys.VaultKey);
            foreach (var f in outputs)
                Assert.True(v.Contains(DicomFile.Open(f, Dicom.IO.DicomReadOptions.HeaderOnly).SopInstanceUid), "no vault record for an output file");
        }

        private sealed class SynchronousProgress<T> : IProgress<T>
        {
            private readonly Action<T> _report;
            public SynchronousProgress(Action<T> report) { _report = report; }
            public void Report(T value) { lock (this) _report(value); }
        }

        [Fact]
        public void Protect_CouplingListByAccessionNumber_TakesTheStudyIdOfTheAccession()
        {
            var scratch = DeidTestSupport.NewScratch("accession");
            var (_, _, written) = WriteCanary(scratch);
            using var keys = DeidTestSupport.Keys();
            var outRoot = Path.Combine(scratch, "out");
            string coupling = "Accession_Number;Study_ID\r\nCANARYACC-77;180_2002\r\n";
            using var p = new DicomProtector(DeidTestSupport.Options(keys, outRoot, null, coupling));
            var plan = written.Files.Single(f => f.Kind == RtObjectKind.Plan).Path;
            var r = Assert.Single(p.Protect(new[] { plan }));
            Assert.True(r.Status == ProtectionStatus.Protected, r.Message);
            Assert.Equal("180_2002", r.StudyId);
            Assert.Equal(IdentitySource.Lookup, r.IdentitySource);
            var ds = DicomFile.Open(r.DestinationPath).Dataset;
            Assert.Equal("180_2002", ds.GetString(DicomTags.PatientID));
            Assert.Equal(0, ds.GetElement(DicomTags.AccessionNumber)?.Length ?? 0);
        }

        [Fact]
        public void ProtectThenUnprotect_RestoresEveryElementAsPydicomReadsIt_AndWrongKeyIsRefused()
        {
            var scratch = DeidTestSupport.NewScratch("roundtrip");
            var (root, _, written) = WriteCanary(scratch);
            using var keys = DeidTestSupport.Keys();
            var outRoot = Path.Combine(scratch, "out");
            var vault = Path.Combine(scratch, "site", "vault.hpsv");
            using (var p = new DicomProtector(DeidTestSupport.Options(keys, outRoot, vault)))
                Assert.All(p.Protect(new[] { root }), r => Assert.Equal(ProtectionStatus.Protected, r.Status));

            using (var wrong = DeidTestSupport.Keys("another-site-secret-entirely"))
            {
                var restoredWrong = Path.Combine(scratch, "restored-wrong");
                Assert.Throws<VaultKeyMismatchException>(() => new DicomUnprotector(new UnprotectorOptions { VaultPath = vault, VaultKey = wrong.VaultKey, Destination = restoredWrong }));
                Assert.False(Directory.Exists(restoredWrong));
            }

            var restored = Path.Combine(scratch, "restored");
            using (var u = new DicomUnprotector(new UnprotectorOptions { VaultPath = vault, VaultKey = keys.VaultKey, Destination = restored }))
                Assert.All(u.Unprotect(new[] { outRoot }), r => Assert.True(r.Status == UnprotectionStatus.Restored, r.Message));

            var originals = written.Files.Select(f => f.Path).ToList();
            var restoredFiles = Directory.EnumerateFiles(restored, "*.dcm", SearchOption.AllDirectories).ToList();
            Assert.Equal(originals.Count, restoredFiles.Count);
            var bySop = restoredFiles.ToDictionary(f => DicomFile.Open(f, Dicom.IO.DicomReadOptions.HeaderOnly).SopInstanceUid);
            var dumps = DeidTestSupport.PydicomDump(originals.Concat(restoredFiles), scratch);
            var problems = new List<string>();
            foreach (var f in written.Files)
            {
                var a = dumps[f.Path];
                var b = dumps[bySop[f.SopInstanceUid]];
                problems.AddRange(DeidTestSupport.Compare(a.GetProperty("elements"), b.GetProperty("elements")).Select(d => f.Kind + d));
            }
            Assert.Empty(problems);
        }

        [Fact]
        public void Unprotect_WithoutVault_RestoresOnlyTheIdentityAndSaysSo()
        {
            var scratch = DeidTestSupport.NewScratch("novault");
            var (root, _, written) = WriteCanary(scratch);
            using var keys = DeidTestSupport.Keys();
            var outRoot = Path.Combine(scratch, "out");
            using (var p = new DicomProtector(DeidTestSupport.Options(keys, outRoot, null)))
                p.Protect(new[] { written.Files[0].Path });
            var restored = Path.Combine(scratch, "restored");
            using var u = new DicomUnprotector(new UnprotectorOptions { Identity = DeidTestSupport.Identity(keys), Destination = restored });
            var r = Assert.Single(u.Unprotect(new[] { outRoot }));
            Assert.Equal(UnprotectionStatus.IdentityOnly, r.Status);
            Assert.Contains("identity only", r.Message);
            Assert.DoesNotContain(CanaryStudy.PatientId, r.Message);
            Assert.Equal(CanaryStudy.PatientId, DicomFile.Open(r.DestinationPath).Dataset.GetString(DicomTags.PatientID));
        }

        [Fact]
        public void Protect_RetainedTextAttributes_AreCleanedOfThePatientsIdentityAtEveryDepth()
        {
            var scratch = DeidTestSupport.NewScratch("clean-kept");
            var (_, _, written) = WriteCanary(scratch);
            using var keys = DeidTestSupport.Keys();
            var input = Path.Combine(scratch, "one.dcm");
            var f = DicomFile.Open(written.Files[0].Path);
            f.Dataset.AddOrUpdate(DicomTags.InstitutionName, "CLINIC OF " + CanaryStudy.FamilyName);
            f.Dataset.AddOrUpdate(DicomTags.StationName, "CT " + CanaryStudy.BirthDate.Substring(6, 2) + "." + CanaryStudy.BirthDate.Substring(4, 2) + "." + CanaryStudy.BirthDate.Substring(0, 4));
            var item = new DicomDataset();
            item.AddOrUpdate(DicomTags.CodeValue, "X1");
            item.AddOrUpdate(DicomTags.CodingSchemeDesignator, "99LOCAL");
            item.AddOrUpdate(DicomTags.CodeMeaning, "Operator " + CanaryStudy.GivenName);
            f.Dataset.AddOrUpdateSequence(DicomTags.AnatomicRegionSequence, item);
            var note = f.Dataset.GetOrReservePrivateTag(0x0029, "ACME NOTES", 0x01);
            f.Dataset.AddOrUpdate(note, DicomVR.LO, "planned for " + CanaryStudy.PatientId);
            f.Save(input);
            var profile = DeidentificationProfile.Parse(
                "name: keeps\noptions: [RetainInstitutionIdentity, RetainDeviceIdentity]\nsafePrivate:\n  - { creator: ACME NOTES, group: \"0029\" }\n");
            var outRoot = Path.Combine(scratch, "out");
            using var p = new DicomProtector(DeidTestSupport.Options(keys, outRoot, null, profile: profile));
            var r = Assert.Single(p.Protect(new[] { input }));
            Assert.True(r.Status == ProtectionStatus.Protected, r.Message);
            var ds = DicomFile.Open(r.DestinationPath).Dataset;
            Assert.Equal("CLINIC OF", ds.GetString(DicomTags.InstitutionName));
            Assert.Equal("CT", ds.GetString(DicomTags.StationName));
            Assert.Equal("Operator", ds.GetItems(DicomTags.AnatomicRegionSequence)[0].GetString(DicomTags.CodeMeaning));
            Assert.Equal("planned for", ds.GetString(ds.GetOrReservePrivateTag(0x0029, "ACME NOTES", 0x01)));
        }

        [Fact]
        public void Protect_ResidualIdentifierInKeptBinaryValue_FailsTheFileWithoutWritingOrNamingTheValue()
        {
            var scratch = DeidTestSupport.NewScratch("residual");
            var (_, _, written) = WriteCanary(scratch);
            using var keys = DeidTestSupport.Keys();
            // A safe-private binary blob (not text, so not cleanable) that holds the patient's family name.
            var input = Path.Combine(scratch, "one.dcm");
            var f = DicomFile.Open(written.Files[0].Path);
            var blob = f.Dataset.GetOrReservePrivateTag(0x0029, "ACME BLOB", 0x01);
            f.Dataset.AddOrUpdate(new DicomElement(blob, DicomVR.OB, System.Text.Encoding.ASCII.GetBytes("..CLINIC OF " + CanaryStudy.FamilyName + "..")));
            f.Save(input);
            var profile = DeidentificationProfile.Parse("name: leaky\noptions: [RetainDeviceIdentity]\nsafePrivate:\n  - { creator: ACME BLOB, group: \"0029\" }\n");
            var outRoot = Path.Combine(scratch, "out");
            using var p = new DicomProtector(DeidTestSupport.Options(keys, outRoot, Path.Combine(scratch, "vault.hpsv"), profile: profile));
            var r = Assert.Single(p.Protect(new[] { input }));
            Assert.Equal(ProtectionStatus.Failed, r.Status);
            Assert.Equal(FileFailureKind.SecurityError, r.Failure.Kind);
            Assert.Contains("(0029,1001)", r.Message);
            Assert.StartsWith("input for " + r.RelativePath, r.Message); // the file, by its protected name
            Assert.Contains("name", r.Message);
            Assert.DoesNotContain(CanaryStudy.FamilyName, r.Message);
            Assert.False(Directory.Exists(outRoot) && Directory.EnumerateFiles(outRoot, "*", SearchOption.AllDirectories).Any());
        }

        [Fact]
        public void Protect_WhatIf_PlansDestinationsAndWritesNothing()
        {
            var scratch = DeidTestSupport.NewScratch("whatif");
            var (root, _, written) = WriteCanary(scratch);
            using var keys = DeidTestSupport.Keys();
            var o = DeidTestSupport.Options(keys, Path.Combine(scratch, "out"), Path.Combine(scratch, "vault.hpsv"));
            o.WhatIf = true;
            using var p = new DicomProtector(o);
            var results = p.Protect(new[] { root });
            Assert.Equal(written.Files.Count, results.Count);
            Assert.All(results, r => Assert.Equal(ProtectionStatus.Planned, r.Status));
            Assert.All(results, r => Assert.EndsWith(".dcm", r.DestinationPath));
            Assert.False(Directory.Exists(Path.Combine(scratch, "out")));
            Assert.False(File.Exists(Path.Combine(scratch, "vault.hpsv")));
        }

        [Fact]
        public void Protect_ExcludeTestPatients_SkipsPhantoms()
        {
            var scratch = DeidTestSupport.NewScratch("qa");
            var (_, _, written) = WriteCanary(scratch);
            var input = Path.Combine(scratch, "qa.dcm");
            var f = DicomFile.Open(written.Files[0].Path);
            f.Dataset.AddOrUpdate(DicomTags.PatientName, "QA^WATER PHANTOM");
            f.Save(input);
            using var keys = DeidTestSupport.Keys();
            var o = DeidTestSupport.Options(keys, Path.Combine(scratch, "out"), null);
            o.ExcludeTestPatients = true;
            using var p = new DicomProtector(o);
            Assert.Equal(ProtectionStatus.ExcludedTestPatient, Assert.Single(p.Protect(new[] { input })).Status);
        }

        [Fact]
        public void Protector_RefusesVaultInsideDestinationAndShortKeys()
        {
            var scratch = DeidTestSupport.NewScratch("refuse");
            using var keys = DeidTestSupport.Keys();
            var dest = Path.Combine(scratch, "out");
            Assert.Throws<ArgumentException>(() => new DicomProtector(DeidTestSupport.Options(keys, dest, Path.Combine(dest, "vault.hpsv"))));
            Assert.Throws<ArgumentException>(() => SiteSecret.FromKeyText("short"));
            Assert.Throws<KeyTooShortException>(() => MrnPseudonymizer.CreateVigenere("AB1").Pseudonymize("1234567"));
        }
    }
}
