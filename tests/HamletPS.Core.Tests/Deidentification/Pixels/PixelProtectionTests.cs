using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using HamletPS.Core.Deidentification;
using HamletPS.Core.Deidentification.Pixels;
using HamletPS.Core.Secrets;
using HamletPS.Core.Security;
using HamletPS.Dicom.Data;
using HamletPS.Dicom.Dictionary;
using HamletPS.Synthetic;
using HamletPS.TestSupport;
using Xunit;

namespace HamletPS.Core.Tests.Deidentification.Pixels
{
    /// <summary>
    /// Protect's pixel step on synthetic Secondary Capture and ultrasound instances with the canary drawn into their pixels:
    /// pydicom checks that only the rule's rectangles changed, dcmtk renders and tesseract reads the canary before masking and
    /// not after; unmasked risky and compressed instances are withheld.
    /// </summary>
    public class PixelProtectionTests
    {
        private const string Banner = "0, 0, 256, 52";

        private static DeidentificationProfile Profile(string rules) => DeidentificationProfile.Parse(
            "name: pixel-test\noptions: [RetainLongitudinalModifiedDates, RetainDeviceIdentity]\n" + (rules == null ? "" : "pixels:\n  rules:\n" + rules), "pixel-test.yaml");

        private static string MaskRule(string when = "{ modality: [OT, US], manufacturer: \"SYNTHETIC*\", columns: 256 }", string rects = "[[" + Banner + "]]") =>
            "    - name: synthetic-banner\n      when: " + when + "\n      mask: " + rects + "\n";

        private static string Write(PixelCanaryImage image, string folder, string name = "image.dcm")
        {
            Directory.CreateDirectory(folder);
            string path = Path.Combine(folder, name);
            image.Build().Save(path);
            return path;
        }

        private static (ProtectionResult Result, string Scratch) Protect(string scratch, string input, DeidentificationProfile profile, SiteKeys keys)
        {
            using var p = new DicomProtector(DeidTestSupport.Options(keys, Path.Combine(scratch, "out"), Path.Combine(scratch, "site", "vault.hpv"), profile: profile));
            return (Assert.Single(p.Protect(new[] { input })), scratch);
        }

        [Fact]
        public void PixelRisk_FlagsCapturesUltrasoundXaDocumentsFlagsAndScreenSaves_PassesCtMrRtWithoutFlags()
        {
            DicomDataset Ds(string sop, string modality, string burned = null, params string[] imageType)
            {
                var ds = new DicomDataset();
                ds.AddOrUpdate(DicomTags.SOPClassUID, sop);
                ds.AddOrUpdate(DicomTags.Modality, modality);
                if (burned != null) ds.AddOrUpdate(DicomTags.BurnedInAnnotation, burned);
                if (imageType.Length > 0) ds.AddOrUpdate(DicomTags.ImageType, imageType);
                ds.AddOrUpdate(new DicomElement(DicomTags.PixelData, DicomVR.OW, new byte[4]));
                return ds;
            }
            Assert.Contains("Secondary Capture", PixelRisk.Assess(Ds(DicomUids.SecondaryCaptureImageStorage, "OT")));
            Assert.Contains("Ultrasound", PixelRisk.Assess(Ds(DicomUids.UltrasoundMultiFrameImageStorage, "US")));
            Assert.Contains("X-Ray Angiographic", PixelRisk.Assess(Ds("1.2.840.10008.5.1.4.1.1.12.1", "XA")));
            Assert.Contains("Burned In Annotation YES", PixelRisk.Assess(Ds(DicomUids.CTImageStorage, "CT", "YES")));
            Assert.Contains("screen capture", PixelRisk.Assess(Ds(DicomUids.CTImageStorage, "CT", null, "DERIVED", "SECONDARY", "SCREEN SAVE")));
            Assert.Contains("Image Type DERIVED", PixelRisk.Assess(Ds("1.2.840.10008.5.1.4.1.1.1.1", "DX", null, "DERIVED", "PRIMARY")));
            var pdf = new DicomDataset();
            pdf.AddOrUpdate(DicomTags.SOPClassUID, "1.2.840.10008.5.1.4.1.1.104.1");
            pdf.AddOrUpdate(new DicomElement(DicomTags.EncapsulatedDocument, DicomVR.OB, new byte[] { 0x25, 0x50 }));
            Assert.Contains("encapsulated document", PixelRisk.Assess(pdf));

            Assert.Null(PixelRisk.Assess(Ds(DicomUids.CTImageStorage, "CT", "NO", "ORIGINAL", "PRIMARY", "AXIAL")));
            Assert.Null(PixelRisk.Assess(Ds(DicomUids.CTImageStorage, "CT", null, "DERIVED", "SECONDARY", "REFORMATTED")));
            Assert.Null(PixelRisk.Assess(Ds(DicomUids.MRImageStorage, "MR", null, "DERIVED", "PRIMARY")));
            Assert.Null(PixelRisk.Assess(Ds(DicomUids.RTDoseStorage, "RTDOSE", null, "DERIVED", "SECONDARY")));
            var plan = new DicomDataset();
            plan.AddOrUpdate(DicomTags.SOPClassUID, DicomUids.RTPlanStorage);
            plan.AddOrUpdate(DicomTags.Modality, "RTPLAN");
            Assert.Null(PixelRisk.Assess(plan));
        }

