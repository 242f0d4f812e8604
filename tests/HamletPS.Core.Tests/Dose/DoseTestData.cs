using System.IO;
using HamletPS.Core.Tests.Deidentification;
using Xunit;

namespace HamletPS.Core.Tests.Dose
{
    /// <summary>Synthetic RDSRs written by pydicom (tests/HamletPS.Dicom.Tests/Oracles/make_rdsr.py).</summary>
    internal static class DoseTestData
    {
        /// <summary>Writes one RDSR of <paramref name="kind"/> (ct, rf, mg) and returns its path.</summary>
        public static string Make(string folder, string kind, int seed, params string[] flags)
        {
            Directory.CreateDirectory(folder);
            string path = Path.Combine(folder, kind + "-" + seed + (flags.Length > 0 ? "-" + string.Join("", flags).Replace("-", "") : "") + ".dcm");
            var args = new System.Collections.Generic.List<string> { DeidTestSupport.Oracle("make_rdsr.py"), kind, path, seed.ToString(System.Globalization.CultureInfo.InvariantCulture) };
            args.AddRange(flags);
            var run = DeidTestSupport.Run(DeidTestSupport.Python, args.ToArray());
            Assert.True(run.ExitCode == 0, "make_rdsr.py failed: " + run.StdErr);
            return path;
        }
    }
}
