using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using HamletPS.Core.Deidentification;
using HamletPS.Synthetic;
using Xunit;

namespace HamletPS.Core.Tests.Deidentification
{
    /// <summary>
    /// Protection keeps every IOD as valid as it came: dciodvfy (dicom3tools) is run on each input and on its protected
    /// output, and no error line may appear after protection that was not there before (values in the lines are ignored:
    /// they change by design). The synthetic RT study and every file of pydicom's corpus, with the trial's profile and the
    /// Basic Profile alone.
    /// </summary>
    public class IodConformanceTests
    {
        private const string Dciodvfy = "/usr/bin/dciodvfy";
        private static readonly Regex Value = new Regex(@"= <[^>]*>|<[0-9.]+>|\[[0-9]+\] = .*$", RegexOptions.CultureInvariant);
        private readonly ITestOutputHelper _out;

        public IodConformanceTests(ITestOutputHelper output) { _out = output; }

        public static TheoryData<string> Profiles() => new TheoryData<string> { "hamlet-rt", "basic" };

        [Theory]
        [MemberData(nameof(Profiles))]
        public void ProtectedSyntheticRtStudy_HasNoDciodvfyErrorItDidNotHaveBefore(string profile)
        {
            string scratch = DeidTestSupport.NewScratch("iod-synthetic");
            var patient = new SyntheticPatientGenerator(11).Create(1);
            var study = new RtStudyBuilder(patient, new RtStudyOptions { Seed = 11, Slices = 2, ImageSize = 16, IncludeImageGuidance = true, CbctSlices = 2 })
                .Write(Path.Combine(scratch, "in"));
            var problems = NewErrors(study.Files.Select(f => f.Path).ToList(), scratch, profile, out int compared);
            Assert.True(compared >= 5, compared + " files compared");
            Assert.Empty(problems);
        }

        [Theory]
        [MemberData(nameof(Profiles))]
        public void EveryProtectedPydicomCorpusFile_HasNoDciodvfyErrorItDidNotHaveBefore(string profile)
        {
            _ = DeidTestSupport.PydicomTestFiles;   // skipped, visibly, when pydicom's corpus is not installed
            string scratch = DeidTestSupport.NewScratch("iod-corpus");
            var inputs = Directory.EnumerateFiles(DeidTestSupport.PydicomTestFiles, "*", SearchOption.AllDirectories)
                .Where(f => !f.EndsWith(".py") && !f.EndsWith(".json") && !f.EndsWith(".txt") && !f.EndsWith(".gz") && !f.EndsWith(".bz2"))
                .OrderBy(f => f, StringComparer.Ordinal).ToList();
            var problems = NewErrors(inputs, scratch, profile, out int compared);
            Assert.True(compared > 50, compared + " files compared");
            Assert.Empty(problems);
        }

        /// <summary>Protects the files and returns "file: error line" for every dciodvfy error the output has and the input had not.</summary>
        private List<string> NewErrors(IReadOnlyList<string> inputs, string scratch, string profile, out int compared)
        {
            Assert.True(File.Exists(Dciodvfy), "dciodvfy is missing (Debian package dicom3tools; tests/run.sh installs it)");
            using var keys = DeidTestSupport.Keys();
            var o = DeidTestSupport.Options(keys, Path.Combine(scratch, "out"), Path.Combine(scratch, "site", "vault.hpsv"), null, DeidentificationProfile.BuiltIn(profile));
            o.OutputPathTemplate = "{SOPInstanceUID}_{Modality}.dcm";
            List<ProtectionResult> results;
            using (var p = new DicomProtector(o)) results = p.Protect(inputs).ToList();
            var problems = new List<string>();
            compared = 0;
            foreach (var r in results.Where(r => r.Status == ProtectionStatus.Protected))
            {
                var before = Errors(r.SourcePath);
                var after = Errors(r.DestinationPath);
                compared++;
                foreach (var line in after.Where(a => !before.Contains(a)))
                    problems.Add(Path.GetFileName(r.SourcePath) + " (" + profile + "): " + line);
            }
            foreach (var p in problems) _out.WriteLine(p);
            return problems;
        }

        /// <summary>dciodvfy's error lines for a file, values removed.</summary>
        private static HashSet<string> Errors(string path)
        {
            var run = DeidTestSupport.Run(Dciodvfy, path);
            return new HashSet<string>((run.StdOut + "\n" + run.StdErr).Split('\n')
                .Where(l => l.StartsWith("Error - ", StringComparison.Ordinal))
                .Select(l => Value.Replace(l.Trim(), "")), StringComparer.Ordinal);
        }
    }
}