        [Fact]
        public void Protect_SecondaryCaptureWithTextInPixels_NoRule_IsWithheldNamingTheRuleThatWouldReleaseIt()
        {
            var scratch = DeidTestSupport.NewScratch("pixel-withheld");
            string input = Write(new PixelCanaryImage(), Path.Combine(scratch, "in"));
            using var keys = DeidTestSupport.Keys();
            var (r, _) = Protect(scratch, input, DeidentificationProfile.Default, keys);

            Assert.Equal(ProtectionStatus.Failed, r.Status);
            Assert.Equal(PixelProtection.WithheldReasonId, r.Failure.Reason);
            Assert.Contains("Burned In Annotation YES", r.Message);
            Assert.Contains("SOP class Secondary Capture", r.Message);
            Assert.Contains("pixels: rules:", r.Message);
            Assert.Contains("sopClass: \"1.2.840.10008.5.1.4.1.1.7\"", r.Message);
            Assert.Contains("manufacturer: \"" + PixelCanaryImage.Manufacturer + "\"", r.Message);
            Assert.DoesNotContain(CanaryStudy.FamilyName, r.Message);
            Assert.DoesNotContain(CanaryStudy.PatientId, r.Message);
            Assert.False(Directory.Exists(Path.Combine(scratch, "out")) && Directory.EnumerateFiles(Path.Combine(scratch, "out"), "*", SearchOption.AllDirectories).Any());
        }

        [Fact]
        public void Protect_UltrasoundWithoutBurnedInFlag_NoRule_IsWithheld_AndACtWithoutFlagsPassesAsBefore()
        {
            var scratch = DeidTestSupport.NewScratch("pixel-us");
            string us = Write(PixelCanaryImage.Ultrasound(3), Path.Combine(scratch, "in"), "us.dcm");
            string ct = Write(new PixelCanaryImage { SopClassUid = DicomUids.CTImageStorage, Modality = "CT", BurnedInAnnotation = "NO", Seed = 5 }, Path.Combine(scratch, "in"), "ct.dcm");
            using var keys = DeidTestSupport.Keys();
            using var p = new DicomProtector(DeidTestSupport.Options(keys, Path.Combine(scratch, "out"), null));
            var results = p.Protect(new[] { us, ct });
            Assert.Equal(PixelProtection.WithheldReasonId, results[0].Failure?.Reason);
            Assert.Contains("modality US", results[0].Message);
            Assert.True(results[1].Status == ProtectionStatus.Protected, results[1].Message);
        }

        public static IEnumerable<object[]> Layouts()
        {
            yield return new object[] { "8-bit mono", new PixelCanaryImage() };
            yield return new object[] { "16-bit signed", new PixelCanaryImage { BitsAllocated = 16, Signed = true } };
            yield return new object[] { "32-bit", new PixelCanaryImage { BitsAllocated = 32 } };
            yield return new object[] { "RGB interleaved", new PixelCanaryImage { SamplesPerPixel = 3 } };
            yield return new object[] { "RGB planar", new PixelCanaryImage { SamplesPerPixel = 3, PlanarConfiguration = 1 } };
            yield return new object[] { "US cine 6 frames", PixelCanaryImage.Ultrasound(6) };
            yield return new object[] { "16-bit 4 frames with overlay", new PixelCanaryImage { BitsAllocated = 16, Frames = 4, Overlay = true } };
        }

