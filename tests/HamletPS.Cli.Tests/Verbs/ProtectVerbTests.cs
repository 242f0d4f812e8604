using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using HamletPS.Cli.Verbs;
using HamletPS.Core.Deidentification;
using HamletPS.Dicom.Data;
using HamletPS.Dicom.Dictionary;
using HamletPS.Synthetic;
using Xunit;

namespace HamletPS.Cli.Tests
{
    /// <summary>`hamlet protect` and `hamlet unprotect`, in process, on the canary RT study.</summary>
    public sealed class ProtectVerbTests : ScratchFolderTest
    {
        private const string SiteKey = "Synthetic0Test1Site2Key3ABCDEFGH";
        public ProtectVerbTests() : base("hamlet-protect-cli-") { }

        private string Output => Path.Combine(Root, "out");

        private string VaultFolder => Path.Combine(Root, "vault");

        /// <summary>Protects the CT in one run and the RT objects in a second: two record files in the vault folder.</summary>
        private RtStudy ProtectInTwoRuns()
        {
            var study = new CanaryStudy(new RtStudyOptions { Slices = 2, ImageSize = 16 }).Write(Path.Combine(Root, "in"));
            string[] ct = study.Files.Where(f => f.Kind == RtObjectKind.CtImage).Select(f => f.Path).ToArray();
            string[] rest = study.Files.Select(f => f.Path).Except(ct).ToArray();
            foreach (string[] run in new[] { ct, rest })
            {
                var stdout = new StringWriter();
                var stderr = new StringWriter();
                int code = ProtectVerbs.RunProtect(run, null, new ProtectionRequest { Destination = Output, VaultPath = VaultFolder, Key = SiteKey.ToCharArray() },
                    json: false, new CliOutput(stdout, stderr));
                Assert.True(code == 0, stderr.ToString());
                Assert.DoesNotContain(CanaryStudy.PatientId, stdout.ToString() + stderr.ToString());
            }
            Assert.Equal(2, Directory.GetFiles(VaultFolder, "*.hpv").Length);
            return study;
        }

        [Fact]
        public void Unprotect_WithTheRecordFolder_RestoresEveryFileFromWhicheverRunRecordedIt()
        {
            RtStudy study = ProtectInTwoRuns();
            string restored = Path.Combine(Root, "restored");
            var stdout = new StringWriter();
            var stderr = new StringWriter();

            int code = ProtectVerbs.RunUnprotect(new[] { Output }, null,
                new ProtectionRequest { Destination = restored, VaultPath = VaultFolder, Key = SiteKey.ToCharArray() }, json: true, new CliOutput(stdout, stderr));

            Assert.True(code == 0, stderr.ToString());
            var rows = stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
            Assert.Equal(study.Files.Count, rows.Count);
            Assert.All(rows, r => Assert.Equal("Restored", r.GetProperty("Status").GetString()));
            var restoredSops = rows.Select(r => DicomFile.Open(r.GetProperty("DestinationPath").GetString())).ToList();
            Assert.Equal(study.Files.Select(f => f.SopInstanceUid).OrderBy(s => s), restoredSops.Select(f => f.SopInstanceUid).OrderBy(s => s));
            Assert.All(restoredSops, f => Assert.Equal(CanaryStudy.PatientId, f.Dataset.GetString(DicomTags.PatientID)));
            Assert.All(restoredSops, f => Assert.Equal("CT-" + CanaryStudy.PatientId, f.Dataset.GetString(DicomTags.StationName))); // cleaned by protect, restored
        }

