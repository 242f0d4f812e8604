using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using HamletPS.Cli.Verbs;
using HamletPS.Core.Deidentification;
using HamletPS.Synthetic;
using Xunit;

namespace HamletPS.Cli.Tests
{
    /// <summary>`hamlet review`, in process, on the protected canary RT study.</summary>
    public sealed class ReviewVerbTests : ScratchFolderTest
    {
        private const string SiteKey = "Synthetic0Test1Site2Key3ABCDEFGH";
        public ReviewVerbTests() : base("hamlet-review-cli-") { }

        private (CanaryStudy Study, string Tree) Protected()
        {
            var canary = new CanaryStudy(new RtStudyOptions { Slices = 3, ImageSize = 32 });
            var study = canary.Write(Path.Combine(Root, "in"));
            string tree = Path.Combine(Root, "protected");
            var stderr = new StringWriter();
            int code = ProtectVerbs.RunProtect(study.Files.Select(f => f.Path).ToArray(), null,
                new ProtectionRequest { Destination = tree, VaultPath = Path.Combine(Root, "vault"), Key = SiteKey.ToCharArray() },
                json: false, new CliOutput(new StringWriter(), stderr));
            Assert.True(code == 0, stderr.ToString());
            return (canary, tree);
        }

        [Fact]
        public void Review_Json_WritesThePage_AndPrintsWhatItCovers_WithoutACanary()
        {
            var (canary, tree) = Protected();
            string html = Path.Combine(Root, "page", "review.html");
            var stdout = new StringWriter();
            var stderr = new StringWriter();

            int code = ReviewVerb.Run(tree, html, null, whatIf: false, json: true, new CliOutput(stdout, stderr));

            Assert.True(code == 0, stderr.ToString());
            JsonElement line = JsonDocument.Parse(stdout.ToString().Trim()).RootElement;
            Assert.Equal(html, line.GetProperty("Path").GetString());
            Assert.Equal(Directory.GetFiles(tree, "*", SearchOption.AllDirectories).Length, line.GetProperty("Instances").GetInt32());
            Assert.True(line.GetProperty("Thumbnails").GetInt32() >= 2);
            string text = File.ReadAllText(html);
            Assert.Equal(line.GetProperty("Thumbnails").GetInt32(), text.Split("data:image/png;base64,").Length - 1);
            Assert.Empty(canary.Scan(Path.Combine(Root, "page")));
        }

        [Fact]
        public void Review_OfAnArchive_WithTheProfileFile_CountsTheArchiveAndTheMaskedCapture()
        {
            var canary = new CanaryStudy(new RtStudyOptions { Slices = 3, ImageSize = 32 });
            var study = canary.Write(Path.Combine(Root, "in"));
            string capture = Path.Combine(Root, "in", "capture.dcm");
            new PixelCanaryImage().Build().Save(capture);
            string profile = Path.Combine(Root, "site-profile.yaml");
            File.WriteAllText(profile, "name: site-pixels\npixels:\n  rules:\n" +
                "    - name: capture-banner\n      when: { modality: OT, manufacturer: \"SYNTHETIC*\" }\n      mask: [[0, 0, 256, 52]]\n");
            string tree = Path.Combine(Root, "protected");
            var stderr = new StringWriter();
            int protectedCode = ProtectVerbs.RunProtect(study.Files.Select(f => f.Path).Append(capture).ToArray(), null,
                new ProtectionRequest { Destination = tree, VaultPath = Path.Combine(Root, "vault"), Key = SiteKey.ToCharArray(), Profile = profile },
                json: false, new CliOutput(new StringWriter(), stderr));
            Assert.True(protectedCode == 0, stderr.ToString());
            string zip = Path.Combine(Root, "outgoing", "protected.zip");
            Directory.CreateDirectory(Path.GetDirectoryName(zip));
            System.IO.Compression.ZipFile.CreateFromDirectory(tree, zip); // the BCL's writer, not ours
            string html = Path.Combine(Root, "page", "review.html");
            var stdout = new StringWriter();

            int code = ReviewVerb.Run(new[] { zip }, html, null, profile, null, whatIf: false, json: true, new CliOutput(stdout, stderr));

            Assert.True(code == 0, stderr.ToString());
            JsonElement line = JsonDocument.Parse(stdout.ToString().Trim()).RootElement;
            Assert.Equal(1, line.GetProperty("Archives").GetInt32());
            Assert.Equal(Directory.GetFiles(tree, "*", SearchOption.AllDirectories).Length, line.GetProperty("Instances").GetInt32());
            Assert.Equal(1, line.GetProperty("Masked").GetInt32());
            Assert.Contains("pixel rule 'capture-banner' blanked [0, 0, 256, 52]", File.ReadAllText(html));
            Assert.Empty(canary.Scan(Path.Combine(Root, "page")));
        }

        [Fact]
        public void Review_WithAProfileThatIsNotThere_FailsWithExitCode2_AndWritesNothing()
        {
            var (_, tree) = Protected();
            string html = Path.Combine(Root, "review.html");
            var stderr = new StringWriter();

            int code = ReviewVerb.Run(new[] { tree }, html, null, Path.Combine(Root, "no-such-profile.yaml"), null, whatIf: false, json: false, new CliOutput(new StringWriter(), stderr));

            Assert.Equal(2, code);
            Assert.Contains("InvalidReviewSettings", stderr.ToString());
            Assert.False(File.Exists(html));
        }

        [Fact]
        public void Review_WhatIf_WritesNothing()
        {
            var (_, tree) = Protected();
            string html = Path.Combine(Root, "review.html");
            var stdout = new StringWriter();

            int code = ReviewVerb.Run(tree, html, null, whatIf: true, json: false, new CliOutput(stdout, new StringWriter()));

            Assert.Equal(0, code);
            Assert.False(File.Exists(html));
            Assert.Contains("What if", stdout.ToString());
        }

        [Fact]
        public void Review_OfAMissingFolder_FailsWithExitCode1_AndWritesNothing()
        {
            string html = Path.Combine(Root, "review.html");
            var stderr = new StringWriter();

            int code = ReviewVerb.Run(Path.Combine(Root, "nowhere"), html, null, whatIf: false, json: false, new CliOutput(new StringWriter(), stderr));

            Assert.Equal(1, code);
            Assert.Contains("PathNotFound", stderr.ToString());
            Assert.False(File.Exists(html));
        }
    }
}
