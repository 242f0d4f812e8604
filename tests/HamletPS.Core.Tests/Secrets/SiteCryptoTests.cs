using System;
using System.Collections.Generic;
using System.IO;
using HamletPS.Core.Configuration;
using HamletPS.Core.Deidentification;
using HamletPS.Core.Identity;
using HamletPS.Core.Secrets;
using HamletPS.Core.Security;
using HamletPS.Core;
using Xunit;

namespace HamletPS.Core.Tests.Secrets
{
    public class SiteCryptoTests
    {
        [Fact]
        public void FromConfig_WiresLookupPseudonymsUidsDatesAndVaultFromOneKey()
        {
            using var tmp = new TempFolder();
            tmp.Write("mapping.csv", "MRN,Study_ID\n1234567,180_1001\n");
            tmp.Write("config.yaml", "APP:\n  SITE: s\nCIPHER:\n  FOLDERKEY: SiteKey1234567890\nHAMLET:\n  DATEOFFSETMIN: -50\n  DATEOFFSETMAX: -40\n");
            var config = HamletConfigLoader.Load(tmp.File("config.yaml"));
            Func<string, string> noEnv = _ => null;
            using var a = SiteCrypto.FromConfig(config, environment: noEnv);
            using var b = SiteCrypto.FromConfig(config, environment: noEnv);
            RemappingSettings remapping = RemappingSettings.Resolve(null, config.Hamlet);
            ProtectorOptions optionsA = ProtectorOptions.FromSiteKeys(a.Keys, a.Identity, null, remapping);
            ProtectorOptions optionsB = ProtectorOptions.FromSiteKeys(b.Keys, b.Identity, null, remapping);

            Assert.Equal("180_1001", a.Identity.Resolve("1234567").NewId);
            var pseudonym = a.Identity.Resolve("7654321");
            Assert.Equal(IdentitySource.Pseudonymised, pseudonym.Source);
            Assert.Equal(pseudonym.NewId, b.Identity.Resolve("7654321").NewId);
            Assert.Equal("7654321", b.Identity.Reveal(pseudonym.NewId).OriginalId);
            Assert.Equal(optionsA.Uids.Remap("1.2.3"), optionsB.Uids.Remap("1.2.3"));
            Assert.Equal("1.2.840.10008.5.1.4.1.1.2", optionsA.Uids.Remap("1.2.840.10008.5.1.4.1.1.2"));
            Assert.InRange(optionsA.Dates.OffsetDaysFor("7654321"), -50, -40);
            Assert.Contains("CIPHER.FOLDERKEY", a.KeySource);

            using (var vault = ReidentificationVault.Create(tmp.File("v.hpv"), a.VaultKey)) vault.Add("2.25.1", new byte[] { 1 });
            using (var vault = ReidentificationVault.Open(tmp.File("v.hpv"), b.VaultKey)) Assert.Equal(new byte[] { 1 }, vault.Read("2.25.1"));

            using var other = SiteCrypto.FromConfig(config, explicitKey: "another site secret".ToCharArray(), environment: noEnv);
            Assert.Equal("parameter", other.KeySource);
            Assert.NotEqual(optionsA.Uids.Remap("1.2.3"), ProtectorOptions.FromSiteKeys(other.Keys, other.Identity, null, remapping).Uids.Remap("1.2.3"));
            Assert.Throws<VaultKeyMismatchException>(() => ReidentificationVault.Open(tmp.File("v.hpv"), other.VaultKey));
        }

        [Fact]
        public void FromConfig_VigenereUsesTheFolderKeyAndRejectsABadMappingFile()
        {
            using var tmp = new TempFolder();
            tmp.Write("config.yaml", "APP:\n  SITE: s\nHAMLET:\n  PSEUDONYM: VIGENERE\n");
            var config = HamletConfigLoader.Load(tmp.File("config.yaml"));
            var env = new Dictionary<string, string> { ["HAMLET_FOLDERKEY"] = "abc1234XYZ" };
            using (var crypto = SiteCrypto.FromConfig(config, environment: n => env.TryGetValue(n, out var v) ? v : null))
                Assert.Equal("klm123", crypto.Identity.Resolve("aaa000").NewId);
            tmp.Write("mapping.csv", "MRN,Study_ID\n1,A\n1,B\n");
            Assert.Throws<MappingFileException>(() => SiteCrypto.FromConfig(config, environment: n => env.TryGetValue(n, out var v) ? v : null));
            File.Delete(tmp.File("mapping.csv"));
            Assert.Equal(ErrorIds.SiteKeyRequired, Assert.Throws<HamletException>(() => SiteCrypto.FromConfig(config, environment: _ => null)).ErrorId);
        }
    }
}
