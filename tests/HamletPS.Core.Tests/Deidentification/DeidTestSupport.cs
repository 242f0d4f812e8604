using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using HamletPS.Core.Deidentification;
using HamletPS.Core.Identity;
using HamletPS.Core.Secrets;
using HamletPS.Core.Security;

namespace HamletPS.Core.Tests.Deidentification
{
    /// <summary>Keys, scratch folders and the python/dcmdump oracles for the de-identification tests.</summary>
    internal static class DeidTestSupport
    {
        public const string PydicomTestFiles = "/usr/lib/python3/dist-packages/pydicom/data/test_files";

        public static string Python => File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";

        public static string RepositoryRoot
        {
            get
            {
                for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
                    if (File.Exists(Path.Combine(dir.FullName, "HamletPS.sln"))) return dir.FullName;
                throw new InvalidOperationException("HamletPS.sln not found");
            }
        }

        /// <summary>The shared oracles kept with the DICOM tests (rt_links.py, pydicom_dump.py).</summary>
        public static string Oracle(string name) => Path.Combine(RepositoryRoot, "tests", "HamletPS.Dicom.Tests", "Oracles", name);

        public static string NewScratch(string name)
        {
            string dir = Path.Combine(Path.GetTempPath(), "hamletps-tests", "deid-" + name + "-" + Guid.NewGuid().ToString("N").Substring(0, 8));
            Directory.CreateDirectory(dir);
            return dir;
        }

        public static SiteKeys Keys(string secret = "deid-test-site-secret-2026") => SiteKeys.Derive(SiteSecret.FromKeyText(secret));

        public static IdentityResolver Identity(SiteKeys keys, string mappingCsv = null)
        {
            var lookup = mappingCsv == null ? StudyIdLookup.Empty() : StudyIdLookup.Parse(new StringReader(mappingCsv), "mapping.csv");
            return new IdentityResolver(lookup, MrnPseudonymizer.CreateFf1(keys.Ff1Key));
        }

        public static ProtectorOptions Options(SiteKeys keys, string destination, string vault, string mappingCsv = null, DeidentificationProfile profile = null)
        {
            var o = ProtectorOptions.FromSiteKeys(keys, Identity(keys, mappingCsv), profile);
            o.Destination = destination;
            o.VaultPath = vault;
            return o;
        }

        public static (int ExitCode, string StdOut, string StdErr) Run(string program, params string[] args)
        {
            var psi = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, StandardOutputEncoding = Encoding.UTF8 };
            foreach (var a in args) psi.ArgumentList.Add(a);
            using var p = Process.Start(psi);
            var err = p.StandardError.ReadToEndAsync();
            string output = p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            return (p.ExitCode, output, err.Result);
        }

        /// <summary>pydicom dumps of many files in one process: path -> JSON ({"error"} or {"ts","meta","elements"}).</summary>
        public static Dictionary<string, JsonElement> PydicomDump(IEnumerable<string> paths, string scratch)
        {
            string list = Path.Combine(scratch, "pydicom-list-" + Guid.NewGuid().ToString("N").Substring(0, 6) + ".txt");
            string output = list + ".json";
            File.WriteAllText(list, string.Join("\n", paths) + "\n");
            var run = Run(Python, Oracle("pydicom_dump.py"), list, output);
            if (run.ExitCode != 0) throw new InvalidOperationException("pydicom_dump.py failed: " + run.StdErr);
            using var doc = JsonDocument.Parse(File.ReadAllText(output));
            return doc.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone());
        }

        /// <summary>Differences between two pydicom element lists (group lengths ignored): "path: reason".</summary>
        public static List<string> Compare(JsonElement expected, JsonElement actual, string path = "")
        {
            var diffs = new List<string>();
            var e = Index(expected);
            var a = Index(actual);
            foreach (var tag in e.Keys.Union(a.Keys).OrderBy(k => k, StringComparer.Ordinal))
            {
                string here = path + "/" + tag;
                if (!e.TryGetValue(tag, out var ev)) { diffs.Add(here + ": only after round trip"); continue; }
                if (!a.TryGetValue(tag, out var av)) { diffs.Add(here + ": missing after round trip"); continue; }
                var evv = ev[2];
                var avv = av[2];
                if (evv.ValueKind == JsonValueKind.Array && avv.ValueKind == JsonValueKind.Array)
                {
                    int n = evv.GetArrayLength();
                    if (n != avv.GetArrayLength()) { diffs.Add(here + ": item count " + n + " vs " + avv.GetArrayLength()); continue; }
                    for (int i = 0; i < n; i++) diffs.AddRange(Compare(evv[i], avv[i], here + "[" + i + "]"));
                }
                else if (evv.ToString() != avv.ToString()) diffs.Add(here + ": value differs");
            }
            return diffs;
        }

        private static Dictionary<string, JsonElement> Index(JsonElement list)
        {
            var d = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            foreach (var el in list.EnumerateArray())
            {
                string tag = el[0].GetString();
                if (tag.EndsWith("0000", StringComparison.Ordinal)) continue;
                d[tag] = el;
            }
            return d;
        }
    }
}
