using System.Linq;
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
    /// Protection fails closed without breaking the IOD: an attribute the instance's IOD requires (Type 1 or 2 where it
    /// sits) is given a dummy or emptied, never removed, whether Table E.1-1 lists it with a combined code or not; and the
    /// trial's profile cleans the short RT descriptions Annex E asks to clean instead of deleting them.
    /// </summary>
    public class RequiredAttributeTests
    {
        private const string CtImage = "1.2.840.10008.5.1.4.1.1.2";
        private const string EnhancedCt = "1.2.840.10008.5.1.4.1.1.2.1";
        private const string RtStructureSet = "1.2.840.10008.5.1.4.1.1.481.3";
        private const string RtPlan = "1.2.840.10008.5.1.4.1.1.481.5";
        private const string Segmentation = "1.2.840.10008.5.1.4.1.1.66.4";
        private const string TwelveLeadEcg = "1.2.840.10008.5.1.4.1.1.9.1.1";

        private static DicomFile Instance(string sopClass)
        {
            var ds = new DicomDataset();
            ds.AddOrUpdate(DicomTags.SpecificCharacterSet, "ISO_IR 100");
            ds.AddOrUpdate(DicomTags.SOPClassUID, sopClass);
            ds.AddOrUpdate(DicomTags.SOPInstanceUID, "1.2.826.0.1.3680043.99.7.1.1");
            ds.AddOrUpdate(DicomTags.StudyInstanceUID, "1.2.826.0.1.3680043.99.7");
            ds.AddOrUpdate(DicomTags.SeriesInstanceUID, "1.2.826.0.1.3680043.99.7.1");
            ds.AddOrUpdate(DicomTags.PatientID, "MRN77123");
            ds.AddOrUpdate(DicomTags.PatientName, "QUIRINUS^HILDA");
            return new DicomFile(ds);
        }

        private static DicomDataset Protect(DicomFile file, string profileName)
        {
            var profile = DeidentificationProfile.BuiltIn(profileName);
            using var keys = DeidTestSupport.Keys();
            var deidentifier = new DicomDeidentifier(profile, new UidRemapper(keys.UidKey, profile.UidRoot, DicomDeidentifier.IsRegistryUid), ProtectorOptions.DeriveHashKey(keys.UidKey));
            deidentifier.Deidentify(file, new PatientProtection("STUDY07", IdentitySource.Lookup, -100, PatientIdentifiers.FromDataset(file.Dataset)));
            return file.Dataset;
        }

        private static DicomDataset Item(params (DicomTag Tag, string Value)[] values)
        {
            var item = new DicomDataset();
            foreach (var (tag, value) in values) item.AddOrUpdate(tag, value);
            return item;
        }

        private static DicomFile SegmentationInstance()
        {
            var f = Instance(Segmentation);
            f.Dataset.AddOrUpdate(DicomTags.ContentDescription, "Iowa QIN segmentation result");
            var segment = Item((DicomTags.SegmentLabel, "Liver"), (DicomTags.SegmentAlgorithmName, "SlicerEditor"), (DicomTags.SegmentAlgorithmType, "SEMIAUTOMATIC"));
            segment.AddOrUpdate(DicomTags.SegmentNumber, DicomVR.US, 1);
            f.Dataset.AddOrUpdateSequence(DicomTags.SegmentSequence, segment);
            return f;
        }

        [Fact]
        public void Segmentation_Basic_GivesTheRequiredSegmentLabelADummy_EmptiesContentDescription_KeepsTheAlgorithmName()
        {
            var ds = Protect(SegmentationInstance(), "basic");
            var segment = ds.GetItems(DicomTags.SegmentSequence).Single();
            Assert.Equal("ANONYMIZED", segment.GetString(DicomTags.SegmentLabel));       // Type 1, free text outside E.1-1
            Assert.Equal("SlicerEditor", segment.GetString(DicomTags.SegmentAlgorithmName)); // Type 1C, software name
            Assert.NotNull(ds.GetElement(DicomTags.ContentDescription));                     // Type 2: emptied, not removed
            Assert.Equal(0, ds.GetElement(DicomTags.ContentDescription).Length);
        }

        [Fact]
        public void Segmentation_HamletRt_KeepsWhatItSegmentsCleanedOfThePatientsIdentity()
        {
            var f = SegmentationInstance();
            f.Dataset.GetItems(DicomTags.SegmentSequence).Single().AddOrUpdate(DicomTags.SegmentLabel, "Liver Quirinus");
            var ds = Protect(f, "hamlet-rt");
            Assert.Equal("Liver", ds.GetItems(DicomTags.SegmentSequence).Single().GetString(DicomTags.SegmentLabel)?.Trim());
            Assert.Equal("Iowa QIN segmentation result", ds.GetString(DicomTags.ContentDescription));
        }

        [Theory]
        [InlineData("basic", "ANONYMIZED")]
        [InlineData("hamlet-rt", "RITMO SINUSALE")]
        public void Ecg_UnformattedTextValueOfAWaveformAnnotation_IsNeverRemoved(string profile, string expected)
        {
            var f = Instance(TwelveLeadEcg);
            f.Dataset.AddOrUpdateSequence(DicomTags.WaveformAnnotationSequence, Item((DicomTags.UnformattedTextValue, "RITMO SINUSALE")));
            var ds = Protect(f, profile);
            Assert.Equal(expected, ds.GetItems(DicomTags.WaveformAnnotationSequence).Single().GetString(DicomTags.UnformattedTextValue));
        }

        [Fact]
        public void Basic_EnhancedCt_RequiredDatesAndDeviceSerialNumberGetDummies_NotEmptiedOrRemoved()
        {
            var f = Instance(EnhancedCt);
            f.Dataset.AddOrUpdate(DicomTags.ContentDate, "20240110");
            f.Dataset.AddOrUpdate(DicomTags.ContentTime, "101500");
            f.Dataset.AddOrUpdate(DicomTags.AcquisitionDateTime, "20240110101000");
            f.Dataset.AddOrUpdate(DicomTags.DeviceSerialNumber, "SN-4711");
            var ds = Protect(f, "basic");
            Assert.Equal("19000101", ds.GetString(DicomTags.ContentDate));          // Z/D, Type 1 in Multi-frame Functional Groups
            Assert.Equal("000000", ds.GetString(DicomTags.ContentTime));
            Assert.Equal("19000101000000", ds.GetString(DicomTags.AcquisitionDateTime)); // X/Z/D, Type 1C in Enhanced CT Image
            Assert.Equal("ANONYMIZED", ds.GetString(DicomTags.DeviceSerialNumber));       // X/Z/D, Type 1 in Enhanced General Equipment
        }

        [Fact]
        public void Basic_CtImage_TheSameAttributesFollowTheirTypesThere()
        {
            var f = Instance(CtImage);
            f.Dataset.AddOrUpdate(DicomTags.ContentDate, "20240110");
            f.Dataset.AddOrUpdate(DicomTags.AcquisitionDateTime, "20240110101000");
            f.Dataset.AddOrUpdate(DicomTags.DeviceSerialNumber, "SN-4711");
            var ds = Protect(f, "basic");
            Assert.Equal(0, ds.GetElement(DicomTags.ContentDate).Length); // Z/D, Type 2C in General Image
            Assert.Null(ds.GetElement(DicomTags.AcquisitionDateTime));    // X/Z/D, Type 3
            Assert.Null(ds.GetElement(DicomTags.DeviceSerialNumber));     // X/Z/D, Type 3 in General Equipment
        }

        [Theory]
        [InlineData(RtStructureSet, "basic")]
        [InlineData(RtStructureSet, "hamlet-rt")]
        [InlineData(RtPlan, "basic")]
        [InlineData(RtPlan, "hamlet-rt")]
        public void RtSeries_OperatorsName_IsEmptiedNotRemoved(string sopClass, string profile)
        {
            var f = Instance(sopClass);
            f.Dataset.AddOrUpdate(DicomTags.OperatorsName, "KRANZ^BEA");
            var ds = Protect(f, profile);
            var operators = ds.GetElement(DicomTags.OperatorsName);
            Assert.NotNull(operators); // Type 2 in RT Series (C.8.8.1)
            Assert.Equal(0, operators.Length);
        }

        [Fact]
        public void UnknownIod_TakesTheMostRequiredTypeOfAnyIod_SoNothingAnyIodRequiresIsRemoved()
        {
            var f = Instance("1.2.840.10008.5.1.4.1.1.130"); // Enhanced PET: not in the PS3.3 copy
            f.Dataset.AddOrUpdate(DicomTags.OperatorsName, "KRANZ^BEA");
            f.Dataset.AddOrUpdate(DicomTags.ContentDate, "20240110");
            f.Dataset.AddOrUpdate(DicomTags.InstitutionName, "GENERAL HOSPITAL");
            var ds = Protect(f, "basic");
            Assert.Equal(0, ds.GetElement(DicomTags.OperatorsName).Length);   // Type 2 in RT Series
            Assert.Equal("19000101", ds.GetString(DicomTags.ContentDate));    // Type 1 in multi-frame IODs
            Assert.Null(ds.GetElement(DicomTags.InstitutionName));            // Type 3 everywhere: removed
        }

        [Fact]
        public void CtImage_OperatorsName_IsRemoved()
        {
            var f = Instance(CtImage);
            f.Dataset.AddOrUpdate(DicomTags.OperatorsName, "KRANZ^BEA");
            Assert.Null(Protect(f, "basic").GetElement(DicomTags.OperatorsName)); // Type 3 in General Series
        }

        [Fact]
        public void HamletRt_CleansRoiAndRoiObservationDescriptions_InsteadOfDeletingThem()
        {
            var f = Instance(RtStructureSet);
            f.Dataset.AddOrUpdateSequence(DicomTags.StructureSetROISequence,
                Item((DicomTags.ROIName, "PTV"), (DicomTags.ROIDescription, "Isocenter Beam 1")),
                Item((DicomTags.ROIName, "GTV"), (DicomTags.ROIDescription, "GTV drawn for Quirinus MRN77123")));
            f.Dataset.AddOrUpdateSequence(DicomTags.RTROIObservationsSequence, Item((DicomTags.ROIObservationDescription, "Isocenter Beam 1")));
            var ds = Protect(f, "hamlet-rt");
            var rois = ds.GetItems(DicomTags.StructureSetROISequence);
            Assert.Equal("Isocenter Beam 1", rois[0].GetString(DicomTags.ROIDescription));
            string cleaned = rois[1].GetString(DicomTags.ROIDescription);
            Assert.StartsWith("GTV drawn for", cleaned);
            Assert.DoesNotContain("Quirinus", cleaned, System.StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("77123", cleaned);
            Assert.Equal("Isocenter Beam 1", ds.GetItems(DicomTags.RTROIObservationsSequence).Single().GetString(DicomTags.ROIObservationDescription));
        }

        [Fact]
        public void HamletRt_CleansDerivationDescription_AndStillRemovesNarrativeComments()
        {
            var f = Instance(CtImage);
            f.Dataset.AddOrUpdate(DicomTags.DerivationDescription, "JPEG lossy 76:1");
            f.Dataset.AddOrUpdate(DicomTags.ImageComments, "Patient anxious, husband present");
            var ds = Protect(f, "hamlet-rt");
            Assert.Equal("JPEG lossy 76:1", ds.GetString(DicomTags.DerivationDescription));
            Assert.Null(ds.GetElement(DicomTags.ImageComments)); // LT narrative, Type 3: removed
        }

        [Fact]
        public void Basic_RemovesTheDescriptionsThatHamletRtCleans()
        {
            var f = Instance(RtStructureSet);
            f.Dataset.AddOrUpdateSequence(DicomTags.StructureSetROISequence, Item((DicomTags.ROIName, "PTV"), (DicomTags.ROIDescription, "Isocenter Beam 1")));
            var ds = Protect(f, "basic");
            Assert.Null(ds.GetItems(DicomTags.StructureSetROISequence).Single().GetElement(DicomTags.ROIDescription));
        }
    }
}
