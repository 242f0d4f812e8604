using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using HamletPS.Core.Deidentification;
using HamletPS.Core.Identity;
using HamletPS.Core.Security;
using HamletPS.Core.Secrets;
using HamletPS.Dicom.Data;

// usage: DeidentifyBench [--phases] <input> <destination> [vault]   -- protects with the built-in hamlet-rt profile, prints counts.
// --phases: single-threaded, times (thread CPU time) each step of the engine separately (read, identify, de-identify, scan, record, seal, write).
bool phases = args.Length > 0 && args[0] == "--phases";
if (phases) args = args.Skip(1).ToArray();
AllocationSampler sampler = null; // --alloc (with --phases): prints the allocated types, sampled every ~100 KB
if (phases && args.Length > 0 && args[0] == "--alloc") { sampler = new AllocationSampler(); args = args.Skip(1).ToArray(); }
int repeat = 1; // --repeat N (with --phases): N passes over the input, only the last timed (steady state, for profilers)
if (phases && args.Length > 1 && args[0] == "--repeat") { repeat = int.Parse(args[1]); args = args.Skip(2).ToArray(); }
if (args.Length < 2) { Console.Error.WriteLine("usage: DeidentifyBench [--phases] <input> <destination> [vault]"); return 2; }
var total = Stopwatch.StartNew();
using var keys = SiteKeys.Derive(SiteSecret.FromKeyText("bench-site-secret-not-for-production"));
long tKeys = total.ElapsedMilliseconds;
var options = ProtectorOptions.FromSiteKeys(keys, new IdentityResolver(StudyIdLookup.Empty(), MrnPseudonymizer.CreateFf1(keys.Ff1Key)));
long tOptions = total.ElapsedMilliseconds;
options.Destination = args[1];
options.VaultPath = args.Length > 2 ? args[2] : null;
if (args.Length > 0 && args[0] == "--micro")
{
    // --micro <file>: ns and bytes per call of the per-element rule lookup, over the elements of one file
    var f = DicomFile.Open(args[1]);
    var rules = new ProfileRules(options.Profile);
    var els = f.Dataset.ToArray();
    int root = IodAttributeTypes.RootFor(f.Dataset.GetUid(HamletPS.Dicom.Dictionary.DicomTags.SOPClassUID));
    foreach (var e in els) rules.For(e.Tag, e.VR, IodAttributeTypes.Lookup(root, e.Tag.Value, out _));
    long a0 = GC.GetAllocatedBytesForCurrentThread(); var sw = Stopwatch.StartNew(); int calls = 0;
    for (int r = 0; r < 20000; r++) foreach (var e in els) { rules.For(e.Tag, e.VR, IodAttributeTypes.Lookup(root, e.Tag.Value, out _)); calls++; }
    Console.WriteLine("IodAttributeTypes.Lookup + ProfileRules.For: " + (sw.Elapsed.TotalMilliseconds * 1e6 / calls).ToString("F1") + " ns/call, " + (GC.GetAllocatedBytesForCurrentThread() - a0) / (double)calls + " B/call");
    return 0;
}
if (args.Length > 0 && args[0] == "--files")
{
    // --files <input> <destination> [passes=3]: single-threaded, the engine's whole per-file work (DicomProtector.ProtectFile:
    // read, identify, de-identify, IOD types, residual check, sealed write) timed in thread CPU per file; the last pass is
    // printed (earlier passes warm caches): the CT slices on average and each other file alone.
    int passes = args.Length > 3 ? int.Parse(args[3]) : 3;
    options.VaultPath = null;
    var clock = new ThreadCpuClock();
    var inputs = Directory.EnumerateFiles(args[1], "*", SearchOption.AllDirectories).ToList();
    for (int pass = 1; pass <= passes; pass++)
    {
        options.Destination = Directory.CreateDirectory(Path.Combine(args[2], "pass" + pass)).FullName;
        options.MaxDegreeOfParallelism = 1;
        var each = new System.Collections.Generic.List<(string Modality, double Ms, long Bytes)>();
        using (var protector = new DicomProtector(options))
            foreach (var input in inputs)
            {
                var c = new ThreadCpuClock();
                c.Start(); var r = protector.ProtectFile(input); c.Stop();
                if (r.Status != ProtectionStatus.Protected) { Console.Error.WriteLine("failed: " + r.Message); return 1; }
                each.Add((r.Modality ?? "?", c.Milliseconds, c.AllocatedBytes));
            }
        if (pass < passes) continue;
        foreach (var g in each.GroupBy(e => e.Modality).OrderBy(g => g.Key))
            Console.WriteLine($"{g.Key,-8} {g.Count(),5} files  {g.Average(e => e.Ms) * 1000,8:F0} us/file cpu  {g.Average(e => e.Bytes),10:F0} B/file allocated  total {g.Sum(e => e.Ms),7:F0} ms");
        Console.WriteLine($"all      {each.Count,5} files  {each.Average(e => e.Ms) * 1000,8:F0} us/file cpu  total {each.Sum(e => e.Ms),7:F0} ms");
    }
    return 0;
}
if (phases)
{
    int rc = Phases.Run(options, args[0], args[1], repeat);
    sampler?.Print();
    return rc;
}
using (var protector = new DicomProtector(options))
{
    long tProtector = total.ElapsedMilliseconds;
    var results = protector.Protect(new[] { args[0] });
    Console.WriteLine("start-up: keys " + tKeys + " ms, options (profile) " + (tOptions - tKeys) + " ms, protector (vault) " + (tProtector - tOptions) + " ms; protect " + (total.ElapsedMilliseconds - tProtector) + " ms");
    int ok = results.Count(r => r.Status == ProtectionStatus.Protected);
    Console.WriteLine("protected " + ok + " of " + results.Count + " files; " + results.Sum(r => r.ActionCount) + " actions; in-process " + total.ElapsedMilliseconds + " ms; allocated "
        + GC.GetTotalAllocatedBytes(true) / (1 << 20) + " MiB; GCs " + GC.CollectionCount(0) + "/" + GC.CollectionCount(1) + "/" + GC.CollectionCount(2));
    foreach (var f in results.Where(r => r.Status == ProtectionStatus.Failed).Take(5)) Console.WriteLine("failed: " + f.Message);
    return ok == results.Count ? 0 : 1;
}

