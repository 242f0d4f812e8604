using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace HamletPS.Dicom.Tests.Synthetic
{
    /// <summary>The independent readers the synthetic-data tests ask: pydicom (strict validation, RT links) and dcmdump.</summary>
    internal static class SyntheticOracles
    {
        /// <summary>path -> problems and warnings pydicom reported (Oracles/pydicom_validate.py).</summary>
        public static Dictionary<string, (List<string> Problems, List<string> Warnings, string Modality)> Validate(IEnumerable<string> paths, string scratch)
        {
            string list = Path.Combine(scratch, "validate-list-" + Guid.NewGuid().ToString("N") + ".txt");
            string output = list + ".json";
            File.WriteAllText(list, string.Join("\n", paths) + "\n");
            var run = ProcessRunner.Run(TestPaths.Python, TestPaths.Oracle("pydicom_validate.py"), list, output);
            if (run.ExitCode != 0) throw new InvalidOperationException("pydicom_validate.py failed: " + run.StdErr);
            using var doc = JsonDocument.Parse(File.ReadAllText(output));
            var result = new Dictionary<string, (List<string>, List<string>, string)>();
            foreach (var p in doc.RootElement.EnumerateObject())
            {
                var problems = p.Value.GetProperty("problems").EnumerateArray().Select(x => x.GetString()).ToList();
                var warnings = p.Value.GetProperty("warnings").EnumerateArray().Select(x => x.GetString()).ToList();
                string modality = p.Value.TryGetProperty("modality", out var m) ? m.GetString() : null;
                result[p.Name] = (problems, warnings, modality);
            }
            return result;
        }

        /// <summary>Lines of dcmdump's stderr that are warnings or errors ("W:", "E:"), plus a line for a non-zero exit code.</summary>
        public static List<string> DcmdumpComplaints(string path)
        {
            var run = ProcessRunner.Run("dcmdump", "-q", path);
            var complaints = run.StdErr.Replace("\r", "").Split('\n')
                .Where(l => l.StartsWith("W:", StringComparison.Ordinal) || l.StartsWith("E:", StringComparison.Ordinal) || l.Contains("error", StringComparison.OrdinalIgnoreCase))
                .ToList();
            if (run.ExitCode != 0) complaints.Add("dcmdump exit code " + run.ExitCode);
            return complaints;
        }

        /// <summary>Runs Oracles/rt_links.py over a folder: exit code (0 linked, 1 broken, 2 nothing to check) and its report.</summary>
        public static (int ExitCode, string Report) RtLinks(string folder)
        {
            var run = ProcessRunner.Run(TestPaths.Python, TestPaths.Oracle("rt_links.py"), folder);
            return (run.ExitCode, run.StdOut + run.StdErr);
        }

        /// <summary>Runs a Python snippet under /usr/bin/python3 with pydicom and returns its stdout (throws on failure).</summary>
        public static string Python(string code, params string[] args)
        {
            var all = new List<string> { "-c", code };
            all.AddRange(args);
            var run = ProcessRunner.Run(TestPaths.Python, all.ToArray());
            if (run.ExitCode != 0) throw new InvalidOperationException("python failed: " + run.StdErr);
            return run.StdOut;
        }
    }
}
