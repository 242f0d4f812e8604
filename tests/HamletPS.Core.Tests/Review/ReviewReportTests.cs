using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using HamletPS.Core.Deidentification;
using HamletPS.Core.Review;
using HamletPS.Core.Tests.Deidentification;
using HamletPS.Core.Tests.Deidentification.Pixels;
using HamletPS.Dicom.Data;
using HamletPS.Dicom.Dictionary;
using HamletPS.Dicom.IO;
using HamletPS.Synthetic;
using HamletPS.TestSupport;
using Xunit;

namespace HamletPS.Core.Tests.Review
{
    /// <summary>
    /// The review page of a protected canary RT study: self-contained (no script source, no web address), one thumbnail
    /// strip per image series, no canary identifier in its bytes; Chromium draws the thumbnails and tesseract reads no
    /// canary in the screenshot.
    /// </summary>
    public sealed class ReviewReportTests
    {
        private const string Chromium = "/usr/bin/chromium";
        private const string Tesseract = "/usr/bin/tesseract";

        private static (CanaryStudy Study, string Tree, string Scratch) ProtectedCanaryStudy(string name)
        {
            string scratch = DeidTestSupport.NewScratch(name);
            var study = new CanaryStudy(new RtStudyOptions { Seed = 77, Slices = 6, ImageSize = 64, IncludeImageGuidance = true });
            var written = study.Write(Path.Combine(scratch, "in"));
            string tree = Path.Combine(scratch, "protected");
            using var keys = DeidTestSupport.Keys();
            using var protector = new DicomProtector(DeidTestSupport.Options(keys, tree, Path.Combine(scratch, "site", "vault.hpv")));
            var results = protector.Protect(written.Files.Select(f => f.Path).ToList()).ToList();
            Assert.All(results, r => Assert.Equal(ProtectionStatus.Protected, r.Status));
            Assert.Empty(study.Scan(tree)); // the input of the page is clean: any canary in the page would be the page's fault
            return (study, tree, scratch);
        }

        private static int ImageSeries(string tree) =>
            Directory.EnumerateFiles(tree, "*", SearchOption.AllDirectories)
                .Select(f => DicomFile.Open(f, DicomReadOptions.HeaderOnly).Dataset)
                .Where(ds => ds.GetIntOrDefault(DicomTags.Rows, 0) > 0)
                .Select(ds => ds.GetUid(DicomTags.SeriesInstanceUID)).Distinct().Count();

