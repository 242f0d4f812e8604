using System;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using HamletPS.Core.Deidentification;
using HamletPS.Core.Identity;
using HamletPS.Core.Security;
using HamletPS.Dicom.Data;
using HamletPS.Dicom.Dictionary;
using Xunit;

namespace HamletPS.Core.Tests.Deidentification
{
    /// <summary>
    /// Profile YAML applied to a dataset: every per-tag override action selected by tag, by keyword and by group mask; the
    /// safe-private list; the resolution of the combined action codes of Table E.1-1.
    /// </summary>
    public class ProfileOverrideTests
    {
        private const int Offset = -100;
        private const string NewId = "STUDY01";

        private static DicomFile Sample()
        {
            var ds = new DicomDataset();
            ds.AddOrUpdate(DicomTags.SOPClassUID, "1.2.840.10008.5.1.4.1.1.2");
            ds.AddOrUpdate(DicomTags.SOPInstanceUID, "1.2.826.0.1.3680043.99.1.1.1");
            ds.AddOrUpdate(DicomTags.StudyInstanceUID, "1.2.826.0.1.3680043.99.1");
            ds.AddOrUpdate(DicomTags.SeriesInstanceUID, "1.2.826.0.1.3680043.99.1.1");
            ds.AddOrUpdate(DicomTags.PatientID, "MRN12345");
            ds.AddOrUpdate(DicomTags.PatientName, "DOE^JANE");
            ds.AddOrUpdate(DicomTags.Modality, "CT");
            ds.AddOrUpdate(DicomTags.StudyDate, "20240110");
            ds.AddOrUpdate(DicomTags.InstitutionName, "GENERAL HOSPITAL");
            ds.AddOrUpdate(DicomTags.StationName, "CT01");
            return new DicomFile(ds);
        }

        private static DicomDataset Deidentify(string yaml, DicomFile file = null)
        {
            file ??= Sample();
            var profile = DeidentificationProfile.Parse(yaml, "test.yaml");
            using var keys = DeidTestSupport.Keys();
            var deidentifier = new DicomDeidentifier(profile, new UidRemapper(keys.UidKey, profile.UidRoot, DicomDeidentifier.IsRegistryUid), ProtectorOptions.DeriveHashKey(keys.UidKey));
            var ids = PatientIdentifiers.FromDataset(file.Dataset);
            var record = deidentifier.Deidentify(file, new PatientProtection(NewId, IdentitySource.Lookup, Offset, ids));
            Assert.NotEmpty(record.Changes);
            return file.Dataset;
        }

        private static string Selector(string[] forms, int form) => forms[form];

        // exact tag, keyword, group mask
        private static readonly string[] Institution = { "\"(0008,0080)\"", "InstitutionName", "\"(0008,008x)\"" };
        private static readonly string[] Station = { "\"(0008,1010)\"", "StationName", "\"(0008,101x)\"" };
        private static readonly string[] StudyDate = { "\"(0008,0020)\"", "StudyDate", "\"(0008,002x)\"" };
        private static readonly string[] StudyUid = { "\"(0020,000D)\"", "StudyInstanceUID", "\"(0020,000x)\"" };

        public static TheoryData<string, int> ActionsAndSelectors()
        {
            var data = new TheoryData<string, int>();
            foreach (string action in new[] { "keep", "remove", "empty", "replace", "hash", "shiftDate", "remapUid" })
                for (int form = 0; form < 3; form++) data.Add(action, form);
            return data;
        }

