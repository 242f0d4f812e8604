using System;
using System.IO;
using System.Linq;
using HamletPS.Generators;
using HamletPS.Synthetic;
using Xunit;

namespace HamletPS.Dicom.Tests.Synthetic
{
    public class SampleDataTests
    {
        private const string Regenerate = "dotnet run --project src/HamletPS.Generators -c Release -- sample";

        private static string Examples => Path.Combine(TestPaths.RepositoryRoot, "examples");

        [Fact]
        public void CheckedInExamples_AreByteIdenticalToAFreshGeneration()
        {
            string scratch = TestPaths.NewScratch("sample");
            try
            {
                var fresh = SampleData.Write(scratch).Select(p => Path.GetRelativePath(scratch, p).Replace('\\', '/')).OrderBy(p => p, StringComparer.Ordinal).ToList();
                var checkedIn = Directory.EnumerateFiles(Path.Combine(Examples, "data", "incoming"), "*", SearchOption.AllDirectories)
                    .Concat(new[] { Path.Combine(Examples, "config.yaml"), Path.Combine(Examples, "mapping.csv") })
                    .Where(File.Exists)
                    .Select(p => Path.GetRelativePath(Examples, p).Replace('\\', '/')).OrderBy(p => p, StringComparer.Ordinal).ToList();
                Assert.True(fresh.SequenceEqual(checkedIn), "examples/ holds other files than the generator writes; run: " + Regenerate);
                foreach (var rel in fresh)
                {
                    bool same = File.ReadAllBytes(Path.Combine(scratch, rel)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(Examples, rel)));
                    Assert.True(same, "examples/" + rel + " is stale; run: " + Regenerate);
                }
            }
            finally { Directory.Delete(scratch, true); }
        }

        [Fact]
        public void Examples_AreSmallLinkedStudiesOfTwoPatients_OnlyTheFirstInMapping()
        {
            var files = Directory.EnumerateFiles(Examples, "*", SearchOption.AllDirectories).ToList();
            Assert.True(files.Sum(f => new FileInfo(f).Length) < 1024 * 1024, "examples/ must stay well under 1 MB");
            var (code, report) = SyntheticOracles.RtLinks(Path.Combine(Examples, "data", "incoming"));
            Assert.True(code == 0, report);
            Assert.Contains("6 RT objects", report);

            var patients = SampleData.Patients();
            var mapping = File.ReadAllLines(Path.Combine(Examples, "mapping.csv"));
            Assert.Equal("MRN,Study_ID", mapping[0]);
            Assert.Contains(mapping, l => l.StartsWith(patients[0].PatientId + ",", StringComparison.Ordinal));
            Assert.DoesNotContain(mapping, l => l.Contains(patients[1].PatientId, StringComparison.Ordinal));

            var ids = SyntheticOracles.Python(@"
import sys, glob, pydicom
print(' '.join(sorted(set(str(pydicom.dcmread(p, stop_before_pixels=True).PatientID) for p in glob.glob(sys.argv[1] + '/**/*.dcm', recursive=True)))))
", Path.Combine(Examples, "data", "incoming")).Trim().Split(' ');
            Assert.Equal(patients.Select(p => p.PatientId).OrderBy(x => x, StringComparer.Ordinal), ids);
        }

        [Fact]
        public void ConfigYaml_HasTheHtpSections_WithPathsRelativeToExamples()
        {
            string yaml = File.ReadAllText(Path.Combine(Examples, "config.yaml"));
            foreach (var section in new[] { "APP:", "DATAPATH:", "DICOMNODE:", "CIPHER:", "AZURE:" })
                Assert.Contains("\n" + section + "\n", "\n" + yaml);
            Assert.Contains("  INCOMING: data/incoming/\n", yaml);
            Assert.Contains("SAMPLE", yaml);
            // the sample Vigenère key is letters and digits and longer than every sample MRN
            Assert.Matches("^[A-Za-z0-9]+$", SampleData.SampleFolderKey);
            Assert.All(SampleData.Patients(), p => Assert.True(SampleData.SampleFolderKey.Length > p.PatientId.Length));
        }

        [Fact]
        public void SeriesCommand_WritesTheRequestedStudies()
        {
            string scratch = TestPaths.NewScratch("series");
            try
            {
                Assert.Equal(0, SeriesGenerator.Run(new[] { "--patients", "2", "--slices", "3", "--size", "16", "--out", scratch }));
                Assert.Equal(2, Directory.GetDirectories(scratch).Length);
                Assert.Equal(2 * (3 + 3), Directory.EnumerateFiles(scratch, "*.dcm", SearchOption.AllDirectories).Count());
                Assert.Equal(0, SeriesGenerator.Run(new[] { "--slices", "2", "--size", "16", "--ct-only", "--out", Path.Combine(scratch, "ct") }));
                Assert.Equal(2, Directory.EnumerateFiles(Path.Combine(scratch, "ct"), "*.dcm", SearchOption.AllDirectories).Count());
                Assert.Equal(2, SeriesGenerator.Run(new[] { "--slices", "2" }));
            }
            finally { Directory.Delete(scratch, true); }
        }
    }
}