        [Fact]
        public void Unprotect_RestoresThePixelsAMaskRuleBlanked_ByteForByte_AndItsJsonLineSaysSo()
        {
            string input = Path.Combine(Root, "in", "cine.dcm");
            Directory.CreateDirectory(Path.GetDirectoryName(input));
            PixelCanaryImage.Ultrasound(3).Build().Save(input);
            string profile = Path.Combine(Root, "pixels.yaml");
            File.WriteAllText(profile, "name: cli-pixels\noptions: [RetainLongitudinalModifiedDates]\npixels:\n  rules:\n" +
                "    - name: us-banner\n      when: { modality: US, manufacturer: \"SYNTHETIC*\" }\n      mask: [[0, 0, 256, 52]]\n");
            var stdout = new StringWriter();
            var stderr = new StringWriter();
            int code = ProtectVerbs.RunProtect(new[] { input }, null, new ProtectionRequest { Destination = Output, VaultPath = VaultFolder, Profile = profile, Key = SiteKey.ToCharArray() },
                json: true, new CliOutput(stdout, stderr));
            Assert.True(code == 0, stderr.ToString());
            string masked = Directory.GetFiles(Output, "*.dcm", SearchOption.AllDirectories).Single();
            byte[] original = DicomFile.Open(input).Dataset.GetBytes(DicomTags.PixelData);
            Assert.NotEqual(original, DicomFile.Open(masked).Dataset.GetBytes(DicomTags.PixelData));

            stdout = new StringWriter();
            code = ProtectVerbs.RunUnprotect(new[] { Output }, null,
                new ProtectionRequest { Destination = Path.Combine(Root, "restored"), VaultPath = VaultFolder, Key = SiteKey.ToCharArray() }, json: true, new CliOutput(stdout, stderr));
            Assert.True(code == 0, stderr.ToString());
            var row = JsonDocument.Parse(stdout.ToString().Trim()).RootElement;
            Assert.True(row.GetProperty("PixelsRestored").GetBoolean(), stdout.ToString());
            Assert.Equal(original, DicomFile.Open(row.GetProperty("DestinationPath").GetString()).Dataset.GetBytes(DicomTags.PixelData));
        }

        [Fact]
        public void Unprotect_WithOneRecordFile_RestoresItsFiles_AndFailsTheOthersWithExitOne()
        {
            RtStudy study = ProtectInTwoRuns();
            string first = Directory.GetFiles(VaultFolder, "*.hpv").Select(f => new FileInfo(f)).OrderBy(f => f.LastWriteTimeUtc).First().FullName;
            var stdout = new StringWriter();
            int code = ProtectVerbs.RunUnprotect(new[] { Output }, null,
                new ProtectionRequest { Destination = Path.Combine(Root, "restored"), VaultPath = first, Key = SiteKey.ToCharArray() }, json: true,
                new CliOutput(stdout, new StringWriter()));

            Assert.Equal(1, code);
            var statuses = stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("Status").GetString()).ToList();
            Assert.Equal(study.Files.Count(f => f.Kind == RtObjectKind.CtImage), statuses.Count(s => s == "Restored"));
            Assert.Equal(study.Files.Count(f => f.Kind != RtObjectKind.CtImage), statuses.Count(s => s == "Failed"));
            Assert.DoesNotContain("IdentityOnly", statuses);
        }

        [Theory]
        [InlineData("header-only")]
        [InlineData("cut")]
        [InlineData("flipped-payload")]
        public void Unprotect_WithADamagedRecordFile_ExitsOne_FailsItsFilesWithoutAStackTrace_AndWritesNothingForThem(string damage)
        {
            ProtectInTwoRuns();
            string first = Directory.GetFiles(VaultFolder, "*.hpv").OrderBy(f => f, StringComparer.Ordinal).First();
            byte[] bytes = File.ReadAllBytes(first);
            bytes = damage == "header-only" ? bytes.Take(64).ToArray()
                : damage == "cut" ? bytes.Take(bytes.Length - 40).ToArray()
                : bytes.Select((b, i) => i == bytes.Length - 20 ? (byte)(b ^ 0x01) : b).ToArray();
            File.WriteAllBytes(first, bytes);
            string restored = Path.Combine(Root, "restored");
            var stdout = new StringWriter();
            var stderr = new StringWriter();

            int code = ProtectVerbs.RunUnprotect(new[] { Output }, null,
                new ProtectionRequest { Destination = restored, VaultPath = VaultFolder, Key = SiteKey.ToCharArray() }, json: true, new CliOutput(stdout, stderr));

            Assert.Equal(1, code);
            string all = stdout.ToString() + stderr.ToString();
            Assert.DoesNotContain("   at ", all);
            Assert.DoesNotContain("Unhandled exception", all);
            Assert.DoesNotContain(CanaryStudy.PatientId, all);
            var rows = stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
            Assert.Contains(rows, r => r.GetProperty("Status").GetString() == "Failed");
            Assert.DoesNotContain(rows, r => r.GetProperty("Status").GetString() == "IdentityOnly");
            int written = Directory.Exists(restored) ? Directory.GetFiles(restored, "*", SearchOption.AllDirectories).Length : 0;
            Assert.Equal(rows.Count(r => r.GetProperty("Status").GetString() == "Restored"), written);
        }

