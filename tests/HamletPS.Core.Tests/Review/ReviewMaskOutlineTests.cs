using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using HamletPS.Core.Review;
using HamletPS.Core.Tests.Deidentification;
using HamletPS.Synthetic;
using HamletPS.TestSupport;
using Xunit;

namespace HamletPS.Core.Tests.Review
{
    /// <summary>
    /// Masked regions on the review page: the capture protect masked by a rule gets that rule's rectangles outlined in
    /// magenta on its thumbnail (found from the protected header's Clean Pixel Data code and the profile, never the record);
    /// nothing else is outlined; Python decodes the PNGs and Chromium's screenshot shows the outline; no canary on the page.
    /// </summary>
    public sealed class ReviewMaskOutlineTests
    {
        private const string Chromium = "/usr/bin/chromium";
        private const string Tesseract = "/usr/bin/tesseract";

        /// <summary>Python decodes every strip and prints, per strip, its size and each magenta pixel as x,y.</summary>
        private static List<(int Width, int Height, List<(int X, int Y)> Magenta)> DecodeWithPython(string html, string scratch)
        {
            string list = Path.Combine(scratch, "pngs.txt");
            File.WriteAllLines(list, ReviewTestSupport.Pngs(html));
            const string decode =
                "import sys,base64,struct,zlib\n" +
                "for line in open(sys.argv[1]):\n" +
                "    b=base64.b64decode(line.strip()); i=8; idat=b''\n" +
                "    while i<len(b):\n" +
                "        n,=struct.unpack('>I',b[i:i+4]); t=b[i+4:i+8]; d=b[i+8:i+8+n]\n" +
                "        if t==b'IHDR': w,h=struct.unpack('>II',d[:8])\n" +
                "        if t==b'IDAT': idat+=d\n" +
                "        i+=12+n\n" +
                "    raw=zlib.decompress(idat); s=1+3*w; m=[]\n" +
                "    for y in range(h):\n" +
                "        assert raw[y*s]==0\n" +
                "        for x in range(w):\n" +
                "            p=raw[y*s+1+3*x:y*s+4+3*x]\n" +
                "            if p==b'\\xff\\x00\\xff': m.append('%d,%d'%(x,y))\n" +
                "    print(w,h,' '.join(m))\n";
            string script = Path.Combine(scratch, "decode.py");
            File.WriteAllText(script, decode);
            var run = DeidTestSupport.Run(DeidTestSupport.Python, script, list);
            Assert.True(run.ExitCode == 0, "python3: " + run.StdErr);
            return run.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line =>
            {
                string[] parts = line.Trim().Split(' ');
                var magenta = parts.Skip(2).Select(p => p.Split(',')).Select(xy => (int.Parse(xy[0]), int.Parse(xy[1]))).ToList();
                return (int.Parse(parts[0]), int.Parse(parts[1]), magenta);
            }).ToList();
        }

        [Fact]
        public void Review_OutlinesTheRuleRectangles_OnTheMaskedCapture_AndNowhereElse()
        {
            RequiredPeers.Programs(DeidTestSupport.Python);
            var (study, tree, scratch, keys) = ReviewTestSupport.ProtectedTree("review-outline");
            keys.Dispose();
            string html = Path.Combine(scratch, "review.html");

            ReviewReportResult result = ReviewTestSupport.Review(html, ReviewTestSupport.Profile, tree);

            Assert.Equal(1, result.Masked);
            var strips = DecodeWithPython(html, scratch);
            Assert.Equal(result.Thumbnails, strips.Count);
            var outlined = Assert.Single(strips, s => s.Magenta.Count > 0); // the RT study's CT, CBCT and dose strips have none
            // The capture is 256 x 128, drawn on a 96-pixel tile (3/8 scale) centred in a 96 x 96 cell: 24 rows above it.
            const double scale = 96.0 / 256;
            const int top = 24;
            bool Near(int px, int py, double sx, double sy) => Math.Abs(px - sx) <= 1.5 && Math.Abs(py - sy) <= 1.5;
            foreach (var r in ReviewTestSupport.Rectangles)
            {
                double left = r.X * scale, right = Math.Min(95, (r.X + r.W) * scale - 1), upper = top + r.Y * scale, lower = top + (r.Y + r.H) * scale - 1;
                foreach (var (cx, cy) in new[] { (left, upper), (right, upper), (left, lower), (right, lower) })
                    Assert.True(outlined.Magenta.Any(m => Near(m.X, m.Y, cx, cy)), "no outline pixel at the rectangle corner (" + cx + ", " + cy + ") of " + r);
            }
            foreach (var (x, y) in outlined.Magenta)
                Assert.True(ReviewTestSupport.Rectangles.Any(r =>
                {
                    double left = r.X * scale, right = (r.X + r.W) * scale, upper = top + r.Y * scale, lower = top + (r.Y + r.H) * scale;
                    bool inside = x >= left - 1.5 && x <= right + 1.5 && y >= upper - 1.5 && y <= lower + 1.5;
                    bool onEdge = Math.Abs(x - left) <= 1.5 || Math.Abs(x - right + 1) <= 1.5 || Math.Abs(y - upper) <= 1.5 || Math.Abs(y - lower + 1) <= 1.5;
                    return inside && onEdge;
                }), "magenta pixel (" + x + ", " + y + ") is not on a rule rectangle's border");

            string text = File.ReadAllText(html);
            Assert.Contains("pixel rule '" + ReviewTestSupport.RuleName + "' blanked [0, 0, 256, 52] [40, 60, 100, 30]", text);
            ReviewTestSupport.AssertNoCanary(study, html);
        }

