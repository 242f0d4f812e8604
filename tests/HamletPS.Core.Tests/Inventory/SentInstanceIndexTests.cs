using System;
using System.IO;
using HamletPS.Core;
using HamletPS.Core.Deidentification;
using HamletPS.Core.Identity;
using HamletPS.Core.Inventory;
using HamletPS.Core.Security;
using Xunit;

namespace HamletPS.Core.Tests.Inventory
{
    /// <summary>The index of what was sent: journal entries name protected UIDs; the re-identification record gives the originals.</summary>
    public class SentInstanceIndexTests
    {
        private static readonly byte[] Key = new byte[32];

        private static void Journal(string logs, params string[] protectedSops)
        {
            Directory.CreateDirectory(logs);
            var lines = new System.Text.StringBuilder();
            foreach (string sop in protectedSops)
                lines.Append("{\"time\":\"2026-01-02T03:04:05.000Z\",\"run\":\"r\",\"event\":\"protected\",\"sourceSha256\":\"aa\",\"studyId\":\"999_1001\",\"sopInstanceUid\":\"" + sop + "\"}\n");
            lines.Append("{\"time\":\"2026-01-02T03:05:00.000Z\",\"run\":\"r\",\"event\":\"run-complete\"}\n");
            File.WriteAllText(Path.Combine(logs, "run-20260102-030405-aaaaaaaa.jsonl"), lines.ToString());
        }

        private static void Record(ReidentificationVault vault, string protectedSop, params (string Original, string New)[] crosswalk)
        {
            var record = new InstanceChangeRecord(protectedSop, "999_1001", IdentitySource.Lookup);
            foreach (var (original, mapped) in crosswalk) record.UidCrosswalk[original] = mapped;
            vault.Add(protectedSop, record.Serialize());
        }

        [Fact]
        public void AJournalledInstance_IsFoundByItsOriginalUid_AndItsOriginalSeriesIsMentioned()
        {
            using var temp = new TempFolder("inventory-index");
            string logs = Path.Combine(temp.Path, "logs"), vaults = Path.Combine(temp.Path, "vault");
            Journal(logs, "2.25.100", "2.25.200");
            Directory.CreateDirectory(vaults);
            using (var vault = ReidentificationVault.Create(Path.Combine(vaults, "run.hpv"), Key))
                Record(vault, "2.25.100", ("1.2.3.series", "2.25.10"), ("1.2.3.sop1", "2.25.100"), ("1.2.3.study", "2.25.1"));
            // 2.25.200 was journalled, but its record is not in the vault

            SentInstanceIndex index = SentInstanceIndex.Load(logs, null, vaults, Key);

            Assert.Equal(2, index.RecordedSent);
            Assert.Equal(1, index.Matched);
            Assert.Equal(1, index.Unmatched);
            SentRecord found = index.Find("1.2.3.sop1");
            Assert.NotNull(found);
            Assert.Equal("999_1001", found.StudyId);
            Assert.Null(index.Find("2.25.100"));                                      // the protected UID is not what the PACS holds
            Assert.True(index.Mentions("1.2.3.series"));
            Assert.False(index.Mentions("1.2.3.other-series"));
        }

        [Fact]
        public void AnInstanceProtectedWithItsUidsRetained_IsFoundByTheSameUid_AndNoSeriesIsRuledOut()
        {
            using var temp = new TempFolder("inventory-index");
            string logs = Path.Combine(temp.Path, "logs"), vaults = Path.Combine(temp.Path, "vault");
            Journal(logs, "1.2.3.kept");
            Directory.CreateDirectory(vaults);
            using (var vault = ReidentificationVault.Create(Path.Combine(vaults, "run.hpv"), Key))
                Record(vault, "1.2.3.kept");

            SentInstanceIndex index = SentInstanceIndex.Load(logs, null, vaults, Key);

            Assert.NotNull(index.Find("1.2.3.kept"));
            Assert.True(index.Mentions("1.2.3.any-series"));
        }

        [Fact]
        public void AKeyThatDoesNotOpenTheRecords_StopsWithVaultKeyMismatch()
        {
            using var temp = new TempFolder("inventory-index");
            string logs = Path.Combine(temp.Path, "logs"), vaults = Path.Combine(temp.Path, "vault");
            Journal(logs, "2.25.100");
            Directory.CreateDirectory(vaults);
            using (var vault = ReidentificationVault.Create(Path.Combine(vaults, "run.hpv"), Key))
                Record(vault, "2.25.100", ("1.2.3.sop1", "2.25.100"));
            byte[] other = new byte[32];
            other[0] = 1;

            var e = Assert.Throws<VaultKeyMismatchException>(() => SentInstanceIndex.Load(logs, null, vaults, other));
            Assert.Equal(ErrorIds.VaultKeyMismatch, e.ErrorId);
        }

        [Fact]
        public void NothingSent_NeedsNoRecord()
        {
            using var temp = new TempFolder("inventory-index");
            SentInstanceIndex index = SentInstanceIndex.Load(Path.Combine(temp.Path, "logs"), Path.Combine(temp.Path, "outgoing"), Path.Combine(temp.Path, "no-vault"), Key);
            Assert.Equal(0, index.RecordedSent);
            Assert.False(index.Mentions("1.2.3"));
        }
    }
}
