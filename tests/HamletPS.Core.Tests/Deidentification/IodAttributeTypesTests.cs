using System;
using System.IO;
using System.Linq;
using System.Text;
using HamletPS.Core.Deidentification;
using HamletPS.Dicom.Data;
using HamletPS.Dicom.Dictionary;
using HamletPS.Generators;
using HamletPS.Synthetic;
using Xunit;

namespace HamletPS.Core.Tests.Deidentification
{
    /// <summary>The generated per-IOD attribute types: current with their inputs, and the types PS3.3 gives where it matters.</summary>
    public class IodAttributeTypesTests
    {
        private const string CtImage = "1.2.840.10008.5.1.4.1.1.2";
        private const string EnhancedCt = "1.2.840.10008.5.1.4.1.1.2.1";
        private const string RtStructureSet = "1.2.840.10008.5.1.4.1.1.481.3";
        private const string RtPlan = "1.2.840.10008.5.1.4.1.1.481.5";
        private const string RtDose = "1.2.840.10008.5.1.4.1.1.481.2";
        private const string Segmentation = "1.2.840.10008.5.1.4.1.1.66.4";
        private const string TwelveLeadEcg = "1.2.840.10008.5.1.4.1.1.9.1.1";

        private static string Input(string relative) => File.ReadAllText(Path.Combine(DeidTestSupport.RepositoryRoot, relative), Encoding.UTF8);

        private static string Fresh() => IodTypesGenerator.Generate(Input(IodTypesGenerator.DefaultPart3), Input(IodTypesGenerator.DefaultMap), Input(IodTypesGenerator.DefaultUpdates));

        [Fact]
        public void GeneratedTable_IsCurrentWithItsInputs()
        {
            string checkedIn = Input(Path.Combine(IodTypesGenerator.DefaultOutputFolder, IodTypesGenerator.OutputFileName));
            Assert.True(Fresh() == checkedIn,
                "Generated/" + IodTypesGenerator.OutputFileName + " is stale: run `dotnet run --project src/HamletPS.Generators -- iod-types`");
        }

        [Fact]
        public void Generator_IsDeterministic() => Assert.Equal(Fresh(), Fresh());

        [Theory]
        [InlineData(RtStructureSet, "OperatorsName", 2)]          // RT Series (C.8.8.1)
        [InlineData(RtPlan, "OperatorsName", 2)]
        [InlineData(RtDose, "OperatorsName", 2)]
        [InlineData(CtImage, "OperatorsName", 3)]                 // General Series
        [InlineData(CtImage, "ContentDate", 2)]                   // General Image (2C)
        [InlineData(EnhancedCt, "ContentDate", 1)]                // Multi-frame Functional Groups
        [InlineData(EnhancedCt, "AcquisitionDateTime", 1)]        // Enhanced CT Image (1C)
        [InlineData(EnhancedCt, "DeviceSerialNumber", 1)]         // Enhanced General Equipment
        [InlineData(Segmentation, "DeviceSerialNumber", 1)]
        [InlineData(Segmentation, "ContentDescription", 2)]       // Content Identification macro
        [InlineData(Segmentation, "SegmentSequence/SegmentLabel", 1)]
        [InlineData(Segmentation, "SegmentSequence/SegmentAlgorithmName", 1)] // 1C
        [InlineData(TwelveLeadEcg, "WaveformAnnotationSequence/UnformattedTextValue", 1)] // 1C
        [InlineData(RtPlan, "BeamSequence/TreatmentMachineName", 2)]
        [InlineData(EnhancedCt, "PerFrameFunctionalGroupsSequence/DerivationImageSequence/SourceImageSequence", 1)]
        [InlineData(CtImage, "SegmentSequence/SegmentLabel", 0)]  // not in the IOD: unknown
        [InlineData(RtStructureSet, "StructureSetROISequence/ROIName", 2)]
        [InlineData(RtStructureSet, "StructureSetROISequence/ROIDescription", 3)]
        public void TypeAt_IsTheTypeOfTheAttributeWhereItSitsInTheIod(string sopClass, string path, int expected)
        {
            var tags = path.Split('/').Select(k => DicomDictionary.LookupKeyword(k).Tag.Value).ToArray();
            Assert.True(IodAttributeTypes.HasIod(sopClass));
            Assert.Equal(expected, IodAttributeTypes.TypeAt(sopClass, tags));
        }

        [Fact]
        public void UnknownSopClass_GetsTheMostRequiredTypeOfAnyIod_AndAPlaceNotInTheTablesIsUnknown()
        {
            const string unknown = "1.2.826.0.1.3680043.99.999.1"; // no IOD in the tables
            Assert.False(IodAttributeTypes.HasIod(unknown));
            Assert.Null(IodAttributeTypes.IodName(unknown));
            Assert.Equal(2, IodAttributeTypes.TypeAt(unknown, DicomTags.OperatorsName.Value)); // Type 2 in RT Series
            Assert.Equal(1, IodAttributeTypes.TypeAt(unknown, DicomTags.ContentDate.Value));   // Type 1 in multi-frame IODs
            Assert.Equal(0, IodAttributeTypes.Lookup(IodAttributeTypes.NoNode, DicomTags.ContentDate.Value, out int items));
            Assert.Equal(IodAttributeTypes.NoNode, items);
        }

        [Fact]
        public void EverySopClassOfTheSyntheticStudyAndOfPydicomsCorpus_HasAnIod()
        {
            var study = new RtStudyBuilder(new SyntheticPatientGenerator(3).Create(1), new RtStudyOptions { Slices = 1, ImageSize = 8, IncludeImageGuidance = true });
            foreach (var o in study.Objects())
                Assert.True(IodAttributeTypes.HasIod(o.Dataset.GetUid(DicomTags.SOPClassUID)), o.Kind + " has no IOD");
            _ = DeidTestSupport.PydicomTestFiles;   // skipped, visibly, when pydicom's corpus is not installed
            var run = DeidTestSupport.Run(DeidTestSupport.Python, "-c",
                "import pydicom,glob,os\n" +
                "for f in sorted(glob.glob(os.path.join('" + DeidTestSupport.PydicomTestFiles + "','**','*'),recursive=True)):\n" +
                "  try: print(str(pydicom.dcmread(f,stop_before_pixels=True,force=True).get('SOPClassUID','')))\n" +
                "  except Exception: pass\n");
            Assert.True(run.ExitCode == 0, run.StdErr);
            var classes = run.StdOut.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("1.2.840.10008.5.1.4.", StringComparison.Ordinal)).Distinct().ToList();
            Assert.True(classes.Count >= 10, classes.Count + " SOP Classes in the corpus");
            Assert.All(classes, c => Assert.True(IodAttributeTypes.HasIod(c), c + " has no IOD in sop-class-iods.tsv"));
        }

        [Fact]
        public void Lookup_AllocatesNothing()
        {
            int root = IodAttributeTypes.RootFor(RtPlan);
            IodAttributeTypes.Lookup(root, DicomTags.BeamSequence.Value, out int beams);
            long before = GC.GetAllocatedBytesForCurrentThread();
            int sum = 0;
            for (int i = 0; i < 1000; i++)
            {
                sum += IodAttributeTypes.Lookup(root, DicomTags.OperatorsName.Value, out _);
                sum += IodAttributeTypes.Lookup(beams, DicomTags.TreatmentMachineName.Value, out _);
            }
            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
            Assert.Equal(4000, sum);
        }
    }
}