        [Theory]
        [MemberData(nameof(Layouts))]
        public void Protect_MaskRule_ZeroesOnlyTheRectanglesInEveryFrameAndPlane_AndRecordsTheCleanPixelDataOption(string layout, PixelCanaryImage image)
        {
            var scratch = DeidTestSupport.NewScratch("pixel-mask");
            string input = Write(image, Path.Combine(scratch, "in"));
            using var keys = DeidTestSupport.Keys();
            string rects = "[[" + Banner + "], [200, 100, 80, 10]]"; // the second runs past the right edge: clipped
            var (r, _) = Protect(scratch, input, Profile(MaskRule(rects: rects)), keys);
            Assert.True(r.Status == ProtectionStatus.Protected, layout + ": " + r.Message);
            Assert.True(r.PixelsMasked);
            Assert.Equal("synthetic-banner", r.PixelRule);

            var run = DeidTestSupport.Run(DeidTestSupport.Python, DeidTestSupport.Oracle("pixel_mask_check.py"), input, r.DestinationPath, "0,0,256,52;200,100,80,10");
            Assert.True(run.ExitCode == 0, run.StdErr);
            using var check = JsonDocument.Parse(run.StdOut);
            var c = check.RootElement;
            Assert.True(c.GetProperty("sameGeometry").GetBoolean(), layout);
            Assert.Equal(0, c.GetProperty("changedOutside").GetInt32());
            Assert.Equal(0, c.GetProperty("nonzeroInside").GetInt32());
            Assert.True(c.GetProperty("samplesInside").GetInt32() > 0);
            Assert.Equal(0, c.GetProperty("overlayInside").GetInt32());
            Assert.Equal(0, c.GetProperty("overlayChangedOutside").GetInt32());
            Assert.Equal("NO", c.GetProperty("burnedIn").GetString());
            Assert.Contains("113101", c.GetProperty("codes").EnumerateArray().Select(e => e.GetString()));
        }

        [Fact]
        public void Protect_MaskRule_OverlayOutsideTheImageOriginIsMaskedAtTheImagePosition()
        {
            // Masking a pixel-data stream referenced from the source file (large value) and an overlay: the overlay keeps its bits outside.
            var scratch = DeidTestSupport.NewScratch("pixel-overlay");
            var image = new PixelCanaryImage { Rows = 256, Columns = 256, Frames = 3, Overlay = true };
            string input = Write(image, Path.Combine(scratch, "in"));
            Assert.True(DicomFile.Open(input).Dataset.GetElement(DicomTags.PixelData).IsReference);
            using var keys = DeidTestSupport.Keys();
            var (r, _) = Protect(scratch, input, Profile(MaskRule(rects: "[[0, 0, 60, 30]]")), keys);
            Assert.True(r.Status == ProtectionStatus.Protected, r.Message);
            var run = DeidTestSupport.Run(DeidTestSupport.Python, DeidTestSupport.Oracle("pixel_mask_check.py"), input, r.DestinationPath, "0,0,60,30");
            using var check = JsonDocument.Parse(run.StdOut);
            Assert.Equal(0, check.RootElement.GetProperty("changedOutside").GetInt32());
            Assert.Equal(0, check.RootElement.GetProperty("nonzeroInside").GetInt32());
            Assert.Equal(0, check.RootElement.GetProperty("overlayInside").GetInt32());
            Assert.Equal(0, check.RootElement.GetProperty("overlayChangedOutside").GetInt32());
        }

        public static IEnumerable<object[]> OcrCases()
        {
            yield return new object[] { "secondary capture", new PixelCanaryImage { Rows = 160, Columns = 256 } };
            yield return new object[] { "ultrasound cine", PixelCanaryImage.Ultrasound(2) };
        }

        [Theory]
        [MemberData(nameof(OcrCases))]
        public void Protect_MaskRule_CanaryReadByTesseractBeforeMasking_NotAfter(string kind, PixelCanaryImage image)
        {
            RequiredPeers.Programs("/usr/bin/tesseract", "/usr/bin/dcmj2pnm");
            var scratch = DeidTestSupport.NewScratch("pixel-ocr");
            string input = Write(image, Path.Combine(scratch, "in"));
            using var keys = DeidTestSupport.Keys();
            var (r, _) = Protect(scratch, input, Profile(MaskRule()), keys);
            Assert.True(r.Status == ProtectionStatus.Protected, kind + ": " + r.Message);

            string before = Ocr(input, scratch, "before");
            Assert.True(before.Contains(CanaryStudy.FamilyName, StringComparison.Ordinal), kind + ": OCR before masking read: " + before);
            string after = Ocr(r.DestinationPath, scratch, "after");
            Assert.False(after.Contains("CANARY", StringComparison.OrdinalIgnoreCase) || after.Contains("MRN", StringComparison.OrdinalIgnoreCase), kind + ": OCR after masking read: " + after);
        }

