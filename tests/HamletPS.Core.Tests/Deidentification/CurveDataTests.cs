using System.IO;
using System.Linq;
using System.Text.Json;
using HamletPS.Core.Deidentification;
using HamletPS.TestSupport;
using Xunit;

namespace HamletPS.Core.Tests.Deidentification
{
    /// <summary>
    /// Curve data (the retired repeating groups 50xx, still sent by old US and XA devices) carries free text: labels, descriptions,
    /// axis labels, and point data that can hold anything. Protect removes every 50xx element whatever the profile's options
    /// (Clean Graphics included) and overrides. The instance is made by pydicom and checked by pydicom.
    /// </summary>
    public class CurveDataTests
    {
        [Theory]
        [InlineData("hamlet-rt", null)]
        [InlineData("clean graphics", "name: graphics\noptions: [CleanGraphics, CleanDescriptors]\n")]
        [InlineData("override asking to keep", "name: keep-curves\noptions: [CleanGraphics]\noverrides:\n  - { tag: \"(50xx,xxxx)\", action: keep }\n  - { tag: \"(5000,2500)\", action: keep }\n")]
        public void Protect_RemovesEveryCurveGroupElement_NoCanaryLeftInTheFile(string kind, string profileYaml)
        {
            RequiredPeers.Condition(Pydicom.DataFolder != null, "pydicom is not installed (Debian python3-pydicom)");
            var scratch = DeidTestSupport.NewScratch("curves");
            string input = Path.Combine(scratch, "in", "curve.dcm");
            Directory.CreateDirectory(Path.GetDirectoryName(input));
            var make = DeidTestSupport.Run(DeidTestSupport.Python, DeidTestSupport.Oracle("curve_canary.py"), "make", input);
            Assert.True(make.ExitCode == 0, make.StdErr);
            var before = Check(input);
            Assert.Equal(18, before.GetProperty("curveElements").GetArrayLength());
            Assert.Equal(3, before.GetProperty("canaries").GetArrayLength());

            var profile = profileYaml == null ? DeidentificationProfile.Default : DeidentificationProfile.Parse(profileYaml, "curves.yaml");
            using var keys = DeidTestSupport.Keys();
            ProtectionResult r;
            using (var p = new DicomProtector(DeidTestSupport.Options(keys, Path.Combine(scratch, "out"), Path.Combine(scratch, "site", "vault.hpv"), profile: profile)))
                r = Assert.Single(p.Protect(new[] { input }));
            Assert.True(r.Status == ProtectionStatus.Protected, kind + ": " + r.Message);

            var after = Check(r.DestinationPath);
            Assert.True(after.GetProperty("curveElements").GetArrayLength() == 0, kind + ": curve elements left: " + after.GetProperty("curveElements"));
            Assert.True(after.GetProperty("canaries").GetArrayLength() == 0, kind + ": canaries left: " + after.GetProperty("canaries"));
        }

        [Fact]
        public void CurveGroups_AreTheEvenGroups5000To501E_OddGroupsArePrivate()
        {
            Assert.True(ProfileRules.IsCurve(new HamletPS.Dicom.Data.DicomTag(0x5000, 0x3000)));
            Assert.True(ProfileRules.IsCurve(new HamletPS.Dicom.Data.DicomTag(0x501E, 0x0022)));
            Assert.False(ProfileRules.IsCurve(new HamletPS.Dicom.Data.DicomTag(0x5020, 0x0022)));
            Assert.False(ProfileRules.IsCurve(new HamletPS.Dicom.Data.DicomTag(0x5001, 0x0010)));
            Assert.False(ProfileRules.IsCurve(new HamletPS.Dicom.Data.DicomTag(0x6000, 0x3000)));
            Assert.False(ProfileRules.IsCurve(new HamletPS.Dicom.Data.DicomTag(0x5400, 0x0100)));
        }

        private static JsonElement Check(string path)
        {
            var run = DeidTestSupport.Run(DeidTestSupport.Python, DeidTestSupport.Oracle("curve_canary.py"), "check", path);
            Assert.True(run.ExitCode == 0, run.StdErr);
            return JsonDocument.Parse(run.StdOut).RootElement.Clone();
        }
    }
}
