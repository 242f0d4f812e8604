using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using HamletPS.Core.Configuration;
using HamletPS.Core.Pipeline;
using Xunit;

namespace HamletPS.Core.Tests.Pipeline.Fuzz
{
    /// <summary>
    /// Issue 14, "make the class impossible": seeded random sites built from every <see cref="IPipelineHazard"/> of this
    /// assembly, run through sort, protect, check and archive. Whatever the inputs: nothing outside the site changes; no canary
    /// identifier is printed, journalled, named outside the site-only folders or archived; no exception but a setup error
    /// (which moves nothing) escapes; and every incoming file is accounted for in step 1's counts. Bounded: a fixed number
    /// of small iterations.
    /// </summary>
    public sealed class PipelineFuzzTests : IDisposable
    {
        private const int Iterations = 16;

        /// <summary>What one run may allocate in all (GC.GetTotalAllocatedBytes, process-wide, so it includes whatever else runs
        /// meanwhile): far below what a bomb's declared length (1.5 GiB) or an unbounded read would cost.</summary>
        internal const long MaxAllocatedPerRun = 384L * 1024 * 1024;
        private readonly TempFolder _temp = new TempFolder();

        public void Dispose() => _temp.Dispose();

        /// <summary>Every hazard of the assembly, in name order (so a seed always means the same site).</summary>
        public static IReadOnlyList<IPipelineHazard> Hazards() =>
            typeof(PipelineFuzzTests).Assembly.GetTypes()
                .Where(t => typeof(IPipelineHazard).IsAssignableFrom(t) && !t.IsAbstract && !t.IsInterface && t.GetConstructor(Type.EmptyTypes) != null)
                .OrderBy(t => t.FullName, StringComparer.Ordinal)
                .Select(t => (IPipelineHazard)Activator.CreateInstance(t)).ToList();

        [Fact]
        public void Run_OnRandomHostileSites_TouchesNothingOutsideTheSiteAndNamesNoIdentifier()
        {
            var hazards = Hazards();
            Assert.True(hazards.Count >= 4, "the hazards were not found");
            var withChecks = new HashSet<string>(StringComparer.Ordinal);
            var exercised = new HashSet<string>(StringComparer.Ordinal);
            for (int seed = 1; seed <= Iterations; seed++)
            {
                var random = new Random(seed);
                var site = new FuzzSite(Path.Combine(_temp.Path, "run" + seed));
                var planted = hazards.Where(_ => random.NextDouble() < 0.7).ToList();
                if (planted.Count == 0) planted.Add(hazards[random.Next(hazards.Count)]);
                foreach (IPipelineHazard hazard in planted)
                {
                    int checks = site.Checks.Count;
                    hazard.Plant(site, random);
                    if (site.Checks.Count > checks) withChecks.Add(hazard.Name);
                }
                site.WriteConfiguration();
                string context = "seed " + seed + " (" + string.Join(", ", planted.Select(h => h.Name)) + ")";

                var outsideBefore = FuzzSnapshot.Take(site.Outside);
                var incomingBefore = FuzzSnapshot.Take(site.Incoming);
                FuzzRun run = RunPipeline(site, context);

                Assert.True(FuzzSnapshot.Take(site.Outside).SequenceEqual(outsideBefore), context + ": a file outside the site changed");
                Assert.Equal(new[] { "outside", "site" }, Directory.GetFileSystemEntries(site.Root).Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal));
                foreach (string line in run.Lines)
                {
                    Assert.False(line.Contains("   at ", StringComparison.Ordinal) || line.Contains("Unhandled exception", StringComparison.Ordinal), context + ": a stack trace was printed: " + line);
                    Assert.DoesNotContain("\n", line);
                }
                if (run.SetupError != null)
                {
                    Assert.True(FuzzSnapshot.Take(site.Incoming).SequenceEqual(incomingBefore), context + ": a refused run moved files");
                }
                else
                {
                    PipelineSummary s = run.Summary;
                    Assert.True(incomingBefore.Count == s.Sorted + s.Duplicates + s.Skipped + s.NotDicom + s.Quarantined + s.SortFailed,
                        context + ": " + incomingBefore.Count + " incoming files but step 1 accounted for " + (s.Sorted + s.Duplicates + s.Skipped + s.NotDicom + s.Quarantined + s.SortFailed));
                }
                AssertNoCanaryLeft(site, run, context);
                foreach (Action<FuzzRun> check in site.Checks) check(run);
                exercised.UnionWith(run.Exercised);
                if (run.Summary != null)
                    Assert.True(run.AllocatedBytes < MaxAllocatedPerRun, context + ": the run allocated " + run.AllocatedBytes / (1024 * 1024) + " MiB (bound " + MaxAllocatedPerRun / (1024 * 1024) + " MiB)");
            }
            // A hazard whose check never found its subject (e.g. every run refused) asserted nothing: the seeds must reach it.
            Assert.Empty(withChecks.Except(exercised));
        }

