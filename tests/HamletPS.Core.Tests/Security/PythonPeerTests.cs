using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using HamletPS.Core.Security;
using Xunit;

namespace HamletPS.Core.Tests.Security
{
    /// <summary>Independent oracles: pydicom's UID validation and Python's datetime arithmetic.</summary>
    public class PythonPeerTests
    {
        private const string Python = "/usr/bin/python3";

        private static string RunPython(string script, string input)
        {
            var psi = new ProcessStartInfo(Python) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            psi.ArgumentList.Add("-c");
            psi.ArgumentList.Add(script);
            using var p = Process.Start(psi);
            p.StandardInput.Write(input);
            p.StandardInput.Close();
            var output = p.StandardOutput.ReadToEndAsync();
            var error = p.StandardError.ReadToEndAsync();
            Assert.True(p.WaitForExit(60000), "python did not finish");
            Assert.True(p.ExitCode == 0, error.Result);
            return output.Result;
        }

        [Fact]
        public void RemappedUids_AreValidForPydicom()
        {
            Assert.True(File.Exists(Python), "the pydicom peer (/usr/bin/python3) is required");
            var key = new byte[32];
            new Random(64).NextBytes(key);
            var uuid = new UidRemapper(key);
            var custom = new UidRemapper(key, "1.2.826.0.1.3680043.10.543.99");
            var uids = Enumerable.Range(0, 300).SelectMany(i => new[] { uuid.Remap("1.2.3.4." + i), custom.Remap("1.2.3.4." + i) }).ToList();
            var result = RunPython(
                "import sys, warnings\nwarnings.simplefilter('ignore')\nfrom pydicom.uid import UID\n" +
                "bad = [u for u in sys.stdin.read().split() if not UID(u).is_valid]\nprint(len(bad))\n",
                string.Join("\n", uids));
            Assert.Equal("0", result.Trim());
        }

        [Fact]
        public void DateShift_AgreesWithPythonDatetime()
        {
            var rng = new Random(1582);
            var cases = new List<(string date, int days)>();
            for (int i = 0; i < 500; i++)
            {
                var d = new DateTime(1900, 1, 1).AddDays(rng.Next(0, 365 * 200));
                cases.Add((d.ToString("yyyyMMdd"), rng.Next(-3650, 3650)));
            }
            var expected = RunPython(
                "import sys, datetime\nfor line in sys.stdin.read().split('\\n'):\n  if not line: continue\n  d, n = line.split()\n" +
                "  print((datetime.datetime.strptime(d, '%Y%m%d') + datetime.timedelta(days=int(n))).strftime('%Y%m%d'))\n",
                string.Join("\n", cases.Select(c => c.date + " " + c.days)) + "\n")
                .Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(cases.Count, expected.Length);
            for (int i = 0; i < cases.Count; i++)
                Assert.Equal(expected[i], DateShifter.ShiftDate(cases[i].date, cases[i].days));
        }
    }
}