        [Theory]
        [MemberData(nameof(ActionsAndSelectors))]
        public void Override_AppliesItsAction_SelectedByTagKeywordOrGroupMask(string action, int form)
        {
            using var keys = DeidTestSupport.Keys();
            switch (action)
            {
                case "keep": // Basic removes Institution Name (X/Z/D, Type 3)
                {
                    Assert.Null(Deidentify("name: b\n").GetElement(DicomTags.InstitutionName));
                    var ds = Deidentify("name: b\noverrides:\n  - { tag: " + Selector(Institution, form) + ", action: keep }\n");
                    Assert.Equal("GENERAL HOSPITAL", ds.GetString(DicomTags.InstitutionName));
                    break;
                }
                case "remove": // Retain Device Identity keeps Station Name
                {
                    Assert.Equal("CT01", Deidentify("name: d\noptions: [RetainDeviceIdentity]\n").GetString(DicomTags.StationName));
                    var ds = Deidentify("name: d\noptions: [RetainDeviceIdentity]\noverrides:\n  - { tag: " + Selector(Station, form) + ", action: remove }\n");
                    Assert.Null(ds.GetElement(DicomTags.StationName));
                    break;
                }
                case "empty":
                {
                    var ds = Deidentify("name: d\noptions: [RetainDeviceIdentity]\noverrides:\n  - { tag: " + Selector(Station, form) + ", action: empty }\n");
                    var e = ds.GetElement(DicomTags.StationName);
                    Assert.NotNull(e);
                    Assert.Equal(0, e.Length);
                    break;
                }
                case "replace":
                {
                    var ds = Deidentify("name: d\noptions: [RetainDeviceIdentity]\noverrides:\n  - { tag: " + Selector(Station, form) + ", action: replace, value: SITE STATION }\n");
                    Assert.Equal("SITE STATION", ds.GetString(DicomTags.StationName));
                    break;
                }
                case "hash":
                {
                    string yaml = "name: d\noptions: [RetainDeviceIdentity]\noverrides:\n  - { tag: " + Selector(Station, form) + ", action: hash }\n";
                    string hashed = Deidentify(yaml).GetString(DicomTags.StationName);
                    // HMAC-SHA256 under the hash key, upper-case hex, cut to 16 characters for SH.
                    using var hmac = new HMACSHA256(ProtectorOptions.DeriveHashKey(keys.UidKey));
                    string expected = string.Concat(hmac.ComputeHash(Encoding.UTF8.GetBytes("CT01")).Select(b => b.ToString("X2", CultureInfo.InvariantCulture))).Substring(0, 16);
                    Assert.Equal(expected, hashed);
                    Assert.Equal(hashed, Deidentify(yaml).GetString(DicomTags.StationName)); // deterministic
                    var other = Sample();
                    other.Dataset.AddOrUpdate(DicomTags.StationName, "CT02");
                    Assert.NotEqual(hashed, Deidentify(yaml, other).GetString(DicomTags.StationName));
                    break;
                }
                case "shiftDate": // Basic empties Study Date (Z)
                {
                    Assert.Equal(0, Deidentify("name: b\n").GetElement(DicomTags.StudyDate).Length);
                    var ds = Deidentify("name: b\noverrides:\n  - { tag: " + Selector(StudyDate, form) + ", action: shiftDate }\n");
                    Assert.Equal(DateShifter.ShiftDate("20240110", Offset), ds.GetString(DicomTags.StudyDate));
                    Assert.Equal("20231002", ds.GetString(DicomTags.StudyDate));
                    break;
                }
                case "remapUid": // Retain UIDs keeps Study Instance UID
                {
                    Assert.Equal("1.2.826.0.1.3680043.99.1", Deidentify("name: u\noptions: [RetainUids]\n").GetUid(DicomTags.StudyInstanceUID));
                    var ds = Deidentify("name: u\noptions: [RetainUids]\noverrides:\n  - { tag: " + Selector(StudyUid, form) + ", action: remapUid }\n");
                    string expected = new UidRemapper(keys.UidKey, "2.25", DicomDeidentifier.IsRegistryUid).Remap("1.2.826.0.1.3680043.99.1");
                    Assert.Equal(expected, ds.GetUid(DicomTags.StudyInstanceUID));
                    Assert.StartsWith("2.25.", expected);
                    Assert.Equal("1.2.826.0.1.3680043.99.1.1.1", ds.GetUid(DicomTags.SOPInstanceUID)); // only what the override selects
                    break;
                }
                default: throw new ArgumentOutOfRangeException(nameof(action));
            }
        }

        [Fact]
        public void Override_ExactTagWinsOverMaskAndKeyword_WhateverTheOrderInTheFile()
        {
            var ds = Deidentify("name: d\noptions: [RetainDeviceIdentity]\noverrides:\n" +
                                "  - { tag: \"(0008,101x)\", action: remove }\n" +
                                "  - { tag: \"(0008,1010)\", action: replace, value: EXACT }\n");
            Assert.Equal("EXACT", ds.GetString(DicomTags.StationName));
        }

        [Fact]
        public void Override_KeepStillCleansThePatientsIdentityOutOfTheValue()
        {
            var f = Sample();
            f.Dataset.AddOrUpdate(DicomTags.InstitutionName, "DOE FAMILY CLINIC MRN12345");
            var ds = Deidentify("name: b\noverrides:\n  - { tag: InstitutionName, action: keep }\n", f);
            Assert.Equal("FAMILY CLINIC", ds.GetString(DicomTags.InstitutionName));
        }

