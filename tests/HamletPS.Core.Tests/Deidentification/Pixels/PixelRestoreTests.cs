using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using HamletPS.Core.Deidentification;
using HamletPS.Core.Deidentification.Pixels;
using HamletPS.Core.Security;
using HamletPS.Dicom.Data;
using HamletPS.Dicom.Dictionary;
using HamletPS.Synthetic;
using HamletPS.TestSupport;
using Xunit;

namespace HamletPS.Core.Tests.Deidentification.Pixels
{
    /// <summary>
    /// The masked pixels come back with Unprotect: protect keeps the original bytes of the masked regions in the re-identification
    /// record (sealed in the vault, never in the released file); Unprotect writes them back. pydicom checks the mask and the
    /// restored bytes; tesseract reads the canary in the restored image again.
    /// </summary>
    public class PixelRestoreTests
    {
        private const string Rule = "    - name: synthetic-banner\n      when: { modality: [OT, US], manufacturer: \"SYNTHETIC*\" }\n      mask: [[0, 0, 256, 52], [200, 100, 80, 10]]\n";

        private static DeidentificationProfile Profile() => DeidentificationProfile.Parse(
            "name: pixel-test\noptions: [RetainLongitudinalModifiedDates, RetainDeviceIdentity]\npixels:\n  rules:\n" + Rule, "pixel-test.yaml");

        public static IEnumerable<object[]> Images()
        {
            yield return new object[] { "secondary capture", new PixelCanaryImage { Rows = 160, Columns = 256 } };
            yield return new object[] { "ultrasound cine", PixelCanaryImage.Ultrasound(4) };
            yield return new object[] { "RGB planar 16-bit overlay", new PixelCanaryImage { Rows = 160, SamplesPerPixel = 3, PlanarConfiguration = 1, BitsAllocated = 16, Overlay = true, Frames = 2 } };
            yield return new object[] { "large cine read from its file", new PixelCanaryImage { Rows = 256, Columns = 256, Frames = 12, SopClassUid = DicomUids.UltrasoundMultiFrameImageStorage, Modality = "US" } };
        }

