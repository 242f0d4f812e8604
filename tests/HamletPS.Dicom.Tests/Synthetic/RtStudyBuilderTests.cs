using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using HamletPS.Dicom.Data;
using HamletPS.Dicom.Dictionary;
using HamletPS.Synthetic;
using Xunit;

namespace HamletPS.Dicom.Tests.Synthetic
{
    public class RtStudyBuilderTests : IClassFixture<GeneratedRtStudyFixture>
    {
        private readonly GeneratedRtStudyFixture _f;

        public RtStudyBuilderTests(GeneratedRtStudyFixture fixture) { _f = fixture; }

        [Fact]
        public void Write_ProducesEveryObjectKindWithItsSopClass()
        {
            var files = _f.Study.Files;
            Assert.Equal(6, files.Count(f => f.Kind == RtObjectKind.CtImage));
            Assert.Equal(4, files.Count(f => f.Kind == RtObjectKind.CbctImage));
            var expected = new Dictionary<RtObjectKind, string>
            {
                [RtObjectKind.CtImage] = DicomUids.CTImageStorage,
                [RtObjectKind.CbctImage] = DicomUids.CTImageStorage,
                [RtObjectKind.StructureSet] = DicomUids.RTStructureSetStorage,
                [RtObjectKind.Plan] = DicomUids.RTPlanStorage,
                [RtObjectKind.Dose] = DicomUids.RTDoseStorage,
                [RtObjectKind.SpatialRegistration] = DicomUids.SpatialRegistrationStorage,
            };
            foreach (var kind in expected.Keys) Assert.Contains(files, f => f.Kind == kind);
            foreach (var f in files)
            {
                Assert.Equal(expected[f.Kind], f.SopClassUid);
                var dicom = DicomFile.Open(f.Path);
                Assert.Equal(expected[f.Kind], dicom.Dataset.GetUid(DicomTags.SOPClassUID));
                Assert.Equal(f.SopInstanceUid, dicom.FileMetaInformation.GetUid(DicomTags.MediaStorageSOPInstanceUID));
            }
            Assert.Equal(files.Count, files.Select(f => f.SopInstanceUid).Distinct().Count());
        }

        [Fact]
        public void EveryObject_IsReadByPydicomInStrictModeWithoutWarningsAndHasItsTypeOneAttributes()
        {
            Assert.Equal(_f.Study.Files.Count, _f.Verdicts.Count);
            foreach (var (path, v) in _f.Verdicts)
            {
                Assert.True(v.Problems.Count == 0, Path.GetFileName(path) + ": " + string.Join("; ", v.Problems));
                Assert.True(v.Warnings.Count == 0, Path.GetFileName(path) + ": " + string.Join("; ", v.Warnings));
            }
            Assert.Equal(new[] { "CT", "REG", "RTDOSE", "RTPLAN", "RTSTRUCT" }, _f.Verdicts.Values.Select(v => v.Modality).Distinct().OrderBy(m => m));
        }

        [Fact]
        public void EveryObject_IsDumpedByDcmdumpWithoutWarningsOrErrors()
        {
            foreach (var f in _f.Study.Files)
            {
                var complaints = SyntheticOracles.DcmdumpComplaints(f.Path);
                Assert.True(complaints.Count == 0, Path.GetFileName(f.Path) + ": " + string.Join("; ", complaints));
            }
        }

        [Fact]
        public void RtReferences_ResolveWithinTheStudy_AsPydicomFollowsThem()
        {
            var (code, report) = SyntheticOracles.RtLinks(Path.Combine(_f.Scratch, "study"));
            Assert.True(code == 0, report);
            Assert.Contains("4 RT objects", report);
            Assert.Contains(" 0 problems", report);
        }

        [Fact]
        public void RtLinkOracle_ReportsAReferenceToAMissingSlice()
        {
            string copy = Path.Combine(_f.Scratch, "broken-" + Guid.NewGuid().ToString("N"));
            foreach (var f in _f.Study.Files.Where(f => f.Kind != RtObjectKind.CtImage || !f.Path.EndsWith("CT0003.dcm", StringComparison.Ordinal)))
            {
                string target = Path.Combine(copy, Path.GetRelativePath(Path.Combine(_f.Scratch, "study"), f.Path));
                Directory.CreateDirectory(Path.GetDirectoryName(target));
                File.Copy(f.Path, target);
            }
            var (code, report) = SyntheticOracles.RtLinks(copy);
            Assert.Equal(1, code);
            Assert.Contains("instance not in the set", report);
        }