        [Fact]
        public void Override_PrivateGroupMaskKeep_KeepsTheBlockWithItsCreator()
        {
            var f = Sample();
            var tag = f.Dataset.GetOrReservePrivateTag(0x0019, "ACME 1.0", 0x01);
            f.Dataset.AddOrUpdate(tag, DicomVR.LO, "vendor value");
            var ds = Deidentify("name: b\noverrides:\n  - { tag: \"(0019,xxxx)\", action: keep }\n", f);
            Assert.Equal("ACME 1.0", ds.GetString(new DicomTag(0x0019, 0x0010)));
            Assert.Equal("vendor value", ds.GetString(new DicomTag(0x0019, 0x1001)));
        }

        private static DicomFile WithPrivateBlocks()
        {
            var f = Sample();
            var ds = f.Dataset;
            // Another vendor takes slot 0x10 of group 0019, so ACME's block sits at (0019,11xx).
            ds.AddOrUpdate(ds.GetOrReservePrivateTag(0x0019, "OTHER VENDOR", 0x01), DicomVR.LO, "other value");
            ds.AddOrUpdate(ds.GetOrReservePrivateTag(0x0019, "ACME 1.0", 0x01), DicomVR.LO, "setting for DOE");
            ds.AddOrUpdate(ds.GetOrReservePrivateTag(0x0019, "ACME 1.0", 0x02), DicomVR.LO, "not listed");
            ds.AddOrUpdate(ds.GetOrReservePrivateTag(0x0029, "ACME 1.0", 0x01), DicomVR.LO, "other group");
            var item = new DicomDataset();
            item.AddOrUpdate(DicomTags.PatientName, "DOE^JANE");
            item.AddOrUpdate(DicomTags.OperatorsName, "TECH^ONE");
            ds.AddOrUpdateSequence(ds.GetOrReservePrivateTag(0x0031, "ACME SEQ", 0x01), item);
            return f;
        }

        [Fact]
        public void SafePrivate_KeepsTheConfiguredCreatorsElements_AndRemovesEveryOtherPrivateElement()
        {
            var ds = Deidentify("name: sp\nsafePrivate:\n" +
                                "  - { creator: ACME 1.0, group: \"0019\", elements: [\"01\"] }\n" +
                                "  - { creator: ACME SEQ }\n", WithPrivateBlocks());
            Assert.True(DeidentificationProfile.Parse("name: sp\nsafePrivate:\n  - { creator: ACME SEQ }\n").HasOption(ConfidentialityOption.RetainSafePrivate));
            var privateTags = ds.Where(e => e.Tag.IsPrivate).Select(e => e.Tag).ToList();
            Assert.Equal(new[] { new DicomTag(0x0019, 0x0011), new DicomTag(0x0019, 0x1101), new DicomTag(0x0031, 0x0010), new DicomTag(0x0031, 0x1001) }, privateTags);
            Assert.Equal("ACME 1.0", ds.GetString(new DicomTag(0x0019, 0x0011)));
            Assert.Equal("setting for", ds.GetString(new DicomTag(0x0019, 0x1101))); // kept, cleaned of the surname
            var kept = ((DicomSequence)ds.GetElement(new DicomTag(0x0031, 0x1001))).Items.Single();
            Assert.Equal(NewId, kept.GetString(DicomTags.PatientName));            // items of a kept private sequence are processed
            Assert.Null(kept.GetElement(DicomTags.OperatorsName));
        }

        [Fact]
        public void NoSafePrivateList_RemovesEveryPrivateElementAndCreator()
        {
            var ds = Deidentify("name: b\n", WithPrivateBlocks());
            Assert.DoesNotContain(ds, e => e.Tag.IsPrivate);
        }

        private const string CtImage = "1.2.840.10008.5.1.4.1.1.2";
        private const string RtStructureSet = "1.2.840.10008.5.1.4.1.1.481.3";
        private const string RtPlan = "1.2.840.10008.5.1.4.1.1.481.5";
        private const string SpatialRegistration = "1.2.840.10008.5.1.4.1.1.66.1";
        private const string EnhancedCt = "1.2.840.10008.5.1.4.1.1.2.1";