        [Fact]
        public void Review_WithoutTheRuleInTheProfile_CountsTheMaskedInstance_ButDrawsNoOutline()
        {
            RequiredPeers.Programs(DeidTestSupport.Python);
            var (_, tree, scratch, keys) = ReviewTestSupport.ProtectedTree("review-outline-norule", slices: 3);
            keys.Dispose();
            string html = Path.Combine(scratch, "review.html");

            ReviewReportResult result = ReviewTestSupport.Review(html, HamletPS.Core.Deidentification.DeidentificationProfile.Default, tree);

            Assert.Equal(1, result.Masked);
            Assert.All(DecodeWithPython(html, scratch), s => Assert.Empty(s.Magenta));
            Assert.Contains("1 masked by a rule the profile does not name from the protected header: not outlined", File.ReadAllText(html));
        }

        [Fact]
        public void Review_RenderedByChromium_ShowsTheOutline_AndOcrFindsNoCanary()
        {
            RequiredPeers.Programs(Chromium, Tesseract);
            var (study, tree, scratch, keys) = ReviewTestSupport.ProtectedTree("review-outline-chromium", slices: 3);
            keys.Dispose();
            string html = Path.Combine(scratch, "review.html");
            ReviewTestSupport.Review(html, ReviewTestSupport.Profile, tree);
            string shot = Path.Combine(scratch, "shot.png");

            var run = DeidTestSupport.Run(Chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                "--user-data-dir=" + Path.Combine(scratch, "chromium-profile"), "--screenshot=" + shot, "--window-size=1200,3000",
                new Uri(html).AbsoluteUri);
            Assert.True(File.Exists(shot), "chromium wrote no screenshot (exit " + run.ExitCode + "): " + run.StdErr);

            ScreenshotPixels pixels = ScreenshotPixels.Read(shot);
            int magenta = 0, minX = int.MaxValue, maxX = -1;
            for (int y = 0; y < pixels.Height; y++)
                for (int x = 0; x < pixels.Width; x++)
                {
                    var (r, g, b) = pixels.At(x, y);
                    if (r > 230 && g < 40 && b > 230) { magenta++; minX = Math.Min(minX, x); maxX = Math.Max(maxX, x); }
                }
            // the two outlines are 2 x (96 + 19) + 2 x (38 + 11) pixels long, less shared corners and the clipped edge
            Assert.True(magenta >= 200, "outline pixels in the screenshot: " + magenta);
            Assert.True(maxX - minX >= 90, "the banner outline spans the tile's width: " + minX + "-" + maxX);

            var ocr = DeidTestSupport.Run(Tesseract, shot, "stdout", "--psm", "3");
            Assert.True(ocr.ExitCode == 0, "tesseract: " + ocr.StdErr);
            string read = ocr.StdOut.Replace(" ", string.Empty).ToUpperInvariant();
            Assert.Contains("REVIEW", read);
            Assert.DoesNotContain("CANARY", read);
            foreach (Canary canary in study.Canaries.Where(c => c.Value.Length >= 6))
                Assert.DoesNotContain(canary.Value.Replace(" ", string.Empty).ToUpperInvariant(), read);
        }
    }
}