        [Fact]
        public void Unprotect_WrongKey_ExitsTwoWithAClearErrorAndWritesNothing()
        {
            ProtectInTwoRuns();
            string restored = Path.Combine(Root, "restored");
            var stdout = new StringWriter();
            var stderr = new StringWriter();

            int code = ProtectVerbs.RunUnprotect(new[] { Output }, null,
                new ProtectionRequest { Destination = restored, VaultPath = VaultFolder, Key = "WrongWrongWrongWrongWrongWrong".ToCharArray() }, json: false,
                new CliOutput(stdout, stderr));

            Assert.Equal(2, code);
            Assert.Contains("VaultKeyMismatch", stderr.ToString());
            Assert.Contains("different site key", stderr.ToString());
            Assert.Equal(string.Empty, stdout.ToString());
            Assert.False(Directory.Exists(restored));
        }

        [Fact]
        public void ProtectAndUnprotect_OptionsParseOnTheRootCommand()
        {
            var protect = Program.BuildRootCommand().Parse(new[] { "protect", "in", "--destination", "out", "--mapping-file", "m.csv", "--study-id-pattern", "^x$",
                "--lookup-key", "AccessionNumber", "--pseudonym", "Vigenere", "--key", "VAR", "--profile", "basic", "--vault-path", "vault",
                "--exclude-test-patients", "--what-if", "--json" });
            Assert.Empty(protect.Errors);
            var unprotect = Program.BuildRootCommand().Parse(new[] { "unprotect", "out", "--destination", "r", "--vault-path", "vault", "--mapping-file", "m.csv",
                "--pseudonym", "Ff1", "--key", "VAR", "--what-if", "--json" });
            Assert.Empty(unprotect.Errors);
        }

        [Fact]
        public void RunProtect_TakesDestinationKeyAndMappingFromTheSiteConfig()
        {
            SampleData.Write(Root);
            var stdout = new StringWriter();
            var stderr = new StringWriter();

            int code = ProtectVerbs.RunProtect(new[] { Path.Combine(Root, "data", "incoming") }, Path.Combine(Root, "config.yaml"),
                new ProtectionRequest(), json: false, new CliOutput(stdout, stderr));

            Assert.True(code == 0, stderr.ToString());
            string protectedRoot = Path.Combine(Root, "data", "protected");
            Assert.True(Directory.Exists(Path.Combine(protectedRoot, SampleData.MappedStudyId)), stdout.ToString());
            int inputs = Directory.GetFiles(Path.Combine(Root, "data", "incoming"), "*", SearchOption.AllDirectories).Length;
            Assert.Equal(inputs, Directory.GetFiles(protectedRoot, "*.dcm", SearchOption.AllDirectories).Length);
        }

        [Fact]
        public void RunProtect_NamedConfigThatDoesNotExist_IsAUsageErrorAndWritesNothing()
        {
            SampleData.Write(Root);
            var stderr = new StringWriter();

            int code = ProtectVerbs.RunProtect(new[] { Path.Combine(Root, "data", "incoming") }, Path.Combine(Root, "missing.yaml"),
                new ProtectionRequest { Destination = Path.Combine(Root, "out") }, json: false, new CliOutput(new StringWriter(), stderr));

            Assert.Equal(2, code);
            Assert.Contains("missing.yaml", stderr.ToString());
            Assert.False(Directory.Exists(Path.Combine(Root, "out")));
        }
    }
}
