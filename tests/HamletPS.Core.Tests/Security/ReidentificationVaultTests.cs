using System;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using HamletPS.Core.Security;
using HamletPS.TestSupport;
using Xunit;

namespace HamletPS.Core.Tests.Security
{
    public class ReidentificationVaultTests
    {
        private static byte[] NewKey() => RandomNumberGenerator.GetBytes(32);

        [Fact]
        public void Vault_StoresReadsAndEnumeratesRecordsAcrossReopen()
        {
            using var tmp = new TempFolder();
            var key = NewKey();
            var path = tmp.File("site/vault.hpv");
            using (var vault = ReidentificationVault.Create(path, key))
            {
                vault.Add("2.25.1", Encoding.UTF8.GetBytes("payload one"));
                vault.Add("2.25.2", new byte[0]);
                vault.Add("2.25.3", RandomNumberGenerator.GetBytes(100000));
                Assert.Equal(3, vault.Count);
            }
            using (var vault = ReidentificationVault.Open(path, key))
            {
                Assert.Equal(3, vault.Count);
                Assert.Equal("payload one", Encoding.UTF8.GetString(vault.Read("2.25.1")));
                Assert.Empty(vault.Read("2.25.2"));
                Assert.False(vault.TryRead("2.25.9", out _));
                vault.Add("2.25.1", Encoding.UTF8.GetBytes("replaced"));
                Assert.Equal(new[] { "2.25.1", "2.25.2", "2.25.3" }, vault.Enumerate().Select(r => r.Id).ToArray());
                Assert.Equal("replaced", Encoding.UTF8.GetString(vault.Enumerate().First().Payload));
            }
        }

        [Fact]
        public void Vault_AppendedRecordsAreReadableAtOnceAndSurviveFlushAndClose()
        {
            using var tmp = new TempFolder();
            var key = NewKey();
            var path = tmp.File("site/vault.hpv");
            using (var vault = ReidentificationVault.Create(path, key))
            {
                vault.Append("2.25.1", Encoding.UTF8.GetBytes("one"));
                Assert.Equal("one", Encoding.UTF8.GetString(vault.Read("2.25.1")));
                vault.Flush();
                vault.Append("2.25.2", Encoding.UTF8.GetBytes("two")); // not flushed: Dispose makes it durable
            }
            using (var vault = ReidentificationVault.Open(path, key))
            {
                Assert.Equal(new[] { "2.25.1", "2.25.2" }, vault.RecordIds.ToArray());
                Assert.Equal("two", Encoding.UTF8.GetString(vault.Read("2.25.2")));
                vault.Flush(); // nothing appended: no-op
            }
        }

        [Fact]
        public void Vault_PayloadIsNotStoredInClear()
        {
            using var tmp = new TempFolder();
            var path = tmp.File("vault.hpv");
            using (var vault = ReidentificationVault.Create(path, NewKey()))
                vault.Add("2.25.7", Encoding.ASCII.GetBytes("CANARY-PATIENT-NAME^JOHN"));
            var bytes = File.ReadAllBytes(path);
            Assert.DoesNotContain("CANARY", Encoding.ASCII.GetString(bytes));
        }

        [Fact]
        public void Vault_WrongKeyFailsClearlyAndWritesNothing()
        {
            using var tmp = new TempFolder();
            var path = tmp.File("vault.hpv");
            using (var vault = ReidentificationVault.Create(path, NewKey())) vault.Add("2.25.1", new byte[] { 1, 2, 3 });
            var before = File.ReadAllBytes(path);
            var stamp = File.GetLastWriteTimeUtc(path);
            var ex = Assert.Throws<VaultKeyMismatchException>(() => ReidentificationVault.Open(path, NewKey()));
            Assert.Contains("the key does not open this record", ex.Message, StringComparison.OrdinalIgnoreCase);
            Assert.Equal(before, File.ReadAllBytes(path));
            Assert.Equal(stamp, File.GetLastWriteTimeUtc(path));
            Assert.Throws<VaultKeyMismatchException>(() => ReidentificationVault.OpenOrCreate(path, NewKey()));
        }

        [Fact]
        public void Vault_TamperedRecordFailsAuthentication()
        {
            using var tmp = new TempFolder();
            var key = NewKey();
            var path = tmp.File("vault.hpv");
            using (var vault = ReidentificationVault.Create(path, key)) vault.Add("2.25.1", new byte[64]);
            var bytes = File.ReadAllBytes(path);
            bytes[bytes.Length - 30] ^= 0x40;
            File.WriteAllBytes(path, bytes);
            using var reopened = ReidentificationVault.Open(path, key);
            Assert.Throws<AuthenticationFailedException>(() => reopened.Read("2.25.1"));
        }

        [Fact]
        public void Vault_IgnoresTornTailAndAppendsOverIt()
        {
            using var tmp = new TempFolder();
            var key = NewKey();
            var path = tmp.File("vault.hpv");
            using (var vault = ReidentificationVault.Create(path, key))
            {
                vault.Add("2.25.1", new byte[] { 1 });
                vault.Add("2.25.2", new byte[] { 2, 2 });
            }
            var full = File.ReadAllBytes(path);
            File.WriteAllBytes(path, full.Take(full.Length - 5).ToArray()); // crash in the middle of the last record
            using (var vault = ReidentificationVault.Open(path, key))
            {
                Assert.Equal(1, vault.Count);
                vault.Add("2.25.3", new byte[] { 3, 3, 3 });
            }
            using (var vault = ReidentificationVault.Open(path, key))
            {
                Assert.Equal(new[] { "2.25.1", "2.25.3" }, vault.RecordIds.ToArray());
                Assert.Equal(new byte[] { 3, 3, 3 }, vault.Read("2.25.3"));
            }
        }

        [Fact]
        public void Vault_RejectsForeignFilesAndExistingPaths()
        {
            using var tmp = new TempFolder();
            var path = tmp.Write("not-a-vault.hpv", new string('x', 100));
            var ex = Assert.Throws<VaultFormatException>(() => ReidentificationVault.Open(path, NewKey()));
            Assert.Equal(0, ex.Offset);
            Assert.Throws<IOException>(() => ReidentificationVault.Create(path, NewKey()));
        }

        [Fact]
        public void Vault_WindowsDataProtectionIsRefusedOffWindows()
        {
            RequiredPeers.NotWindows("Refusing Windows data protection off Windows");
            using var tmp = new TempFolder();
            Assert.Throws<PlatformNotSupportedException>(() =>
                ReidentificationVault.Create(tmp.File("v.hpv"), NewKey(), new VaultOptions { UseWindowsDataProtection = true }));
            Assert.False(File.Exists(tmp.File("v.hpv")));
        }
    }
}