        // Combined codes of Table E.1-1 by the attribute's type (1, 2, 3; 0 = unknown) where it sits in the IOD of the SOP Class.
        [Theory]
        [InlineData(CtImage, "ContentDate", "Z/D", 2, AttributeAction.Empty)]
        [InlineData(EnhancedCt, "ContentDate", "Z/D", 1, AttributeAction.Dummy)]
        [InlineData(RtPlan, "BeamSequence/TreatmentMachineName", "X/Z", 2, AttributeAction.Empty)]
        [InlineData(CtImage, "AcquisitionDate", "X/Z", 3, AttributeAction.Remove)]
        [InlineData(CtImage, "BarcodeValue", "X/Z", 0, AttributeAction.Remove)]
        [InlineData(RtPlan, "RTPlanDate", "X/D", 2, AttributeAction.Dummy)]
        [InlineData(CtImage, "SeriesDate", "X/D", 3, AttributeAction.Remove)]
        [InlineData(CtImage, "InstitutionName", "X/Z/D", 3, AttributeAction.Remove)]
        [InlineData(CtImage, "OperatorsName", "X/Z/D", 3, AttributeAction.Remove)]
        [InlineData(RtStructureSet, "OperatorsName", "X/Z/D", 2, AttributeAction.Empty)]
        [InlineData(EnhancedCt, "DeviceSerialNumber", "X/Z/D", 1, AttributeAction.Dummy)]
        [InlineData(CtImage, "ReferencedImageSequence", "X/Z/U*", 3, AttributeAction.Remove)]
        [InlineData(SpatialRegistration, "RegistrationSequence/ReferencedImageSequence", "X/Z/U*", 1, AttributeAction.RemapUid)]
        [InlineData(CtImage, "RegistrationSequence/ReferencedImageSequence", "X/Z/U*", 0, AttributeAction.Remove)]
        public void CombinedCodes_ResolveByTheTypeInTheInstancesIod_ElseStricter_InTheBasicProfile(string sopClass, string path, string code, int type, AttributeAction expected)
        {
            var tags = path.Split('/').Select(k => DicomDictionary.LookupKeyword(k).Tag).ToArray();
            var entry = DicomDictionary.Lookup(tags[tags.Length - 1]);
            var row = ConfidentialityProfileTable.Find(entry.Tag.Value);
            Assert.Equal(code, Code(row.Basic));
            Assert.Equal(type, IodAttributeTypes.TypeAt(sopClass, tags.Select(t => t.Value).ToArray()));
            var rules = new ProfileRules(DeidentificationProfile.BuiltIn("basic"));
            Assert.Equal(expected, rules.For(entry.Tag, entry.VR, type).Action);
        }

        [Theory]
        [InlineData(ConfidentialityAction.ZeroOrDummy, AttributeAction.Dummy, AttributeAction.Empty, AttributeAction.Empty, AttributeAction.Empty)]
        [InlineData(ConfidentialityAction.RemoveOrZero, AttributeAction.Empty, AttributeAction.Empty, AttributeAction.Remove, AttributeAction.Remove)]
        [InlineData(ConfidentialityAction.RemoveOrDummy, AttributeAction.Dummy, AttributeAction.Dummy, AttributeAction.Remove, AttributeAction.Remove)]
        [InlineData(ConfidentialityAction.RemoveOrZeroOrDummy, AttributeAction.Dummy, AttributeAction.Empty, AttributeAction.Remove, AttributeAction.Remove)]
        [InlineData(ConfidentialityAction.RemoveOrZeroOrUid, AttributeAction.RemapUid, AttributeAction.Empty, AttributeAction.Remove, AttributeAction.Remove)]
        public void CombinedCodes_EveryTypeGivesTheConformantAlternative_UnknownTheStricter(ConfidentialityAction code, AttributeAction type1, AttributeAction type2, AttributeAction type3, AttributeAction unknown)
        {
            Assert.Equal(type1, CombinedActionCodes.Resolve(code, 1));
            Assert.Equal(type2, CombinedActionCodes.Resolve(code, 2));
            Assert.Equal(type3, CombinedActionCodes.Resolve(code, 3));
            Assert.Equal(unknown, CombinedActionCodes.Resolve(code, 0));
        }

        [Fact]
        public void ReferencedImageSequence_IsRemovedAtTheTopLevel_ButKeptAndRemappedInsideARegistration()
        {
            var f = Sample();
            f.Dataset.AddOrUpdate(DicomTags.SOPClassUID, SpatialRegistration);
            var reference = new DicomDataset();
            reference.AddOrUpdate(DicomTags.ReferencedSOPClassUID, "1.2.840.10008.5.1.4.1.1.2");
            reference.AddOrUpdate(DicomTags.ReferencedSOPInstanceUID, "1.2.826.0.1.3680043.99.1.1.7");
            f.Dataset.AddOrUpdateSequence(DicomTags.ReferencedImageSequence, reference);
            var registration = new DicomDataset();
            var nested = new DicomDataset();
            nested.AddOrUpdate(DicomTags.ReferencedSOPClassUID, "1.2.840.10008.5.1.4.1.1.2");
            nested.AddOrUpdate(DicomTags.ReferencedSOPInstanceUID, "1.2.826.0.1.3680043.99.1.1.7");
            registration.AddOrUpdateSequence(DicomTags.ReferencedImageSequence, nested);
            f.Dataset.AddOrUpdateSequence(DicomTags.RegistrationSequence, registration);

            var ds = Deidentify("name: b\n", f);

            Assert.Null(ds.GetElement(DicomTags.ReferencedImageSequence));
            var kept = ds.GetItems(DicomTags.RegistrationSequence).Single().GetItems(DicomTags.ReferencedImageSequence).Single();
            using var keys = DeidTestSupport.Keys();
            Assert.Equal(new UidRemapper(keys.UidKey).Remap("1.2.826.0.1.3680043.99.1.1.7"), kept.GetUid(DicomTags.ReferencedSOPInstanceUID));
            Assert.Equal("1.2.840.10008.5.1.4.1.1.2", kept.GetUid(DicomTags.ReferencedSOPClassUID));
        }

