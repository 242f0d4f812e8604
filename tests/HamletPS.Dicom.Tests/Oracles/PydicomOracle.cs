using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace HamletPS.Dicom.Tests
{
    /// <summary>Runs pydicom once over a batch of files and compares its element dumps (see Oracles/pydicom_dump.py).</summary>
    internal static class PydicomOracle
    {
        /// <summary>path -> parsed JSON object for each file ({"error"} or {"ts","meta","elements"}).</summary>
        public static Dictionary<string, JsonElement> Dump(IEnumerable<string> paths, string scratch)
        {
            string list = Path.Combine(scratch, "pydicom-list.txt");
            string output = Path.Combine(scratch, "pydicom-dump.json");
            File.WriteAllText(list, string.Join("\n", paths) + "\n");
            var run = ProcessRunner.Run(TestPaths.Python, TestPaths.Oracle("pydicom_dump.py"), list, output);
            if (run.ExitCode != 0) throw new InvalidOperationException("pydicom_dump.py failed: " + run.StdErr);
            using var doc = JsonDocument.Parse(File.ReadAllText(output));
            return doc.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone());
        }

        /// <summary>Differences between two element lists (group lengths ignored), as "path: reason" lines; empty when equal.</summary>
        public static List<string> Compare(JsonElement expected, JsonElement actual, string path = "")
        {
            var diffs = new List<string>();
            var e = Index(expected);
            var a = Index(actual);
            foreach (var tag in e.Keys.Union(a.Keys).OrderBy(k => k, StringComparer.Ordinal))
            {
                string here = path + "/" + tag;
                if (!e.TryGetValue(tag, out var ev)) { diffs.Add(here + ": only in ours"); continue; }
                if (!a.TryGetValue(tag, out var av)) { diffs.Add(here + ": missing from ours"); continue; }
                if (ev[1].GetString() != av[1].GetString()) diffs.Add(here + ": VR " + ev[1].GetString() + " vs " + av[1].GetString());
                var evv = ev[2];
                var avv = av[2];
                if (evv.ValueKind == JsonValueKind.Array && avv.ValueKind == JsonValueKind.Array)
                {
                    int n = evv.GetArrayLength();
                    if (n != avv.GetArrayLength()) { diffs.Add(here + ": item count " + n + " vs " + avv.GetArrayLength()); continue; }
                    for (int i = 0; i < n; i++) diffs.AddRange(Compare(evv[i], avv[i], here + "[" + i + "]"));
                }
                else if (evv.ToString() != avv.ToString()) diffs.Add(here + ": value differs (" + Short(evv) + " vs " + Short(avv) + ")");
            }
            return diffs;
        }

        private static string Short(JsonElement v)
        {
            string s = v.ToString();
            return s.Length > 80 ? s.Substring(0, 80) + "..." : s;
        }

        private static Dictionary<string, JsonElement> Index(JsonElement list)
        {
            var d = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            foreach (var el in list.EnumerateArray())
            {
                string tag = el[0].GetString();
                if (tag.EndsWith("0000", StringComparison.Ordinal)) continue; // group lengths are dropped by design
                d[tag] = el;
            }
            return d;
        }
    }
}
