using System.Collections.Generic;
using System.IO;
using System.Linq;
using HamletPS.Core.Configuration;
using Xunit;

namespace HamletPS.Core.Tests.Configuration
{
    public class HamletConfigValidatorTests
    {
        private static readonly Dictionary<string, string> NoEnvironment = new Dictionary<string, string>();

        private static string Site(TempFolder tmp, string cipher = "  FOLDERKEY: Abcdef123456XYZ\n", string hamlet = "", bool folders = true)
        {
            if (folders)
                foreach (var f in new[] { "in", "sorted", "out" }) Directory.CreateDirectory(tmp.File(f));
            return tmp.Write("config.yaml",
                "APP:\n  SITE: testsite\n  USER: ab\n" +
                "DATAPATH:\n  INCOMING: " + tmp.File("in") + "/\n  SORTED: " + tmp.File("sorted") + "/\n  OUTGOING: " + tmp.File("out") + "/\n" +
                "DICOMNODE:\n  AET: HAMLET\n  PORT: 104\n" +
                "CIPHER:\n" + cipher +
                (hamlet.Length > 0 ? "HAMLET:\n" + hamlet : ""));
        }

        private static IReadOnlyList<ConfigFinding> Validate(string path, IDictionary<string, string> env = null)
            => HamletConfigValidator.ValidateFile(path, new ConfigValidationOptions { Environment = n => (env ?? NoEnvironment).TryGetValue(n, out var v) ? v : null });

        private static List<ConfigFinding> Errors(IReadOnlyList<ConfigFinding> findings) => findings.Where(f => f.Severity == ConfigSeverity.Error).ToList();

        [Fact]
        public void Validate_AcceptsACompleteSite()
        {
            using var tmp = new TempFolder();
            tmp.Write("mapping.csv", "MRN,Study_ID\n1234567,180_1001\n");
            var findings = Validate(Site(tmp));
            Assert.Empty(Errors(findings));
            Assert.Contains(findings, f => f.Severity == ConfigSeverity.Information && f.Key == "CIPHER.FOLDERKEY" && f.Line == 12);
        }

        [Fact]
        public void Validate_ReportsMissingFolderWithItsLine()
        {
            using var tmp = new TempFolder();
            var path = Site(tmp, folders: false);
            Directory.CreateDirectory(tmp.File("in"));
            Directory.CreateDirectory(tmp.File("out"));
            var error = Assert.Single(Errors(Validate(path)));
            Assert.Equal(6, error.Line);
            Assert.Equal("DATAPATH.SORTED", error.Key);
            Assert.Contains("does not exist", error.Message);
            Assert.Equal(path, error.File);
        }

        [Fact]
        public void Validate_ReportsVigenereKeyNotLongerThanLongestMrn()
        {
            using var tmp = new TempFolder();
            tmp.Write("mapping.csv", "MRN,Study_ID\n12345678,180_1001\n1234,180_1002\n");
            var path = Site(tmp, cipher: "  FOLDERKEY: Key45678\n", hamlet: "  PSEUDONYM: VIGENERE\n");
            var error = Assert.Single(Errors(Validate(path)));
            Assert.Equal(12, error.Line);
            Assert.Contains("8 characters) must be longer than the longest MRN in mapping.csv (8 characters)", error.Message);
            Assert.DoesNotContain("12345678", error.Message);
            Assert.DoesNotContain("Key45678", error.Message);

            // With FF1 the same key is only a warning.
            var ff1 = Site(tmp, cipher: "  FOLDERKEY: Key45678\n");
            Assert.Empty(Errors(Validate(ff1)));
            Assert.Contains(Validate(ff1), f => f.Severity == ConfigSeverity.Warning && f.Message.Contains("longest MRN"));
        }

        [Fact]
        public void Validate_ChecksTheKeyFromTheEnvironmentAgainstTheMappingFile()
        {
            using var tmp = new TempFolder();
            tmp.Write("mapping.csv", "MRN,Study_ID\n123456789012,180_1001\n");
            var path = Site(tmp, cipher: "", hamlet: "  PSEUDONYM: VIGENERE\n");
            var env = new Dictionary<string, string> { ["HAMLET_FOLDERKEY"] = "short1234" };
            var error = Assert.Single(Errors(Validate(path, env)));
            Assert.Contains("environment variable HAMLET_FOLDERKEY", error.Message);
            env["HAMLET_FOLDERKEY"] = "LongEnoughKey12345";
            Assert.Empty(Errors(Validate(path, env)));
        }

        [Fact]
        public void Validate_ReportsNoKeyAtAll()
        {
            using var tmp = new TempFolder();
            var error = Assert.Single(Errors(Validate(Site(tmp, cipher: ""))));
            Assert.Contains("no key is configured", error.Message);
        }

        [Fact]
        public void Validate_PassesMappingFileErrorsThroughWithTheMappingFilesLine()
        {
            using var tmp = new TempFolder();
            var mapping = tmp.Write("mapping.csv", "MRN;Study_ID\n111;180_1001\n222;180_1001\n");
            var error = Assert.Single(Errors(Validate(Site(tmp))));
            Assert.Equal(mapping, error.File);
            Assert.Equal(3, error.Line);
            Assert.Contains("uses the Study ID of row 2", error.Message);
        }

        [Fact]
        public void Validate_AppliesTheStudyIdPatternFromTheConfig()
        {
            using var tmp = new TempFolder();
            tmp.Write("mapping.csv", "MRN,Study_ID\n111,180_1001\n222,180-1002\n");
            var error = Assert.Single(Errors(Validate(Site(tmp, hamlet: "  STUDYIDPATTERN: '^\\d{3}_\\d{4}$'\n"))));
            Assert.Equal(3, error.Line);
        }

        [Fact]
        public void Validate_ReportsBadArchiveTemplateAndSiteName()
        {
            using var tmp = new TempFolder();
            var path = Site(tmp, hamlet: "  ARCHIVENAME: '{SITE}-{PATIENTNAME}.zip'\n");
            File.WriteAllText(path, File.ReadAllText(path).Replace("SITE: testsite", "SITE: a/b"));
            var errors = Errors(Validate(path));
            Assert.Contains(errors, e => e.Key == "APP.SITE" && e.Line == 2);
            Assert.Contains(errors, e => e.Key == "HAMLET.ARCHIVENAME" && e.Message.Contains("{PATIENTNAME}"));
        }

        [Fact]
        public void Validate_ReportsTheSameFolderTwice()
        {
            using var tmp = new TempFolder();
            var path = Site(tmp);
            File.WriteAllText(path, File.ReadAllText(path).Replace("OUTGOING: " + tmp.File("out"), "OUTGOING: " + tmp.File("in")));
            Assert.Contains(Errors(Validate(path)), e => e.Key == "DATAPATH.OUTGOING" && e.Message.Contains("same folder as INCOMING"));
        }

        [Fact]
        public void Validate_IncludesReadingErrors()
        {
            using var tmp = new TempFolder();
            var path = tmp.Write("config.yaml", "APP:\n  SITE: x\nNONSENSE:\n  A: 1\n");
            var findings = HamletConfigValidator.ValidateFile(path);
            Assert.Contains(findings, f => f.Severity == ConfigSeverity.Error && f.Line == 3);
        }
    }
}