        private static FuzzRun RunPipeline(FuzzSite site, string context)
        {
            var run = new FuzzRun(site);
            var gate = new object();
            var messages = new Sink<string>(m => { lock (gate) run.Lines.Add(m); });
            var failures = new Sink<FileFailure>(f => { lock (gate) run.Lines.Add("error: " + f.Reason + ": " + f.Message); });
            try
            {
                HamletPipelineOptions options = HamletPipelineOptions.FromConfig(HamletConfigLoader.Load(site.ConfigPath));
                options.SettleTime = TimeSpan.Zero;
                options.MaxDegreeOfParallelism = 2;
                GC.Collect();
                long before = GC.GetTotalAllocatedBytes(true);
                run.Summary = new HamletPipeline(options).Run(messages, failures);
                run.AllocatedBytes = GC.GetTotalAllocatedBytes(true) - before;
            }
            catch (PipelineSetupException ex)
            {
                run.SetupError = ex;
                run.Lines.Add("error: InvalidPipelineSettings: " + ex.Message);
            }
            catch (Exception ex)
            {
                Assert.Fail(context + ": the pipeline threw " + ex.GetType().Name + ": " + ex.Message);
            }
            return run;
        }

        /// <summary>No canary (compared without case and separators) in a printed line, the journal, a name outside the
        /// site-only folders, or an archive's entry names and bytes.</summary>
        private static void AssertNoCanaryLeft(FuzzSite site, FuzzRun run, string context)
        {
            var canaries = site.Canaries.Select(Compact).Where(c => c.Length >= 6).Distinct().ToList();
            void Check(string text, string where)
            {
                string compact = Compact(text);
                foreach (string c in canaries)
                    Assert.False(compact.Contains(c, StringComparison.Ordinal), context + ": a canary identifier appears in " + where);
            }
            foreach (string line in run.Lines) Check(line, "a printed line: " + line);
            foreach (string entry in Directory.EnumerateFileSystemEntries(site.Site, "*", SearchOption.AllDirectories))
            {
                if (site.SiteOnlyFolders.Any(f => entry.StartsWith(f + Path.DirectorySeparatorChar, StringComparison.Ordinal) || entry == f)) continue;
                Check(entry.Substring(site.Site.Length), "the name " + entry.Substring(site.Site.Length));
                if (entry.EndsWith(".jsonl", StringComparison.Ordinal)) Check(File.ReadAllText(entry), "the run journal");
                if (entry.EndsWith(".zip", StringComparison.Ordinal))
                {
                    using ZipArchive zip = ZipFile.OpenRead(entry);
                    foreach (ZipArchiveEntry e in zip.Entries)
                    {
                        Check(e.FullName, "an archive entry name");
                        using var stream = e.Open();
                        using var buffer = new MemoryStream();
                        stream.CopyTo(buffer);
                        Check(Encoding.Latin1.GetString(buffer.ToArray()), "the archive entry " + e.FullName);
                    }
                }
            }
        }

        private static string Compact(string text)
        {
            var sb = new StringBuilder(text.Length);
            foreach (char c in text)
                if (char.IsLetterOrDigit(c)) sb.Append(char.ToUpperInvariant(c));
            return sb.ToString();
        }

        private sealed class Sink<T> : IProgress<T>
        {
            private readonly Action<T> _action;
            public Sink(Action<T> action) { _action = action; }
            public void Report(T value) => _action(value);
        }
    }
}