/// <summary>CPU time of the calling thread (clock_gettime CLOCK_THREAD_CPUTIME_ID): phase costs that the shared machine's load does not inflate.</summary>
sealed class ThreadCpuClock
{
    [System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Sequential)]
    private struct Timespec { public long Sec; public long Nsec; }
    [System.Runtime.InteropServices.DllImport("libc")] private static extern int clock_gettime(int clock, out Timespec ts);
    private long _start, _total, _allocStart, _alloc;
    private static long Now() { clock_gettime(3, out var ts); return ts.Sec * 1_000_000_000L + ts.Nsec; }
    public void Start() { _allocStart = GC.GetAllocatedBytesForCurrentThread(); _start = Now(); }
    public void Stop() { _total += Now() - _start; _alloc += GC.GetAllocatedBytesForCurrentThread() - _allocStart; }
    public long AllocatedBytes => _alloc;
    public double Milliseconds => _total / 1e6;
}

static class Phases
{
    public static int Run(ProtectorOptions options, string input, string destination, int repeat = 1)
    {
        for (int pass = 1; pass < repeat; pass++) RunOnce(options, input, destination, false);
        return RunOnce(options, input, destination, true);
    }

    private static int RunOnce(ProtectorOptions options, string input, string destination, bool print)
    {
        var t = new ThreadCpuClock[8];
        for (int i = 0; i < t.Length; i++) t[i] = new ThreadCpuClock();
        string[] names = { "open", "identify", "deidentify", "scan", "serialize", "seal", "save", "startup" };
        var deid = new DicomDeidentifier(options.Profile, options.Uids, options.HashKey);
        var scanner = new ResidualIdentifierScanner(false, options.Uids.Root);
        var paths = new OutputPathBuilder();
        ReidentificationVault vault = options.VaultPath != null ? ReidentificationVault.OpenOrCreate(options.VaultPath, options.VaultKey) : null;
        int n = 0;
        ResolvedIdentity id = null; string idFor = null; int offset = 0; // the engine resolves each patient once per run
        foreach (var file in Directory.EnumerateFiles(input, "*", SearchOption.AllDirectories))
        {
            t[0].Start(); var f = DicomFile.Open(file); t[0].Stop();
            t[1].Start(); var ids = PatientIdentifiers.FromDataset(f.Dataset);
            if (idFor != ids.PatientId) { id = options.Identity.Resolve(ids.PatientId, ids.AccessionNumber); offset = options.Dates.OffsetDaysFor(ids.PatientId); idFor = ids.PatientId; }
            t[1].Stop();
            t[2].Start(); var rec = deid.Deidentify(f, new PatientProtection(id.NewId, id.Source, offset, ids)); string rel = paths.Build(f.Dataset, id.NewId); t[2].Stop();
            t[3].Start(); var hits = scanner.Scan(f, ids).Concat(scanner.ScanPath(rel, ids)).Count(); t[3].Stop();
            t[4].Start(); var bytes = rec.Serialize(); t[4].Stop();
            t[5].Start(); vault?.Append(rec.NewSopInstanceUid, bytes); t[5].Stop();
            t[6].Start(); f.Save(Path.Combine(destination, rel)); t[6].Stop();
            n++;
        }
        t[5].Start(); vault?.Flush(); t[5].Stop();
        vault?.Dispose();
        if (!print) return 0;
        for (int i = 0; i < 7; i++) Console.WriteLine($"{names[i],-12}{t[i].Milliseconds,10:F0} ms cpu  {t[i].Milliseconds * 1000 / n,8:F0} us/file  {t[i].AllocatedBytes / n,8} B/file allocated");
        return 0;
    }
}

/// <summary>GC AllocationTick events (one per ~100 KB allocated) counted by type name: where the allocations go.</summary>
sealed class AllocationSampler : System.Diagnostics.Tracing.EventListener
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, long> _bytes = new System.Collections.Concurrent.ConcurrentDictionary<string, long>();
    protected override void OnEventSourceCreated(System.Diagnostics.Tracing.EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
            EnableEvents(source, System.Diagnostics.Tracing.EventLevel.Verbose, (System.Diagnostics.Tracing.EventKeywords)0x1);
    }
    protected override void OnEventWritten(System.Diagnostics.Tracing.EventWrittenEventArgs e)
    {
        if (e.EventName == null || !e.EventName.StartsWith("GCAllocationTick")) return;
        int i = e.PayloadNames.IndexOf("TypeName");
        int a = e.PayloadNames.IndexOf("AllocationAmount");
        if (i < 0 || a < 0) return;
        _bytes.AddOrUpdate((string)e.Payload[i], Convert.ToInt64(e.Payload[a]), (_, v) => v + Convert.ToInt64(e.Payload[a]));
    }
    public void Print()
    {
        foreach (var kv in _bytes.OrderByDescending(k => k.Value).Take(25)) Console.WriteLine($"{kv.Value / 1024,10} KiB  {kv.Key}");
    }
}
