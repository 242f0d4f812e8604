using System;
using System.Collections.Generic;
using System.IO;
using HamletPS.Core;
using HamletPS.Core.Configuration;
using HamletPS.Core.Secrets;
using HamletPS.Core.Security;
using Xunit;

namespace HamletPS.Core.Tests.Secrets
{
    public class HamletSecretsTests
    {
        private static HamletConfig Config(TempFolder tmp, string yaml)
        {
            var path = tmp.Write("config.yaml", yaml);
            return HamletConfigLoader.Load(path);
        }

        [Fact]
        public void FolderKey_ComesFromParameterThenEnvironmentThenKeyFileThenYaml()
        {
            using var tmp = new TempFolder();
            tmp.Write("k.txt", "\nFromKeyFile123\nignored\n");
            var config = Config(tmp, "CIPHER:\n  FOLDERKEY: FromYaml12345\n  FOLDERKEYFILE: k.txt\n");
            var env = new Dictionary<string, string>();
            Func<string, string> lookup = n => env.TryGetValue(n, out var v) ? v : null;

            Assert.Equal("FromParam", HamletSecrets.ResolveFolderKey(config, "FromParam".ToCharArray(), lookup).Reveal());
            env["HAMLET_FOLDERKEY"] = "FromEnv";
            var fromEnv = HamletSecrets.ResolveFolderKey(config, null, lookup);
            Assert.Equal("FromEnv", fromEnv.Reveal());
            Assert.Equal("environment variable HAMLET_FOLDERKEY", fromEnv.Source);
            Assert.DoesNotContain("FromEnv", fromEnv.ToString());
            env.Clear();
            Assert.Equal("FromKeyFile123", HamletSecrets.ResolveFolderKey(config, null, lookup).Reveal());
            var yamlOnly = Config(tmp, "CIPHER:\n  FOLDERKEY: FromYaml12345\n");
            var fromYaml = HamletSecrets.ResolveFolderKey(yamlOnly, null, lookup);
            Assert.Equal("FromYaml12345", fromYaml.Reveal());
            Assert.Equal("CIPHER.FOLDERKEY", fromYaml.ConfigKey);
            Assert.Null(HamletSecrets.ResolveFolderKey(Config(tmp, "APP:\n  SITE: s\n"), null, lookup));
        }

        [Fact]
        public void SiteSecret_PrefersSiteKeyAndFallsBackToFolderKey()
        {
            using var tmp = new TempFolder();
            var env = new Dictionary<string, string>();
            Func<string, string> lookup = n => env.TryGetValue(n, out var v) ? v : null;
            var config = Config(tmp, "CIPHER:\n  FOLDERKEY: FolderKey1234\n");
            using (var s = HamletSecrets.ResolveSiteSecret(config, null, lookup)) Assert.Contains("CIPHER.FOLDERKEY", s.Source);
            env["HAMLET_SITE_KEY"] = "hex:" + new string('a', 64);
            using (var s = HamletSecrets.ResolveSiteSecret(config, null, lookup)) Assert.Equal("environment variable HAMLET_SITE_KEY", s.Source);
            env.Clear();
            var ex = Assert.Throws<HamletException>(() => HamletSecrets.ResolveSiteSecret(Config(tmp, "APP:\n  SITE: s\n"), null, lookup));
            Assert.Equal(ErrorIds.SiteKeyRequired, ex.ErrorId);
            Assert.Contains("HAMLET_SITE_KEY", ex.Message);
        }

        [Fact]
        public void StorageKey_ComesFromEnvironmentKeyFileOrAzureSection()
        {
            using var tmp = new TempFolder();
            var env = new Dictionary<string, string>();
            Func<string, string> lookup = n => env.TryGetValue(n, out var v) ? v : null;
            Assert.Equal("inline", HamletSecrets.ResolveStorageKey(Config(tmp, "AZURE:\n  KEY: inline\n"), null, lookup).Reveal());
            tmp.Write("storage.key", "fromfile\n");
            Assert.Equal("fromfile", HamletSecrets.ResolveStorageKey(Config(tmp, "AZURE:\n  KEY: inline\n  KEYFILE: storage.key\n"), null, lookup).Reveal());
            env["HAMLET_STORAGE_KEY"] = "fromenv";
            Assert.Equal("fromenv", HamletSecrets.ResolveStorageKey(Config(tmp, "AZURE:\n  KEY: inline\n"), null, lookup).Reveal());
            env["HAMLET_STORAGE_SAS"] = "sv=1";
            Assert.Equal("sv=1", HamletSecrets.ResolveStorageSas(Config(tmp, "AZURE:\n  SAS: other\n"), lookup).Reveal());
        }

        [Fact]
        public void Locator_UsesExplicitPathThenEnvironmentThenCurrentFolder()
        {
            using var tmp = new TempFolder();
            var env = new Dictionary<string, string>();
            Func<string, string> lookup = n => env.TryGetValue(n, out var v) ? v : null;
            Assert.Equal(ErrorIds.ConfigNotFound, Assert.Throws<HamletException>(() => HamletConfigLocator.Resolve(null, tmp.Path, lookup)).ErrorId);
            var upper = tmp.Write("Config.yaml", "APP:\n  SITE: s\n");
            Assert.Equal(upper, HamletConfigLocator.Resolve(null, tmp.Path, lookup));
            var lower = tmp.Write("config.yaml", "APP:\n  SITE: s\n");
            Assert.Equal(lower, HamletConfigLocator.Resolve(null, tmp.Path, lookup));
            var elsewhere = tmp.Write("sub/site.yaml", "APP:\n  SITE: s\n");
            env["HAMLET_CONFIG"] = elsewhere;
            Assert.Equal(elsewhere, HamletConfigLocator.Resolve(null, tmp.Path, lookup));
            Assert.Equal(lower, HamletConfigLocator.Resolve("config.yaml", tmp.Path, lookup));
            var ex = Assert.Throws<HamletException>(() => HamletConfigLocator.Resolve("missing.yaml", tmp.Path, lookup));
            Assert.Equal(ErrorIds.ConfigNotFound, ex.ErrorId);
            Assert.Contains("missing.yaml", ex.Message);
            Assert.Contains("{ConfigPath}", ex.Remedy);
        }
    }
}