        [Theory]
        [MemberData(nameof(Images))]
        public void Unprotect_AfterAMaskRule_RestoresThePixelDataByteForByte_AndTesseractReadsTheCanaryAgain(string kind, PixelCanaryImage image)
        {
            RequiredPeers.Programs("/usr/bin/tesseract", "/usr/bin/dcmj2pnm");
            var scratch = DeidTestSupport.NewScratch("pixel-restore");
            Directory.CreateDirectory(Path.Combine(scratch, "in"));
            string input = Path.Combine(scratch, "in", "image.dcm");
            image.Build().Save(input);
            using var keys = DeidTestSupport.Keys();
            string vault = Path.Combine(scratch, "site", "vault.hpv");
            ProtectionResult r;
            using (var p = new DicomProtector(DeidTestSupport.Options(keys, Path.Combine(scratch, "out"), vault, profile: Profile())))
                r = Assert.Single(p.Protect(new[] { input }));
            Assert.True(r.Status == ProtectionStatus.Protected, kind + ": " + r.Message);
            Assert.True(r.PixelsMasked);

            // Masked: only the rule's rectangles changed (pydicom), and nothing of the record is in the released file.
            var mask = DeidTestSupport.Run(DeidTestSupport.Python, DeidTestSupport.Oracle("pixel_mask_check.py"), input, r.DestinationPath, "0,0,256,52;200,100,80,10");
            Assert.True(mask.ExitCode == 0, mask.StdErr);
            using (var m = JsonDocument.Parse(mask.StdOut))
            {
                Assert.Equal(0, m.RootElement.GetProperty("changedOutside").GetInt32());
                Assert.Equal(0, m.RootElement.GetProperty("nonzeroInside").GetInt32());
                Assert.Equal(0, m.RootElement.GetProperty("overlayInside").GetInt32());
            }
            Assert.DoesNotContain("HAMLETPS REIDENTIFICATION", Encoding.ASCII.GetString(File.ReadAllBytes(r.DestinationPath)));
            Assert.True(new FileInfo(r.DestinationPath).Length < new FileInfo(input).Length + 4096, "the released file grew: " + kind);
            using (var v = ReidentificationVault.OpenReadOnly(vault, keys.VaultKey))
            {
                var record = InstanceChangeRecord.Deserialize(r.SopInstanceUid, v.Read(r.SopInstanceUid));
                Assert.NotNull(record.PixelOriginals?.Deflated);
                Assert.True(record.PixelOriginals.Deflated.Length <= PixelOriginals.MaxStoredBytes);
            }

            string restored = Path.Combine(scratch, "restored");
            UnprotectionResult u;
            using (var un = new DicomUnprotector(new UnprotectorOptions { VaultPath = Path.Combine(scratch, "site"), VaultKey = keys.VaultKey, Destination = restored }))
                u = Assert.Single(un.Unprotect(new[] { r.DestinationPath }));
            Assert.True(u.Status == UnprotectionStatus.Restored, u.Message);
            Assert.True(u.PixelsRestored, u.Message);
            Assert.Contains("synthetic-banner", u.Message);
            Assert.Contains(" restored", u.Message);

            var check = DeidTestSupport.Run(DeidTestSupport.Python, DeidTestSupport.Oracle("pixel_restore_check.py"), input, u.DestinationPath);
            Assert.True(check.ExitCode == 0, check.StdErr);
            using (var c = JsonDocument.Parse(check.StdOut))
            {
                var e = c.RootElement;
                Assert.Equal(e.GetProperty("pixelsOriginal").GetString(), e.GetProperty("pixelsRestored").GetString());
                Assert.Equal(e.GetProperty("overlayOriginal").ToString(), e.GetProperty("overlayRestored").ToString());
                if (e.GetProperty("arraysEqual").ValueKind != JsonValueKind.Null) Assert.True(e.GetProperty("arraysEqual").GetBoolean(), kind);
                Assert.Equal(image.BurnedInAnnotation ?? "", e.GetProperty("burnedIn").GetString());
            }
            string ocr = PixelProtectionTests.Ocr(u.DestinationPath, scratch, "restored");
            Assert.True(ocr.Contains(CanaryStudy.FamilyName, StringComparison.Ordinal), kind + ": OCR of the restored image read: " + ocr);
        }

        [Fact]
        public void Protect_MaskedRegionsOfNoiseBeyondTheRecordBound_AreMaskedAndReleased_UnprotectRestoresTheHeaderAndSaysThePixelsStayMasked()
        {
            var scratch = DeidTestSupport.NewScratch("pixel-bound");
            Directory.CreateDirectory(Path.Combine(scratch, "in"));
            string input = Path.Combine(scratch, "in", "noise.dcm");
            var file = new PixelCanaryImage { Rows = 2048, Columns = 2048, Frames = 5 }.Build();
            var noise = new byte[2048L * 2048 * 5];
            new Random(19).NextBytes(noise); // 20 MiB that does not deflate: over the 16 MiB bound
            file.Dataset.AddOrUpdate(new DicomElement(DicomTags.PixelData, DicomVR.OB, noise));
            file.Save(input);
            var profile = DeidentificationProfile.Parse("name: all\npixels:\n  rules:\n    - name: everything\n      when: { manufacturer: \"SYNTHETIC*\" }\n      mask: [[0, 0, 2048, 2048]]\n", "all.yaml");
            using var keys = DeidTestSupport.Keys();
            ProtectionResult r;
            using (var p = new DicomProtector(DeidTestSupport.Options(keys, Path.Combine(scratch, "out"), Path.Combine(scratch, "site", "vault.hpv"), profile: profile)))
                r = Assert.Single(p.Protect(new[] { input }));
            Assert.True(r.Status == ProtectionStatus.Protected, r.Message);
            Assert.All(DicomFile.Open(r.DestinationPath).Dataset.GetBytes(DicomTags.PixelData), b => Assert.Equal(0, b));
            Assert.True(new FileInfo(Directory.GetFiles(Path.Combine(scratch, "site")).Single()).Length < 1 << 20, "the record kept the noise");

            UnprotectionResult u;
            using (var un = new DicomUnprotector(new UnprotectorOptions { VaultPath = Path.Combine(scratch, "site"), VaultKey = keys.VaultKey, Destination = Path.Combine(scratch, "restored") }))
                u = Assert.Single(un.Unprotect(new[] { r.DestinationPath }));
            Assert.True(u.Status == UnprotectionStatus.Restored, u.Message);
            Assert.False(u.PixelsRestored);
            Assert.Contains("stay masked", u.Message);
            Assert.Contains("bound", u.Message);
            var back = DicomFile.Open(u.DestinationPath).Dataset;
            Assert.Equal("YES", back.GetString(DicomTags.BurnedInAnnotation));
            Assert.Equal(CanaryStudy.PatientId, back.GetString(DicomTags.PatientID));
        }