        /// <summary>dcmtk renders the first frame (scaled x2, min-max window), tesseract reads it; spaces removed.</summary>
        internal static string Ocr(string dicom, string scratch, string name)
        {
            string png = Path.Combine(scratch, name + ".png");
            var render = DeidTestSupport.Run("/usr/bin/dcmj2pnm", "--write-png", "--min-max-window", "--scale-x-factor", "2", "--scale-y-factor", "2", dicom, png);
            Assert.True(render.ExitCode == 0, "dcmj2pnm: " + render.StdErr);
            var ocr = DeidTestSupport.Run("/usr/bin/tesseract", png, "stdout", "--psm", "6");
            Assert.True(ocr.ExitCode == 0, "tesseract: " + ocr.StdErr);
            return ocr.StdOut.Replace(" ", "").Replace("\n", "|");
        }

        [Fact]
        public void Protect_CompressedPixels_MaskRuleIsWithheldForWantOfACodec_DropRuleDrops()
        {
            RequiredPeers.Programs("/usr/bin/dcmcjpeg");
            var scratch = DeidTestSupport.NewScratch("pixel-compressed");
            string raw = Write(new PixelCanaryImage(), Path.Combine(scratch, "raw"));
            string input = Path.Combine(scratch, "in", "jpeg.dcm");
            Directory.CreateDirectory(Path.GetDirectoryName(input));
            var enc = DeidTestSupport.Run("/usr/bin/dcmcjpeg", "--encode-lossless-sv1", raw, input);
            Assert.True(enc.ExitCode == 0, enc.StdErr);
            using var keys = DeidTestSupport.Keys();

            var (masked, _) = Protect(Path.Combine(scratch, "a"), input, Profile(MaskRule()), keys);
            Assert.Equal(ProtectionStatus.Failed, masked.Status);
            Assert.Equal(PixelProtection.NotMaskableReasonId, masked.Failure.Reason);
            Assert.Contains("no image codecs", masked.Message);
            Assert.Contains("synthetic-banner", masked.Message);

            var drop = "    - name: drop-captures\n      when: { sopClass: \"1.2.840.10008.5.1.4.1.1.7\" }\n      action: drop\n";
            var (dropped, _) = Protect(Path.Combine(scratch, "b"), input, Profile(drop), keys);
            Assert.Equal(ProtectionStatus.DroppedByPixelRule, dropped.Status);
            Assert.Contains("drop-captures", dropped.Message);
            Assert.False(Directory.Exists(Path.Combine(scratch, "b", "out")) && Directory.EnumerateFiles(Path.Combine(scratch, "b", "out"), "*", SearchOption.AllDirectories).Any());
        }