        [Fact]
        public void FailClosed_RemovesUnknownAndUnlistedFreeTextAttributes_KeepsNonTextOnes()
        {
            var f = Sample();
            f.Dataset.AddOrUpdate(new DicomElement(new DicomTag(0x0008, 0x9998), DicomVR.LO, Encoding.ASCII.GetBytes("unknown tag")));
            f.Dataset.AddOrUpdate(DicomTags.Rows, DicomVR.US, 512);
            f.Dataset.AddOrUpdate(DicomTags.ImageType, "ORIGINAL", "PRIMARY", "AXIAL");
            var ds = Deidentify("name: hamlet-like\noptions: [RetainDeviceIdentity, CleanDescriptors]\n", f);
            Assert.Null(ds.GetElement(new DicomTag(0x0008, 0x9998)));
            Assert.Equal(512, ds.GetLong(DicomTags.Rows));
            Assert.Equal("ORIGINAL\\PRIMARY\\AXIAL", ds.GetString(DicomTags.ImageType));
        }

        [Fact]
        public void FileMeta_MediaStorageSopInstanceUidFollowsTheRemappedSopInstanceUid_AndAeTitlesGo()
        {
            var f = Sample();
            f.FileMetaInformation.AddOrUpdate(DicomTags.MediaStorageSOPClassUID, "1.2.840.10008.5.1.4.1.1.2");
            f.FileMetaInformation.AddOrUpdate(DicomTags.MediaStorageSOPInstanceUID, "1.2.826.0.1.3680043.99.1.1.1");
            f.FileMetaInformation.AddOrUpdate(DicomTags.SourceApplicationEntityTitle, "DOE_WS");
            var ds = Deidentify("name: b\n", f);
            string sop = ds.GetUid(DicomTags.SOPInstanceUID);
            Assert.StartsWith("2.25.", sop);
            Assert.Equal(sop, f.FileMetaInformation.GetUid(DicomTags.MediaStorageSOPInstanceUID));
            Assert.Equal("1.2.840.10008.5.1.4.1.1.2", f.FileMetaInformation.GetUid(DicomTags.MediaStorageSOPClassUID));
            Assert.Null(f.FileMetaInformation.GetElement(DicomTags.SourceApplicationEntityTitle));
        }

        [Fact]
        public void UidRoot_FromTheProfile_PrefixesEveryRemappedInstanceUid_Deterministically()
        {
            const string yaml = "name: rooted\nuidRoot: 1.2.826.0.1.3680043.10.999\n";
            var first = Deidentify(yaml);
            var second = Deidentify(yaml);
            foreach (var tag in new[] { DicomTags.SOPInstanceUID, DicomTags.StudyInstanceUID, DicomTags.SeriesInstanceUID })
            {
                Assert.StartsWith("1.2.826.0.1.3680043.10.999.", first.GetUid(tag));
                Assert.True(first.GetUid(tag).Length <= 64);
                Assert.Equal(first.GetUid(tag), second.GetUid(tag));
            }
            Assert.Equal("1.2.840.10008.5.1.4.1.1.2", first.GetUid(DicomTags.SOPClassUID)); // registry UID untouched
        }

        private static string Code(ConfidentialityAction a) => a switch
        {
            ConfidentialityAction.ZeroOrDummy => "Z/D",
            ConfidentialityAction.RemoveOrZero => "X/Z",
            ConfidentialityAction.RemoveOrDummy => "X/D",
            ConfidentialityAction.RemoveOrZeroOrDummy => "X/Z/D",
            ConfidentialityAction.RemoveOrZeroOrUid => "X/Z/U*",
            _ => a.ToString(),
        };
    }
}
