using System;
using System.Linq;
using HamletPS.Core.Deidentification;
using HamletPS.Dicom.Data;
using HamletPS.Dicom.Dictionary;
using Xunit;

namespace HamletPS.Core.Tests.Deidentification
{
    public class DeidentificationProfileTests
    {
        [Fact]
        public void BuiltInHamletRt_HasTheTrialOptionsAndIsListed()
        {
            Assert.Contains("hamlet-rt", DeidentificationProfile.BuiltInNames);
            Assert.Contains("basic", DeidentificationProfile.BuiltInNames);
            var p = DeidentificationProfile.Default;
            Assert.Equal("hamlet-rt", p.Name);
            Assert.Equal(new[] { ConfidentialityOption.RetainDeviceIdentity, ConfidentialityOption.RetainPatientCharacteristics,
                ConfidentialityOption.RetainLongitudinalModifiedDates, ConfidentialityOption.CleanDescriptors }.OrderBy(o => o), p.Options);
            Assert.Equal("2.25", p.UidRoot);
        }

        [Fact]
        public void Parse_ReadsOverridesMasksSafePrivateAndDateShift()
        {
            var p = DeidentificationProfile.Parse(@"
name: site
options: [Basic, Retain Longitudinal Temporal Information with Modified Dates Option, retain-uids]
uidRoot: 1.2.826.0.1.3680043.10.999
dateShift: { minDays: -100, maxDays: -10 }
overrides:
  - { tag: ""(0019,xxxx)"", action: remove }
  - { tag: InstitutionName, action: replace, value: HAMLET SITE 3 }
  - { tag: ""(0010,0010)"", action: hash }
  - { tag: ""(60xx,3000)"", action: keep }
safePrivate:
  - { creator: ""ACME 1.0"", group: ""0029"", elements: [""10"", ""0x1A""] }
testPatients: [dummy]
", "site.yaml");
            Assert.True(p.HasOption(ConfidentialityOption.RetainLongitudinalModifiedDates));
            Assert.True(p.HasOption(ConfidentialityOption.RetainUids));
            Assert.True(p.HasOption(ConfidentialityOption.RetainSafePrivate)); // implied by the safe list
            Assert.Equal(-100, p.DateShiftMinimumDays);
            Assert.Equal("(0010,0010)", p.Overrides[0].Pattern.Text); // exact tags first
            var rules = new ProfileRules(p);
            Assert.Equal(AttributeAction.Remove, rules.FindOverride(new DicomTag(0x0019, 0x10A3)).Action);
            Assert.Equal(AttributeAction.Keep, rules.FindOverride(new DicomTag(0x6002, 0x3000)).Action);
            Assert.Equal("HAMLET SITE 3", rules.For(DicomTags.InstitutionName, DicomVR.LO).Value);
            Assert.True(p.SafePrivate[0].Matches(0x0029, "ACME 1.0", 0x1A));
            Assert.False(p.SafePrivate[0].Matches(0x0029, "ACME 1.0", 0x1B));
            Assert.Equal(new[] { "dummy" }, p.TestPatientPatterns);
        }

        [Theory]
        [InlineData("name: x\noptions: [RetainEverything]", 2)]
        [InlineData("name: x\noverrides:\n  - { tag: NotAKeyword, action: keep }", 3)]
        [InlineData("name: x\noverrides:\n  - { tag: PatientName, action: replace }", 3)]
        [InlineData("name: x\nfrobnicate: 1", 2)]
        [InlineData("name: x\nsafePrivate:\n  - { creator: A, group: \"0010\" }", 3)]
        public void Parse_RejectsMistakesWithTheLine(string yaml, int line)
        {
            var ex = Assert.Throws<ProfileFormatException>(() => DeidentificationProfile.Parse(yaml, "bad.yaml"));
            Assert.Equal(line, ex.Line);
            Assert.StartsWith("bad.yaml:" + line + ":", ex.Message);
        }

        [Fact]
        public void Parse_RejectsBothDateOptions()
        {
            Assert.Throws<ProfileFormatException>(() => DeidentificationProfile.Parse("name: x\noptions: [RetainLongitudinalFullDates, RetainLongitudinalModifiedDates]"));
        }

        [Fact]
        public void Rules_ResolveCombinedCodesByTypeElseStricter()
        {
            var rules = new ProfileRules(DeidentificationProfile.BuiltIn("basic"));
            Assert.Equal(AttributeAction.Empty, rules.For(DicomTags.ContentDate, DicomVR.DA, 2).Action);           // Z/D, Type 2
            Assert.Equal(AttributeAction.Dummy, rules.For(DicomTags.ContentDate, DicomVR.DA, 1).Action);           // Z/D, Type 1
            Assert.Equal(AttributeAction.Remove, rules.For(DicomTags.InstitutionName, DicomVR.LO, 3).Action);      // X/Z/D, Type 3
            Assert.Equal(AttributeAction.Empty, rules.For(DicomTags.TreatmentMachineName, DicomVR.SH, 2).Action);  // X/Z, Type 2
            Assert.Equal(AttributeAction.Remove, rules.For(DicomTags.TreatmentSite, DicomVR.LO).Action);           // X/D, unknown: stricter
            Assert.Equal(AttributeAction.Remove, rules.For(DicomTags.StudyDescription, DicomVR.LO).Action);
            Assert.Equal(AttributeAction.Empty, rules.For(DicomTags.StructureSetDate, DicomVR.DA).Action);
        }

        [Fact]
        public void Rules_HamletRtCleansDescriptorsShiftsDatesKeepsDeviceAndCharacteristics()
        {
            var rules = new ProfileRules(DeidentificationProfile.Default);
            Assert.Equal(AttributeAction.Clean, rules.For(DicomTags.StudyDescription, DicomVR.LO).Action);
            Assert.Equal(AttributeAction.Clean, rules.For(DicomTags.StudyDate, DicomVR.DA).Action);
            Assert.Equal(AttributeAction.Keep, rules.For(DicomTags.StationName, DicomVR.SH).Action);
            Assert.Equal(AttributeAction.Keep, rules.For(DicomTags.PatientSex, DicomVR.CS).Action);
            Assert.Equal(AttributeAction.Empty, rules.For(DicomTags.PatientBirthDate, DicomVR.DA).Action);
        }

        [Fact]
        public void Rules_FailClosedForAttributesTheTableDoesNotList()
        {
            var rules = new ProfileRules(DeidentificationProfile.Default);
            Assert.Equal(AttributeAction.Keep, rules.For(DicomTags.Rows, DicomVR.US).Action);
            Assert.Equal(AttributeAction.Keep, rules.For(DicomTags.ImageType, DicomVR.CS).Action);
            Assert.Equal(AttributeAction.Keep, rules.For(DicomTags.SOPClassUID, DicomVR.UI).Action);
            Assert.Equal(AttributeAction.RemapUid, rules.For(DicomTags.ReferencedSOPInstanceUID, DicomVR.UI).Action);
            Assert.Equal(AttributeAction.Clean, rules.For(DicomTags.BeamName, DicomVR.LO).Action);
            Assert.Equal(AttributeAction.Remove, rules.For(new DicomTag(0x0008, 0x9999), DicomVR.LO).Action); // unknown tag
            Assert.Equal(AttributeAction.Dummy, rules.For(DicomTags.EncapsulatedDocument, DicomVR.OB).Action); // the table says D
            var basic = new ProfileRules(DeidentificationProfile.BuiltIn("basic"));
            Assert.Equal(AttributeAction.Dummy, basic.For(DicomTags.TreatmentControlPointDate, DicomVR.DA).Action);
            Assert.Equal(AttributeAction.Remove, basic.For(DicomTags.TimeOfLastCalibration, DicomVR.TM).Action);
        }

        [Theory]
        [InlineData("QA_PHANTOM", true)]
        [InlineData("Test^Patient", true)]
        [InlineData("PHYSICS01", true)]
        [InlineData("SMITH^QASIM", false)]
        [InlineData("Jones^Anna", false)]
        [InlineData("WATER-PHANTOM-2", true)]
        public void TestPatientDetector_IsWordBoundaryAware(string value, bool expected)
        {
            Assert.Equal(expected, new TestPatientDetector().IsTestPatient(value));
        }
    }
}
