using System;
using System.IO;
using System.Linq;
using HamletPS.Core.Cleanup;
using HamletPS.Core.Configuration;
using Xunit;

namespace HamletPS.Core.Tests.Pipeline.Fuzz
{
    /// <summary>
    /// Symbolic links a sender or a careless admin leaves in the site: in INCOMING to a folder and to a file under
    /// <see cref="FuzzSite.Outside"/>, and in SORTED to that folder. The outside files are byte copies of a file the run
    /// archives, so `clear` without force would find their hashes recorded if it followed a link. After the run, the check
    /// clears INCOMING and SORTED (with or without force, drawn from the seed) and asserts nothing outside the site changed and
    /// every link is still there (without force) or was removed itself (with force).
    /// </summary>
    public sealed class SymbolicLinkHazard : IPipelineHazard
    {
        public string Name => "symbolic links to outside the site";

        public void Plant(FuzzSite site, Random random)
        {
            string core = FuzzValues.Core(random);
            site.Canaries.Add(core);
            string archived = site.AddDicom("links/" + random.Next() + ".dcm", core);
            byte[] bytes = File.ReadAllBytes(archived);
            string folder = Path.Combine(site.Outside, "linked-folder-" + random.Next(1000, 9999));
            Directory.CreateDirectory(Path.Combine(folder, "deeper"));
            File.WriteAllBytes(Path.Combine(folder, "copy.dcm"), bytes);
            File.WriteAllBytes(Path.Combine(folder, "deeper", "copy2.dcm"), bytes);
            string file = Path.Combine(site.Outside, "linked-file-" + random.Next(1000, 9999) + ".dcm");
            File.WriteAllBytes(file, bytes);

            Directory.CreateDirectory(Path.Combine(site.Incoming, "linkdir"));
            Directory.CreateSymbolicLink(Path.Combine(site.Incoming, "linkdir", "to-folder-" + random.Next()), folder);
            File.CreateSymbolicLink(Path.Combine(site.Incoming, "linkdir", "to-file-" + random.Next() + ".dcm"), file);
            Directory.CreateDirectory(site.Sorted);
            Directory.CreateSymbolicLink(Path.Combine(site.Sorted, "to-folder-" + random.Next()), folder);
            bool force = random.Next(2) == 0;

            site.Checks.Add(run =>
            {
                var before = FuzzSnapshot.Take(site.Outside);
                var links = FuzzSnapshot.Take(site.Site).Where(e => e.Value.StartsWith("link->", StringComparison.Ordinal)).ToList();
                HamletConfig config = HamletConfigLoader.Load(site.ConfigPath);
                var cleaner = new HamletFolderCleaner(config.DataPath.Outgoing, config.Hamlet.Logs);
                try
                {
                    cleaner.Clear(config.DataPath.Incoming, "INCOMING", force).ToList();
                    cleaner.Clear(config.DataPath.Sorted, "SORTED", force).ToList();
                }
                catch (Exception ex) when (!(ex is Xunit.Sdk.XunitException))
                {
                    Assert.Fail("clear (force " + force + ") threw " + ex.GetType().Name + ": " + ex.Message);
                }
                Assert.True(FuzzSnapshot.Take(site.Outside).SequenceEqual(before), "clear (force " + force + ") changed a file outside the site through a link");
                var after = FuzzSnapshot.Take(site.Site);
                foreach (var link in links)
                {
                    // Without force a link is kept; with force the link itself may go (unlink), never what it points at.
                    bool kept = after.TryGetValue(link.Key, out string now);
                    Assert.True(force || kept, "clear without force removed the link " + link.Key);
                    Assert.True(!kept || now == link.Value, "clear changed the link " + link.Key);
                }
                if (links.Count > 0) run.Exercised.Add(Name);
            });
        }
    }
}
