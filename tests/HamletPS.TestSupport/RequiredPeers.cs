using System;
using System.IO;
using System.Linq;
using Xunit;

namespace HamletPS.TestSupport
{
    /// <summary>
    /// What a test needs from the machine. When it is missing the test is skipped, visibly and with the reason (xunit v3's
    /// Assert.Skip), never passed by returning early. tests/run.sh installs every peer, so CI skips nothing.
    /// </summary>
    public static class RequiredPeers
    {
        /// <summary>Skips the test unless every program (full path) is installed.</summary>
        public static void Programs(params string[] programs)
        {
            string reason = MissingPrograms(programs);
            Assert.SkipWhen(reason != null, reason ?? "");
        }

        /// <summary>The skip reason naming the programs (full paths) that are not installed, or null when all are.</summary>
        public static string MissingPrograms(params string[] programs)
        {
            string[] missing = programs.Where(p => !File.Exists(p)).ToArray();
            return missing.Length == 0 ? null : "peer not installed: " + string.Join(", ", missing) + " (tests/run.sh installs it)";
        }

        /// <summary>Skips the test off Linux; <paramref name="what"/> names the Linux-only behaviour.</summary>
        public static void Linux(string what) =>
            Assert.SkipUnless(OperatingSystem.IsLinux(), what + " exists on Linux only");

        /// <summary>Skips the test on Windows; <paramref name="what"/> names the behaviour that does not apply there.</summary>
        public static void NotWindows(string what) =>
            Assert.SkipWhen(OperatingSystem.IsWindows(), what + " does not apply on Windows");

        /// <summary>Skips the test unless the condition holds; <paramref name="reason"/> says what is missing.</summary>
        public static void Condition(bool holds, string reason) => Assert.SkipUnless(holds, reason);

        /// <summary>pydicom's own test files (its data/test_files folder), found through the installed pydicom; the test is skipped when pydicom is missing.</summary>
        public static string PydicomTestFiles()
        {
            string folder = Pydicom.TestFiles;
            Assert.SkipWhen(folder == null, "pydicom's test files are not installed (tests/run.sh installs python3-pydicom)");
            return folder;
        }
    }
}
