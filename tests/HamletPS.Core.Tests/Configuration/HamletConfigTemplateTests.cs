using System.IO;
using System.Linq;
using HamletPS.Core;
using HamletPS.Core.Configuration;
using HamletPS.Core.Identity;
using Xunit;
using HamletPS.Core.Secrets;

namespace HamletPS.Core.Tests.Configuration
{
    public class HamletConfigTemplateTests
    {
        [Fact]
        public void Template_LoadsBackAndValidatesWithoutErrors()
        {
            using var tmp = new TempFolder();
            var path = HamletConfigTemplate.Write(tmp.File("site/config.yaml"), new ConfigTemplateOptions { Site = "cambridge", User = "rj", DataFolder = "data" });
            var config = HamletConfigLoader.Load(path);
            Assert.Equal("cambridge", config.App.Site);
            Assert.Equal(Path.Combine(tmp.Path, "site", "data", "incoming"), config.DataPath.Incoming);
            Assert.True(Directory.Exists(config.DataPath.Outgoing));
            Assert.Equal(HamletSettings.DefaultArchiveName, config.Hamlet.ArchiveName);
            Assert.Equal(PseudonymMethod.Ff1, config.Hamlet.Pseudonym);
            var findings = HamletConfigValidator.Validate(config, new ConfigValidationOptions { Environment = _ => null });
            Assert.DoesNotContain(findings, f => f.Severity == ConfigSeverity.Error);
            var key = HamletSecrets.ResolveFolderKey(config, null, _ => null);
            Assert.Equal(32, key.Length);
            Assert.DoesNotContain(key.Reveal(), File.ReadAllText(path));
        }

        [Fact]
        public void Template_CarriesThePacsSection_Commented_AndUncommentedItTurnsThePullStepOn()
        {
            using var tmp = new TempFolder();
            var path = HamletConfigTemplate.Write(tmp.File("config.yaml"), new ConfigTemplateOptions { Site = "s", DataFolder = "data" });
            Assert.False(HamletConfigLoader.Load(path).Pacs.IsConfigured);

            string text = File.ReadAllText(path);
            Assert.Contains("# PACS:", text);
            string uncommented = string.Join("\n", text.Split('\n').Select(l =>
                l == "# PACS:" ? "PACS:" : l.StartsWith("#   ", System.StringComparison.Ordinal) ? l.Substring(2) : l));
            File.WriteAllText(path, uncommented);
            var pacs = HamletConfigLoader.Load(path).Pacs;
            Assert.True(pacs.IsConfigured);
            Assert.Equal("PACS", pacs.AeTitle);
            Assert.Equal("pacs.example.org", pacs.Host);
            Assert.Equal(PacsSettings.DefaultPort, pacs.Port);
            Assert.Equal("GET", pacs.Method);
            Assert.Equal(new[] { "CT", "RTSTRUCT", "RTPLAN", "RTDOSE" }, pacs.Modalities);
            Assert.Equal(PacsSettings.DefaultSinceDays, pacs.SinceDays);
        }

        [Fact]
        public void Template_RefusesToOverwriteWithoutForce()
        {
            using var tmp = new TempFolder();
            var path = tmp.Write("config.yaml", "APP:\n  SITE: old\n");
            var refused = Assert.Throws<HamletException>(() => HamletConfigTemplate.Write(path));
            Assert.Equal(ErrorIds.ConfigExists, refused.ErrorId);
            Assert.DoesNotContain("-Force", refused.Message);
            Assert.Equal("Replace it with --force.", HamletException.RenderSettings(refused.Remedy, s => "--" + s.ToLowerInvariant()));
            HamletConfigTemplate.Write(path, new ConfigTemplateOptions { Force = true, Site = "new" });
            Assert.Equal("new", HamletConfigLoader.Load(path).App.Site);
            Assert.Empty(Directory.GetFiles(tmp.Path, "*.partial"));
        }

        [Fact]
        public void NewKey_IsRandomAlphanumeric()
        {
            var a = HamletConfigTemplate.NewKey();
            Assert.Equal(32, a.Length);
            Assert.True(a.All(char.IsLetterOrDigit));
            Assert.NotEqual(a, HamletConfigTemplate.NewKey());
        }
    }
}
