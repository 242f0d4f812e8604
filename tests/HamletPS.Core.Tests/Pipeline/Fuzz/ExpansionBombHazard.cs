using System;
using System.IO;
using System.Linq;
using HamletPS.Synthetic;
using Xunit;

namespace HamletPS.Core.Tests.Pipeline.Fuzz
{
    /// <summary>
    /// Files that cost far more in memory than on disk (src/HamletPS.Synthetic/HostileDicom.cs): a Deflated Explicit VR Little
    /// Endian file declaring a 1.5 GiB value over 320 MiB of zeros, and an uncompressed flood of tiny elements. The check:
    /// each bomb is quarantined with a reason file and never reaches OUTGOING; the suite bounds every run's allocations
    /// (<see cref="PipelineFuzzTests.MaxAllocatedPerRun"/>).
    /// </summary>
    public sealed class ExpansionBombHazard : IPipelineHazard
    {
        private const int MiB = 1024 * 1024;
        private static int _uid;

        /// <summary>One bomb for the whole suite (deflating its zeros takes a moment): a 1.5 GiB value declared over 320 MiB of
        /// zeros really there, about 320 KiB on disk. A reader that loaded or buffered what it inflates would allocate hundreds
        /// of MiB; within the limits it is refused at the value's header.</summary>
        private static readonly Lazy<byte[]> Bomb = new Lazy<byte[]>(() =>
        {
            using var temp = new TempFolder("fuzz-bomb");
            string path = temp.File("fuzz-bomb.dcm");
            try
            {
                HostileDicom.WriteDeflateBombOneValue(path, "2.25.990001", 0x60000000u, 320L * MiB);
                return File.ReadAllBytes(path);
            }
            finally { File.Delete(path); }
        });

        public string Name => "deflate bombs and element floods";

        public void Plant(FuzzSite site, Random random)
        {
            string folder = Path.Combine(site.Incoming, "bombs" + random.Next(100));
            Directory.CreateDirectory(folder);
            int bombs = random.Next(1, 3);
            for (int i = 0; i < bombs; i++)
            {
                File.WriteAllBytes(Path.Combine(folder, "bomb" + i + ".dcm"), Bomb.Value);
            }
            if (random.Next(2) == 0)
                HostileDicom.WriteTinyElementFlood(Path.Combine(folder, "flood.dcm"), "2.25.98" + System.Threading.Interlocked.Increment(ref _uid), random.Next(50_000, 200_000));
            site.Checks.Add(run =>
            {
                if (run.Summary == null) return; // refused before anything was read
                string quarantine = Path.Combine(site.Site, "quarantine");
                var quarantined = Directory.Exists(quarantine) ? Directory.GetFiles(quarantine, "bomb*.dcm", SearchOption.AllDirectories) : Array.Empty<string>();
                Assert.True(quarantined.Length >= bombs, bombs + " deflate bombs planted, " + quarantined.Length + " quarantined");
                foreach (string q in quarantined)
                {
                    string[] reasons = Directory.GetFiles(Path.GetDirectoryName(q)).Where(f => !f.EndsWith(".dcm", StringComparison.Ordinal)).ToArray();
                    Assert.True(reasons.Any(r => File.ReadAllText(r).Contains("MaxInflatedLength", StringComparison.Ordinal)),
                        "a quarantined bomb has no reason naming the inflation limit: " + string.Join(", ", reasons.Select(Path.GetFileName)));
                }
                run.Exercised.Add(Name);
            });
        }
    }
}
