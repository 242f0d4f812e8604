using System;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using HamletPS.Core.Secrets;
using HamletPS.Core.Security;
using Xunit;

namespace HamletPS.Core.Tests.Secrets
{
    public class SiteSecretTests
    {
        private static byte[] DerivedUidKey(SiteSecret secret)
        {
            using var keys = SiteKeys.Derive(secret);
            return (byte[])keys.UidKey.Clone();
        }

        [Fact]
        public void FromChars_ZeroesTheCallersArrayWhenAsked()
        {
            var chars = "correct horse battery".ToCharArray();
            using var secret = SiteSecret.FromChars(chars, clearInput: true);
            Assert.All(chars, c => Assert.Equal('\0', c));
            using var same = SiteSecret.FromKeyText("correct horse battery");
            Assert.Equal(DerivedUidKey(same), DerivedUidKey(secret));
        }

        [Fact]
        public void FromEnvironment_ReadsTheVariableAndNamesItAsSource()
        {
            var name = "HAMLET_TEST_SECRET_" + Guid.NewGuid().ToString("N");
            Environment.SetEnvironmentVariable(name, "a-long-enough-passphrase");
            try
            {
                using var secret = SiteSecret.FromEnvironment(name);
                Assert.Equal("environment variable " + name, secret.Source);
                using var same = SiteSecret.FromKeyText("a-long-enough-passphrase");
                Assert.Equal(DerivedUidKey(same), DerivedUidKey(secret));
            }
            finally { Environment.SetEnvironmentVariable(name, null); }
            Assert.Throws<InvalidOperationException>(() => SiteSecret.FromEnvironment(name));
        }

        [Fact]
        public void FromKeyFile_AcceptsFirstLineHexBase64AndRawBytes()
        {
            using var tmp = new TempFolder();
            var raw = RandomNumberGenerator.GetBytes(32);
            raw[0] = 0x01; // guarantees the file is not mistaken for text
            File.WriteAllBytes(tmp.File("raw.key"), raw);
            tmp.Write("hex.key", Convert.ToHexString(raw) + "\r\nsecond line ignored\r\n");
            tmp.Write("b64.key", "\n  base64:" + Convert.ToBase64String(raw) + "\n");
            using var fromRaw = SiteSecret.FromKeyFile(tmp.File("raw.key"));
            using var fromHex = SiteSecret.FromKeyFile(tmp.File("hex.key"));
            using var fromB64 = SiteSecret.FromKeyFile(tmp.File("b64.key"));
            using var fromBytes = SiteSecret.FromBytes(raw);
            var expected = DerivedUidKey(fromBytes);
            Assert.Equal(expected, DerivedUidKey(fromRaw));
            Assert.Equal(expected, DerivedUidKey(fromHex));
            Assert.Equal(expected, DerivedUidKey(fromB64));
            Assert.Throws<FileNotFoundException>(() => SiteSecret.FromKeyFile(tmp.File("missing.key")));
        }

        [Fact]
        public void Secret_RefusesShortKeysAndNeverPrintsTheValue()
        {
            Assert.Throws<ArgumentException>(() => SiteSecret.FromKeyText("short"));
            using var secret = SiteSecret.FromKeyText("TopSecretValue42");
            Assert.DoesNotContain("TopSecretValue42", secret.ToString());
            Assert.Equal("key *** rejected, *** again", SiteSecret.Redact("key TopSecretValue42 rejected, TopSecretValue42 again", "TopSecretValue42"));
        }

        [Fact]
        public void SiteKeys_AreDistinctPerPurposeAndMatchDotNetHkdf()
        {
            var ikm = Encoding.UTF8.GetBytes("site passphrase for tests");
            using var secret = SiteSecret.FromBytes(ikm);
            using var keys = SiteKeys.Derive(secret);
            var all = new[] { keys.Ff1Key, keys.UidKey, keys.DateKey, keys.VaultKey };
            for (int i = 0; i < all.Length; i++)
            {
                Assert.Equal(32, all[i].Length);
                for (int j = i + 1; j < all.Length; j++) Assert.NotEqual(all[i], all[j]);
            }
            var expected = HKDF.DeriveKey(HashAlgorithmName.SHA256, ikm, 32, Encoding.ASCII.GetBytes("HamletPS site keys v1"), Encoding.ASCII.GetBytes("hamletps/uid-hmac"));
            Assert.Equal(expected, keys.UidKey);
        }
    }
}
