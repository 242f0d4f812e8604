using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using HamletPS.Core.Configuration;
using HamletPS.Core.Deidentification;
using HamletPS.Core.Secrets;
using HamletPS.Core.Security;
using HamletPS.Dicom.Data;
using Xunit;

namespace HamletPS.Core.Tests.Pipeline.Fuzz
{
    /// <summary>
    /// Re-identification records damaged after the run: a record file cut to its header, cut mid-record, a flipped byte in a
    /// record id or in a record's payload, or a second record file holding a different record for the same protected file. The
    /// check takes the protected files from the run's archive and, for each kind of damage in turn (on the run's own record
    /// file, restored between kinds), unprotects them with the record folder: the file a damaged
    /// record concerns fails with its reason (VaultRecordMissing / Damaged / Tampered / Conflict) and nothing is written for
    /// it; no file is ever restored "IdentityOnly" while a record folder is given.
    /// </summary>
    public sealed class DamagedRecordHazard : IPipelineHazard
    {
        private static readonly string[] Damages = { "header-only", "cut", "flipped-id", "flipped-payload", "conflict" };

        public string Name => "damaged re-identification records";

        public void Plant(FuzzSite site, Random random)
        {
            string core = FuzzValues.Core(random);
            site.Canaries.Add(core);
            for (int i = random.Next(1, 3); i > 0; i--) site.AddDicom("records/" + random.Next() + ".dcm", core);
            site.Checks.Add(run => { if (Check(site)) run.Exercised.Add(Name); });
        }

        /// <summary>False when the run protected nothing (no record to damage).</summary>
        private static bool Check(FuzzSite site)
        {
            HamletConfig config = HamletConfigLoader.Load(site.ConfigPath);
            string[] vaults = Directory.Exists(config.Hamlet.Vault) ? Directory.GetFiles(config.Hamlet.Vault, "*.hpv") : Array.Empty<string>();
            string[] zips = Directory.Exists(config.DataPath.Outgoing) ? Directory.GetFiles(config.DataPath.Outgoing, "*.zip") : Array.Empty<string>();
            if (vaults.Length != 1 || zips.Length == 0) return false; // nothing was protected (a refused run): no record to damage
            string scratch = Path.Combine(site.Site, "fuzz-records-check");
            string protectedFiles = Path.Combine(scratch, "protected");
            var files = new List<string>();
            foreach (string zip in zips)
            {
                using ZipArchive archive = ZipFile.OpenRead(zip);
                foreach (ZipArchiveEntry e in archive.Entries.Where(e => e.FullName.EndsWith(".dcm", StringComparison.OrdinalIgnoreCase)))
                {
                    string path = Path.Combine(protectedFiles, files.Count + ".dcm");
                    Directory.CreateDirectory(protectedFiles);
                    e.ExtractToFile(path);
                    files.Add(path);
                }
            }
            if (files.Count == 0) return false;

            using SiteCrypto crypto = SiteCrypto.FromConfig(config);
            string vault = vaults[0];
            IReadOnlyList<string> ids;
            using (var v = ReidentificationVault.OpenReadOnly(vault, crypto.VaultKey)) ids = v.RecordIds;
            if (ids.Count == 0) return false;
            byte[] original = File.ReadAllBytes(vaults[0]);
            foreach (string damage in Damages)
            {
                File.WriteAllBytes(vault, original);
                string duplicate = Path.Combine(config.Hamlet.Vault, "fuzz-duplicate.hpv");
                if (File.Exists(duplicate)) File.Delete(duplicate);
                Damage(config, crypto, vault, ids, files, damage, Path.Combine(scratch, "restored-" + damage));
            }
            File.WriteAllBytes(vault, original);
            return true;
        }

        private static void Damage(HamletConfig config, SiteCrypto crypto, string vault, IReadOnlyList<string> ids, List<string> files, string damage, string restored)
        {
            var expected = new Dictionary<string, string[]>(StringComparer.Ordinal); // SOP Instance UID -> acceptable failure reasons
            byte[] bytes = File.ReadAllBytes(vault);
            switch (damage)
            {
                case "header-only":
                    File.WriteAllBytes(vault, bytes.Take(64).ToArray());
                    foreach (string id in ids) expected[id] = new[] { "VaultRecordMissing" };
                    break;
                case "cut":
                    File.WriteAllBytes(vault, bytes.Take(bytes.Length - 40).ToArray());
                    expected[ids[ids.Count - 1]] = new[] { "VaultRecordMissing" };
                    break;
                case "flipped-id":
                    bytes[64 + 10 + ids[0].Length - 1] ^= 0x01; // the last character of the first record's id
                    File.WriteAllBytes(vault, bytes);
                    expected[ids[0]] = new[] { "VaultRecordMissing" };
                    break;
                case "flipped-payload":
                    bytes[bytes.Length - 20] ^= 0x01; // inside the last record's sealed payload
                    File.WriteAllBytes(vault, bytes);
                    expected[ids[ids.Count - 1]] = new[] { "VaultRecordTampered", "VaultRecordDamaged", "VaultRecordMissing" };
                    break;
                default:
                    byte[] payload;
                    using (var v = ReidentificationVault.OpenReadOnly(vault, crypto.VaultKey)) payload = v.Read(ids[0]);
                    var record = InstanceChangeRecord.Deserialize(ids[0], payload);
                    record.Changes.RemoveAt(0); // a different record, bound to the same protected file
                    using (var v = ReidentificationVault.Create(Path.Combine(config.Hamlet.Vault, "fuzz-duplicate.hpv"), crypto.VaultKey)) v.Add(ids[0], record.Serialize());
                    File.SetLastWriteTimeUtc(Path.Combine(config.Hamlet.Vault, "fuzz-duplicate.hpv"), DateTime.UtcNow.AddDays(-1));
                    File.SetLastWriteTimeUtc(vault, DateTime.UtcNow.AddDays(1));
                    expected[ids[0]] = new[] { "VaultRecordConflict" };
                    break;
            }

            IReadOnlyList<UnprotectionResult> results;
            using (var unprotector = new DicomUnprotector(new UnprotectorOptions
            {
                VaultPath = config.Hamlet.Vault, VaultKey = crypto.VaultKey, Identity = crypto.Identity, Destination = restored, MaxDegreeOfParallelism = 2,
            }))
                results = unprotector.Unprotect(files);

            int concerned = 0;
            foreach (UnprotectionResult r in results)
            {
                Assert.True(r.Status != UnprotectionStatus.IdentityOnly, damage + ": a file was restored 'IdentityOnly' although a record folder was given");
                string sop = DicomFile.Open(r.SourcePath).SopInstanceUid;
                if (!expected.TryGetValue(sop, out string[] reasons)) continue;
                concerned++;
                Assert.True(r.Status == UnprotectionStatus.Failed, damage + ": the file whose record was damaged ended " + r.Status);
                Assert.True(reasons.Contains(r.Failure?.Reason), damage + ": failed with " + r.Failure?.Reason + ", expected one of " + string.Join("/", reasons));
                Assert.Null(r.DestinationPath);
            }
            Assert.True(concerned > 0, damage + ": no protected file in the archive names a damaged record");
            int written = Directory.Exists(restored) ? Directory.GetFiles(restored, "*", SearchOption.AllDirectories).Length : 0;
            Assert.Equal(results.Count(r => r.Status == UnprotectionStatus.Restored), written);
        }
    }
}
