using System.Diagnostics;
using System.Globalization;
using System.IO;
using Xunit;

namespace HamletPS.Cli.Tests
{
    /// <summary>Synthetic RDSRs written by pydicom (tests/HamletPS.Dicom.Tests/Oracles/make_rdsr.py).</summary>
    internal static class DoseReportFiles
    {
        private static string Python => File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";

        /// <summary>Writes one RDSR of <paramref name="kind"/> (ct, rf, mg) as <paramref name="path"/>.</summary>
        public static string Make(string path, string kind, int seed, params string[] flags)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path));
            var start = new ProcessStartInfo(Python) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
            start.ArgumentList.Add(Path.Combine(HamletExecutables.RepoRoot, "tests", "HamletPS.Dicom.Tests", "Oracles", "make_rdsr.py"));
            start.ArgumentList.Add(kind);
            start.ArgumentList.Add(path);
            start.ArgumentList.Add(seed.ToString(CultureInfo.InvariantCulture));
            foreach (string f in flags) start.ArgumentList.Add(f);
            using var process = Process.Start(start);
            string error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, "make_rdsr.py failed: " + error);
            return path;
        }
    }
}