        [Fact]
        public void Validator_ReportsAMissingTypeOneAttribute()
        {
            var rs = _f.Builder.Objects().Single(o => o.Kind == RtObjectKind.StructureSet);
            rs.Dataset.Remove(DicomTags.StructureSetLabel);
            string path = Path.Combine(_f.Scratch, "rs-without-label.dcm");
            new DicomFile(rs.Dataset).Save(path);
            var verdict = SyntheticOracles.Validate(new[] { path }, _f.Scratch)[path];
            Assert.Contains(verdict.Problems, p => p.Contains("StructureSetLabel", StringComparison.Ordinal));
        }

        [Fact]
        public void StructureSet_ContoursEveryRoiOnTheSlicesItSpans()
        {
            var rs = _f.Builder.Objects().Single(o => o.Kind == RtObjectKind.StructureSet).Dataset;
            var names = rs.GetItems(DicomTags.StructureSetROISequence).Select(i => i.GetString(DicomTags.ROIName)).ToList();
            Assert.Equal(new[] { "BODY", "PTV", "LUNG_L", "LUNG_R", "HEART", "SPINAL_CORD" }, names);
            var contours = rs.GetItems(DicomTags.ROIContourSequence);
            var body = contours.Single(c => c.GetInt(DicomTags.ReferencedROINumber) == 1);
            Assert.Equal(_f.Options.Slices, body.GetItems(DicomTags.ContourSequence).Count);
            var ptv = contours.Single(c => c.GetInt(DicomTags.ReferencedROINumber) == 2);
            Assert.NotEmpty(ptv.GetItems(DicomTags.ContourSequence));
            var types = rs.GetItems(DicomTags.RTROIObservationsSequence).Select(i => i.GetString(DicomTags.RTROIInterpretedType)).ToList();
            Assert.Equal(new[] { "EXTERNAL", "PTV", "ORGAN", "ORGAN", "ORGAN", "ORGAN" }, types);
        }

        [Fact]
        public void Dose_IsInTheCtFrameOfReference_AndPeaksNearThePrescription()
        {
            string dose = _f.Study.Files.Single(f => f.Kind == RtObjectKind.Dose).Path;
            string ct = _f.Study.Files.First(f => f.Kind == RtObjectKind.CtImage).Path;
            var output = SyntheticOracles.Python(@"
import sys, pydicom
d = pydicom.dcmread(sys.argv[1]); c = pydicom.dcmread(sys.argv[2], stop_before_pixels=True)
print(d.FrameOfReferenceUID == c.FrameOfReferenceUID, '%.1f' % (d.pixel_array.max() * float(d.DoseGridScaling)), d.DoseUnits, d.ReferencedRTPlanSequence[0].ReferencedSOPInstanceUID == sys.argv[3])
", dose, ct, _f.Study.PlanSopInstanceUid).Trim().Split(' ');
            Assert.Equal("True", output[0]);
            Assert.InRange(double.Parse(output[1], System.Globalization.CultureInfo.InvariantCulture), RtStudyBuilder.PrescriptionDose * 0.95, RtStudyBuilder.PrescriptionDose * 1.06);
            Assert.Equal("GY", output[2]);
            Assert.Equal("True", output[3]);
        }

        [Fact]
        public void Write_SameSeed_GivesIdenticalBytes_OtherSeed_OtherUids()
        {
            string a = Path.Combine(_f.Scratch, "again-" + Guid.NewGuid().ToString("N"));
            var again = new RtStudyBuilder(_f.Patient, Clone(_f.Options, _f.Options.Seed)).Write(a);
            Assert.Equal(_f.Study.Files.Count, again.Files.Count);
            for (int i = 0; i < again.Files.Count; i++)
                Assert.True(File.ReadAllBytes(_f.Study.Files[i].Path).AsSpan().SequenceEqual(File.ReadAllBytes(again.Files[i].Path)), again.Files[i].Path);

            var other = new RtStudyBuilder(_f.Patient, Clone(_f.Options, _f.Options.Seed + 1)).Identifiers;
            Assert.NotEqual(_f.Study.StudyInstanceUid, other.StudyInstanceUid);
            Assert.NotEqual(_f.Study.FrameOfReferenceUid, other.FrameOfReferenceUid);
        }

        [Fact]
        public void Builder_RejectsAPlanWithoutStructureSet()
        {
            Assert.Throws<ArgumentException>(() => new RtStudyBuilder(_f.Patient, new RtStudyOptions { IncludeStructureSet = false }));
        }

        private static RtStudyOptions Clone(RtStudyOptions o, ulong seed) => new RtStudyOptions
        {
            Seed = seed, Slices = o.Slices, ImageSize = o.ImageSize, SliceThickness = o.SliceThickness, IncludeImageGuidance = o.IncludeImageGuidance,
            CbctSlices = o.CbctSlices, IncludeStructureSet = o.IncludeStructureSet, IncludePlan = o.IncludePlan, IncludeDose = o.IncludeDose,
        };
    }
}