        [Fact]
        public void Protect_KeepRule_ReleasesUnchanged_MaskRuleNamesItselfInTheRecord_AndUnprotectRestoresBurnedInAnnotation()
        {
            var scratch = DeidTestSupport.NewScratch("pixel-record");
            string input = Write(new PixelCanaryImage(), Path.Combine(scratch, "in"));
            using var keys = DeidTestSupport.Keys();

            var keep = "    - name: checked-by-hand\n      when: { manufacturer: \"SYNTHETIC*\", model: \"CAPTURE ?\" }\n      action: keep\n";
            var (kept, _) = Protect(Path.Combine(scratch, "k"), input, Profile(keep), keys);
            Assert.True(kept.Status == ProtectionStatus.Protected, kept.Message);
            Assert.False(kept.PixelsMasked);
            Assert.Equal(DicomFile.Open(input).Dataset.GetBytes(DicomTags.PixelData), DicomFile.Open(kept.DestinationPath).Dataset.GetBytes(DicomTags.PixelData));

            var (r, _) = Protect(scratch, input, Profile(MaskRule()), keys);
            Assert.True(r.Status == ProtectionStatus.Protected, r.Message);
            using (var vault = ReidentificationVault.OpenReadOnly(Path.Combine(scratch, "site", "vault.hpv"), keys.VaultKey))
            {
                var record = InstanceChangeRecord.Deserialize(r.SopInstanceUid, vault.Read(r.SopInstanceUid));
                Assert.Equal("synthetic-banner", record.PixelRule);
            }
            string restored = Path.Combine(scratch, "restored");
            using (var u = new DicomUnprotector(new UnprotectorOptions { VaultPath = Path.Combine(scratch, "site"), VaultKey = keys.VaultKey, Destination = restored }))
            {
                var result = Assert.Single(u.Unprotect(new[] { r.DestinationPath }));
                Assert.True(result.Status == UnprotectionStatus.Restored, result.Message);
            }
            var back = DicomFile.Open(Directory.EnumerateFiles(restored, "*.dcm", SearchOption.AllDirectories).Single()).Dataset;
            Assert.Equal("YES", back.GetString(DicomTags.BurnedInAnnotation));
            Assert.Equal(CanaryStudy.PatientId, back.GetString(DicomTags.PatientID));
        }

        [Fact]
        public void Protect_EncapsulatedPdfNamingThePatient_IsWithheld_AMaskRuleCannotReleaseIt_ADropRuleDrops()
        {
            var scratch = DeidTestSupport.NewScratch("pixel-pdf");
            string input = Path.Combine(scratch, "in", "summary.dcm");
            Directory.CreateDirectory(Path.GetDirectoryName(input));
            CanaryDocument.Build().Save(input);
            Assert.Contains(CanaryStudy.PatientId, System.Text.Encoding.ASCII.GetString(DicomFile.Open(input).Dataset.GetBytes(DicomTags.EncapsulatedDocument)));
            using var keys = DeidTestSupport.Keys();

            var (withheld, _) = Protect(Path.Combine(scratch, "a"), input, DeidentificationProfile.Default, keys);
            Assert.Equal(PixelProtection.WithheldReasonId, withheld.Failure?.Reason);
            Assert.Contains("encapsulated document", withheld.Message);

            var (masked, _) = Protect(Path.Combine(scratch, "b"), input, Profile(MaskRule(when: "{ modality: DOC }")), keys);
            Assert.Equal(PixelProtection.NotMaskableReasonId, masked.Failure?.Reason);
            Assert.Contains("can only be dropped", masked.Message);

            var (dropped, _) = Protect(Path.Combine(scratch, "c"), input, Profile("    - name: no-documents\n      when: { sopClass: \"1.2.840.10008.5.1.4.1.1.104.*\" }\n      action: drop\n"), keys);
            Assert.Equal(ProtectionStatus.DroppedByPixelRule, dropped.Status);
            foreach (var r in new[] { withheld, masked, dropped })
                Assert.DoesNotContain(CanaryStudy.PatientId, r.Message);
        }

        [Fact]
        public void PixelRules_ParseErrorsNameTheLineAndTheFix()
        {
            var e = Assert.Throws<ProfileFormatException>(() => Profile("    - name: a\n      when: { modality: US }\n"));
            Assert.Contains("needs mask rectangles or an action", e.Message);
            e = Assert.Throws<ProfileFormatException>(() => Profile("    - name: a\n      when: { colour: red }\n      action: drop\n"));
            Assert.Contains("unknown condition field 'colour'", e.Message);
            e = Assert.Throws<ProfileFormatException>(() => Profile("    - name: a\n      when: { modality: US }\n      mask: [[0, 0, 10]]\n"));
            Assert.Contains("[x, y, width, height]", e.Message);
            Assert.Contains("pixel-test.yaml:7:", e.Message);
            e = Assert.Throws<ProfileFormatException>(() => Profile("    - name: a\n      when: { modality: US }\n      action: drop\n      mask: [[0, 0, 10, 10]]\n"));
            Assert.Contains("only action mask takes rectangles", e.Message);
            var ok = Profile(MaskRule() + "    - name: b\n      when: { imageType: \"DERIVED\\\\SECONDARY*\" }\n      action: drop\n");
            Assert.Equal(new[] { "synthetic-banner", "b" }, ok.Pixels.Rules.Select(x => x.Name));
            Assert.Empty(DeidentificationProfile.Default.Pixels.Rules);
        }
    }
}
