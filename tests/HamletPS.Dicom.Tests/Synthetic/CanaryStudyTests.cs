using System;
using System.IO;
using System.Linq;
using System.Text;
using HamletPS.Synthetic;
using Xunit;

namespace HamletPS.Dicom.Tests.Synthetic
{
    public class CanaryStudyTests
    {
        [Fact]
        public void Canaries_CoverAtLeastThirtyPlaces_EachWithItsOwnByteString()
        {
            var c = new CanaryStudy();
            Assert.True(c.Canaries.Count >= 30, c.Canaries.Count + " canaries");
            Assert.Equal(c.Canaries.Count, c.Canaries.Select(x => x.Location).Distinct().Count());
            // the first pattern of each canary is its own value: no two places share one
            Assert.Equal(c.Canaries.Count, c.Canaries.Select(x => Convert.ToBase64String(x.Patterns[0])).Distinct().Count());
            foreach (var category in Enum.GetValues<CanaryCategory>()) Assert.Contains(c.Canaries, x => x.Category == category);
            // the name comes as UTF-8 and Latin-1 bytes and as the PN value
            var nonAscii = c.Canaries.Single(x => x.Location.Contains("non-ASCII", StringComparison.Ordinal));
            Assert.Contains(nonAscii.Patterns, p => p.SequenceEqual(Encoding.UTF8.GetBytes(CanaryStudy.MiddleName)));
            Assert.Contains(nonAscii.Patterns, p => p.SequenceEqual(Encoding.Latin1.GetBytes(CanaryStudy.MiddleName)));
            Assert.Contains(c.Patterns, p => Encoding.ASCII.GetString(p) == CanaryStudy.FamilyName + "^" + CanaryStudy.GivenName);
        }

        [Fact]
        public void Write_PlantsEveryCanary_InTheBytesOrPathsOfTheTree()
        {
            string scratch = TestPaths.NewScratch("canary");
            try
            {
                var c = new CanaryStudy();
                var study = c.Write(scratch);
                var hits = c.Scan(scratch);
                foreach (var canary in c.Canaries)
                    Assert.True(hits.Any(h => h.Canary == canary), "canary not found: " + canary);
                Assert.Contains(hits, h => h.InPath && h.Canary.Category == CanaryCategory.Path);
                // the MRN is in every file, the name in every path
                Assert.All(study.Files, f => Assert.Contains(hits, h => !h.InPath && h.Path == f.Path && h.Canary.Location == "PatientID"));
            }
            finally { Directory.Delete(scratch, true); }
        }

        [Fact]
        public void CanaryObjects_AreValidAndLinked_AndPydicomFindsTheCanariesWhereTheyWerePlanted()
        {
            string scratch = TestPaths.NewScratch("canary-valid");
            try
            {
                var c = new CanaryStudy();
                var study = c.Write(scratch);
                foreach (var (path, v) in SyntheticOracles.Validate(study.Files.Select(f => f.Path), scratch))
                {
                    Assert.True(v.Problems.Count == 0 && v.Warnings.Count == 0, Path.GetFileName(path) + ": " + string.Join("; ", v.Problems.Concat(v.Warnings)));
                    Assert.Empty(SyntheticOracles.DcmdumpComplaints(path));
                }
                var (code, report) = SyntheticOracles.RtLinks(scratch);
                Assert.True(code == 0, report);

                string plan = study.Files.Single(f => f.Kind == RtObjectKind.Plan).Path;
                var lines = SyntheticOracles.Python(@"
import sys, pydicom
d = pydicom.dcmread(sys.argv[1])
print(str(d.PatientName))
print(d.OtherPatientIDsSequence[0].IssuerOfPatientIDQualifiersSequence[0].AssigningFacilitySequence[0].LocalNamespaceEntityID)
print(d[0x0011, 0x0010].value)
print(d.RequestAttributesSequence[0].AccessionNumber, d.RequestAttributesSequence[0].RequestedProcedureID)
print(d.RTPlanLabel, d.ReviewerName)
", plan).Replace("\r", "").Split('\n');
                Assert.Equal("CANARYFAMILY^CANARYGIVEN^JÖRGCANARY", lines[0]);
                Assert.Equal("CANARYDEEPNEST " + CanaryStudy.PatientId, lines[1]);
                Assert.Equal(CanaryStudy.PrivateCreator, lines[2]);
                Assert.Equal("CANARYACC-REQ CANARYREQPROC", lines[3]);
                Assert.Equal("PLN " + CanaryStudy.FamilyName + " CANARYREVIEWER^DOC", lines[4]);
            }
            finally { Directory.Delete(scratch, true); }
        }

        [Fact]
        public void Scan_OfAnOrdinarySyntheticStudy_FindsNoCanary()
        {
            string scratch = TestPaths.NewScratch("no-canary");
            try
            {
                new RtStudyBuilder(new SyntheticPatientGenerator(1).Create(0), new RtStudyOptions { Slices = 2, ImageSize = 16 }).Write(scratch);
                Assert.Empty(new CanaryStudy().Scan(scratch));
            }
            finally { Directory.Delete(scratch, true); }
        }
    }
}