        private static List<KeyValuePair<long, long>> Ranges(params long[] bounds)
        {
            var list = new List<KeyValuePair<long, long>>();
            for (int i = 0; i < bounds.Length; i += 2) list.Add(new KeyValuePair<long, long>(bounds[i], bounds[i + 1]));
            return list;
        }

        [Fact]
        public void PixelOriginals_KeptThroughTheRecordText_ReadBackInAnyOrder()
        {
            var ranges = Ranges(2, 6, 10, 12); // 6 bytes a frame
            var o = PixelOriginals.StartCapture(3, 16, ranges);
            var value = new byte[48];
            for (int i = 0; i < value.Length; i++) value[i] = (byte)(i + 1);
            var masked = (byte[])value.Clone();
            var t = new PixelMaskTransform(100, 16, 3, ranges, o);
            t.Apply(100, masked, 0, 20);
            t.Apply(110, masked, 10, 10); // read again: kept once
            t.Apply(120, masked, 20, 28);
            o.Finish();
            Assert.Null(o.NotKeptReason);
            Assert.Equal(18, o.TotalBytes);

            var back = PixelOriginals.Parse(o.Layout(), o.Deflated.Concat(new byte[] { 0 }).ToArray()); // with the element's pad byte
            Assert.True(back.InflatesWhole());
            var restored = (byte[])masked.Clone();
            var rt = new PixelRestoreTransform(0, back, back.Ranges);
            rt.Apply(32, restored, 32, 16); // the last frame first: the reader starts again for the earlier ones
            rt.Apply(0, restored, 0, 32);
            Assert.Equal(value, restored);
        }

        [Fact]
        public void PixelOriginals_BeyondTheRecordBound_AreNotKept_AndTheRecordSaysWhy()
        {
            long frameBytes = 1 << 20;
            var o = PixelOriginals.StartCapture(20, frameBytes, Ranges(0, frameBytes));
            var noise = new byte[frameBytes];
            var random = new Random(19);
            var t = new PixelMaskTransform(0, frameBytes, 20, Ranges(0, frameBytes), o);
            for (int f = 0; f < 20; f++)
            {
                random.NextBytes(noise); // noise does not deflate: 20 MiB > the 16 MiB bound
                t.Apply(f * frameBytes, noise, 0, noise.Length);
                Assert.All(noise, b => Assert.Equal(0, b)); // masked all the same
            }
            o.Finish();
            Assert.Null(o.Deflated);
            Assert.Contains("bound", o.NotKeptReason);
            var back = PixelOriginals.Parse(o.Layout(), null);
            Assert.Null(back.Deflated);
            Assert.Contains("bound", back.NotKeptReason);

            var file = new DicomFile(new DicomDataset());
            string why = PixelMasker.Restore(file, back);
            Assert.Contains("did not keep the original pixels", why);
        }

        [Fact]
        public void PixelOriginals_AGapInTheCapture_DropsThem()
        {
            var ranges = Ranges(0, 8);
            var o = PixelOriginals.StartCapture(2, 8, ranges);
            var t = new PixelMaskTransform(0, 8, 2, ranges, o);
            t.Apply(8, new byte[8], 0, 8); // frame 1 before frame 0
            o.Finish();
            Assert.Null(o.Deflated);
            Assert.Contains("not read in order", o.NotKeptReason);
        }
    }
}
