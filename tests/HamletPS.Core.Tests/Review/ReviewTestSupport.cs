using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using HamletPS.Core.Deidentification;
using HamletPS.Core.Review;
using HamletPS.Core.Tests.Deidentification;
using HamletPS.Synthetic;
using Xunit;

namespace HamletPS.Core.Tests.Review
{
    /// <summary>Protected trees with a masked capture, and what the review tests compare of a page.</summary>
    internal static class ReviewTestSupport
    {
        public const string RuleName = "synthetic-banner";

        /// <summary>The canary capture's banner (the whole text band) and a second region inside the image, in source pixels.</summary>
        public static readonly (int X, int Y, int W, int H)[] Rectangles = { (0, 0, 256, 52), (40, 60, 100, 30) };

        public static string ProfileYaml =>
            "name: review-pixels\noptions: [RetainLongitudinalModifiedDates, RetainDeviceIdentity]\npixels:\n  rules:\n" +
            "    - name: " + RuleName + "\n      when: { modality: OT, manufacturer: \"SYNTHETIC*\", columns: 256 }\n" +
            "      mask: [" + string.Join(", ", Rectangles.Select(r => "[" + r.X + ", " + r.Y + ", " + r.W + ", " + r.H + "]")) + "]\n";

        public static DeidentificationProfile Profile => DeidentificationProfile.Parse(ProfileYaml, "review-pixels.yaml");

        /// <summary>
        /// Protects the canary RT study (CT, CBCT, structures, plan, dose) plus a Secondary Capture with the canary drawn in its
        /// pixels (masked by <see cref="RuleName"/>). (A capture whose header denies its burned-in text would pass protect
        /// unmasked, and the review page then shows that text to the reviewer, readable even by tesseract: which is the page's point.)
        /// </summary>
        public static (CanaryStudy Study, string Tree, string Scratch, Core.Secrets.SiteKeys Keys) ProtectedTree(string name, int slices = 6)
        {
            string scratch = DeidTestSupport.NewScratch(name);
            var study = new CanaryStudy(new RtStudyOptions { Seed = 77, Slices = slices, ImageSize = 64, IncludeImageGuidance = true });
            var written = study.Write(Path.Combine(scratch, "in"));
            var inputs = written.Files.Select(f => f.Path).ToList();
            string captures = Path.Combine(scratch, "in", "captures");
            Directory.CreateDirectory(captures);
            string sc = Path.Combine(captures, "sc.dcm");
            new PixelCanaryImage().Build().Save(sc);
            inputs.Add(sc);
            string tree = Path.Combine(scratch, "protected");
            var keys = DeidTestSupport.Keys();
            using (var protector = new DicomProtector(DeidTestSupport.Options(keys, tree, Path.Combine(scratch, "site", "vault.hpv"), profile: Profile)))
            {
                var results = protector.Protect(inputs).ToList();
                Assert.All(results, r => Assert.True(r.Status == ProtectionStatus.Protected, r.Message));
                Assert.Equal(RuleName, results.Single(r => r.PixelRule != null).PixelRule);
            }
            Assert.Empty(study.Scan(tree));
            return (study, tree, scratch, keys);
        }

        public static ReviewReportResult Review(string output, DeidentificationProfile profile, params string[] inputs) =>
            ReviewReportBuilder.Build(new ReviewOptions { Inputs = inputs, OutputPath = output, Profile = profile });

        /// <summary>The page from its first patient heading on (what it shows of the data, without the time it was written and the totals).</summary>
        public static string Body(string html)
        {
            string text = File.ReadAllText(html);
            int at = text.IndexOf("<h2>", StringComparison.Ordinal);
            Assert.True(at > 0, "no patient heading in the page");
            return text.Substring(at);
        }

        public static List<string> Pngs(string html) =>
            Regex.Matches(File.ReadAllText(html), "data:image/png;base64,([A-Za-z0-9+/=]+)").Select(m => m.Groups[1].Value).ToList();

        /// <summary>Every canary byte pattern of the study and of the capture's drawn text, absent from the file.</summary>
        public static void AssertNoCanary(CanaryStudy study, string file)
        {
            byte[] bytes = File.ReadAllBytes(file);
            foreach (byte[] pattern in study.Patterns)
                Assert.True(bytes.AsSpan().IndexOf(pattern) < 0, "canary in " + Path.GetFileName(file) + ": " + System.Text.Encoding.UTF8.GetString(pattern));
            foreach (string text in new[] { CanaryStudy.FamilyName, CanaryStudy.GivenName, CanaryStudy.PatientId, CanaryStudy.BirthDate })
                Assert.True(bytes.AsSpan().IndexOf(System.Text.Encoding.ASCII.GetBytes(text)) < 0, "canary in " + Path.GetFileName(file) + ": " + text);
        }
    }
}