        [Fact]
        public void Review_OfAProtectedCanaryStudy_IsSelfContained_HasAStripPerImageSeries_AndNoCanary()
        {
            var (study, tree, scratch) = ProtectedCanaryStudy("review-html");
            string html = Path.Combine(scratch, "review.html");

            ReviewReportResult result = ReviewReportBuilder.Build(tree, html, null);

            string text = File.ReadAllText(html, Encoding.UTF8);
            byte[] bytes = File.ReadAllBytes(html);
            Assert.DoesNotContain("<script", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("http://", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("https://", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotMatch(new Regex("(src|href)\\s*=\\s*\"(?!data:)", RegexOptions.IgnoreCase), text);
            int expected = ImageSeries(tree);
            Assert.True(expected >= 3, "the canary study has CT, CBCT and dose images");
            Assert.Equal(expected, Regex.Matches(text, "src=\"data:image/png;base64,").Count);
            Assert.Equal(expected, result.Thumbnails);
            Assert.Equal(Directory.EnumerateFiles(tree, "*", SearchOption.AllDirectories).Count(), result.Instances);
            Assert.Matches("Dose grid: \\d+ x \\d+ x \\d+ voxels, spacing [0-9.]+ x [0-9.]+ x [0-9.]+ mm, GY", text);
            Assert.Contains("Structures (6): BODY, HEART", text);
            Assert.Contains("Beams (", text);
            Assert.Contains("Structures (", text);
            foreach (byte[] pattern in study.Patterns)
                Assert.True(bytes.AsSpan().IndexOf(pattern) < 0, "canary in the review page: " + Encoding.UTF8.GetString(pattern));
            Assert.Empty(Directory.GetFiles(scratch, "*.partial")); // written to a temporary name, then renamed
        }

        [Fact]
        public void Review_Thumbnails_AreValidPngs_ByPythonZlibAndCrc()
        {
            var (_, tree, scratch) = ProtectedCanaryStudy("review-png");
            string html = Path.Combine(scratch, "review.html");
            ReviewReportBuilder.Build(tree, html, null);
            var pngs = Regex.Matches(File.ReadAllText(html), "data:image/png;base64,([A-Za-z0-9+/=]+)").Select(m => m.Groups[1].Value).ToList();
            Assert.NotEmpty(pngs);
            string list = Path.Combine(scratch, "pngs.txt");
            File.WriteAllLines(list, pngs);
            const string check =
                "import sys,base64,struct,zlib\n" +
                "for line in open(sys.argv[1]):\n" +
                "    b=base64.b64decode(line.strip()); assert b[:8]==b'\\x89PNG\\r\\n\\x1a\\n'; i=8; idat=b''\n" +
                "    while i<len(b):\n" +
                "        n,=struct.unpack('>I',b[i:i+4]); t=b[i+4:i+8]; d=b[i+8:i+8+n]; c,=struct.unpack('>I',b[i+8+n:i+12+n])\n" +
                "        assert zlib.crc32(t+d)&0xffffffff==c,(t,'crc')\n" +
                "        if t==b'IHDR': w,h,depth,ct=struct.unpack('>IIBB',d[:10])\n" +
                "        if t==b'IDAT': idat+=d\n" +
                "        i+=12+n\n" +
                "    raw=zlib.decompress(idat); assert depth==8 and ct==2 and len(raw)==h*(1+3*w),(w,h,len(raw))\n" +
                "    px=[raw[r*(1+3*w)+1:(r+1)*(1+3*w)] for r in range(h)]; print(w,h,len(set(bytes(p) for p in px)))\n";
            string script = Path.Combine(scratch, "check.py");
            File.WriteAllText(script, check);
            var run = DeidTestSupport.Run(DeidTestSupport.Python, script, list);
            Assert.True(run.ExitCode == 0, "python3: " + run.StdErr);
            foreach (string line in run.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                int[] whd = line.Split(' ').Select(int.Parse).ToArray();
                Assert.Equal(FrameRenderer.TileSize, whd[1]);
                Assert.True(whd[2] > 1, "a strip whose rows are all the same is blank: " + line);
            }
        }

        [Fact]
        public void Review_EscapesSenderControlledValues()
        {
            var (_, tree, scratch) = ProtectedCanaryStudy("review-escape");
            string hostile = Path.Combine(scratch, "hostile");
            Directory.CreateDirectory(hostile);
            string ct = Directory.EnumerateFiles(tree, "*", SearchOption.AllDirectories)
                .First(f => DicomFile.Open(f, DicomReadOptions.HeaderOnly).Dataset.GetString(DicomTags.Modality) == "CT");
            DicomFile file = DicomFile.Open(ct);
            file.Dataset.AddOrUpdate(DicomTags.SeriesDescription, "<script>alert(1)</script><img src=x onerror=y>");
            file.Dataset.AddOrUpdate(DicomTags.StudyID, "\"><a href=\"http://x\">");
            file.Save(Path.Combine(hostile, "one.dcm"));
            string html = Path.Combine(scratch, "hostile.html");

            ReviewReportBuilder.Build(hostile, html, null);

            string text = File.ReadAllText(html);
            Assert.DoesNotContain("<script", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<img src=x", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<a href", text, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", text);
        }

        [Fact]
        public void Review_ListsQuarantinedFilesByReason_NeverByName()
        {
            var (_, tree, scratch) = ProtectedCanaryStudy("review-quarantine");
            string quarantine = Path.Combine(scratch, "quarantine");
            Directory.CreateDirectory(quarantine);
            File.WriteAllText(Path.Combine(quarantine, "CANARYFAMILY_scan.dcm"), "x");
            File.WriteAllText(Path.Combine(quarantine, "CANARYFAMILY_scan.dcm" + HamletPS.Core.Sorting.QuarantineFolder.ReasonSuffix), "Reason: burned-in annotation <unmasked>\n");
            string html = Path.Combine(scratch, "review.html");

            ReviewReportResult result = ReviewReportBuilder.Build(tree, html, quarantine);

            string text = File.ReadAllText(html);
            Assert.Equal(1, result.Quarantined);
            Assert.Contains("burned-in annotation &lt;unmasked&gt;", text);
            Assert.DoesNotContain("CANARYFAMILY", text);
        }

        [Fact]
        public void Review_RenderedByChromium_DrawsThumbnails_AndOcrFindsNoCanary()
        {
            RequiredPeers.Programs(Chromium, Tesseract);
            var (study, tree, scratch) = ProtectedCanaryStudy("review-chromium");
            string html = Path.Combine(scratch, "review.html");
            ReviewReportBuilder.Build(tree, html, null);
            string shot = Path.Combine(scratch, "shot.png");

            var run = DeidTestSupport.Run(Chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                "--user-data-dir=" + Path.Combine(scratch, "chromium-profile"), "--screenshot=" + shot, "--window-size=1200,2000",
                new Uri(html).AbsoluteUri);
            Assert.True(File.Exists(shot), "chromium wrote no screenshot (exit " + run.ExitCode + "): " + run.StdErr);

            ScreenshotPixels pixels = ScreenshotPixels.Read(shot);
            // A strip is a tall band of rows rich in dark pixels; inside it the frames must vary.
            var bands = StripBands(pixels);
            Assert.True(bands.Count == ImageSeries(tree), "strips found in the screenshot: " + bands.Count + ", image series: " + ImageSeries(tree));
            foreach (var (top, bottom, left, right) in bands)
            {
                var colours = new HashSet<int>();
                for (int y = top; y <= bottom; y++)
                    for (int x = left; x <= right; x++) { var (r, g, b) = pixels.At(x, y); colours.Add(r << 16 | g << 8 | b); }
                Assert.True(colours.Count >= 8, "blank strip at rows " + top + "-" + bottom + ": " + colours.Count + " colours");
            }
            int washed = 0;
            for (int i = 0; i < pixels.Rgb.Length; i += 3)
            {
                int r = pixels.Rgb[i], g = pixels.Rgb[i + 1], b = pixels.Rgb[i + 2];
                if (g > 150 && (r < 110 || b < 110) && Math.Abs(r - b) > 60) washed++; // green, cyan or yellow: only the dose wash
            }
            Assert.True(washed >= 20, "no colour-washed dose drawn (" + washed + " pixels)");

            var ocr = DeidTestSupport.Run(Tesseract, shot, "stdout", "--psm", "3");
            Assert.True(ocr.ExitCode == 0, "tesseract: " + ocr.StdErr);
            string read = ocr.StdOut.Replace(" ", string.Empty).ToUpperInvariant();
            Assert.Contains("REVIEW", read); // tesseract did read the page
            Assert.DoesNotContain("CANARY", read);
            foreach (Canary canary in study.Canaries.Where(c => c.Value.Length >= 6))
                Assert.DoesNotContain(canary.Value.Replace(" ", string.Empty).ToUpperInvariant(), read);
        }

        /// <summary>Bands of at least half a tile of rows that each have 60 or more dark pixels (a line of text has blank rows
        /// above and below it, a strip has none), and the columns they span.</summary>
        private static List<(int Top, int Bottom, int Left, int Right)> StripBands(ScreenshotPixels p)
        {
            var bands = new List<(int, int, int, int)>();
            int top = -1, left = int.MaxValue, right = -1;
            for (int y = 0; y <= p.Height; y++)
            {
                int dark = 0, rowLeft = int.MaxValue, rowRight = -1;
                if (y < p.Height)
                    for (int x = 0; x < p.Width; x++)
                        if (Luminance(p.At(x, y)) < 70) { dark++; rowLeft = Math.Min(rowLeft, x); rowRight = Math.Max(rowRight, x); }
                if (dark < 60) rowRight = -1;
                if (rowRight >= 0)
                {
                    if (top < 0) top = y;
                    left = Math.Min(left, rowLeft);
                    right = Math.Max(right, rowRight);
                }
                else if (top >= 0)
                {
                    if (y - top >= FrameRenderer.TileSize / 2) bands.Add((top, y - 1, left, right));
                    top = -1; left = int.MaxValue; right = -1;
                }
            }
            return bands;
        }

        private static int Luminance((byte R, byte G, byte B) c) => (c.R * 3 + c.G * 6 + c.B) / 10;
    }
}
