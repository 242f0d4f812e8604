using System;
using System.IO;

namespace HamletPS.Dicom.Tests
{
    /// <summary>Locations the tests use: repository root, pydicom corpus, peers, scratch folders.</summary>
    internal static class TestPaths
    {
        public static string RepositoryRoot
        {
            get
            {
                for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
                    if (File.Exists(Path.Combine(dir.FullName, "HamletPS.sln"))) return dir.FullName;
                throw new InvalidOperationException("HamletPS.sln not found above " + AppContext.BaseDirectory);
            }
        }

        public static string SharedStandard => Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "dicom-standard"));

        public const string PydicomData = "/usr/lib/python3/dist-packages/pydicom/data";

        public static string Python => File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";

        public static string Oracle(string name) => Path.Combine(AppContext.BaseDirectory, "Oracles", name);

        public static string NewScratch(string name)
        {
            string dir = Path.Combine(Path.GetTempPath(), "hamletps-tests", name + "-" + Guid.NewGuid().ToString("N").Substring(0, 8));
            Directory.CreateDirectory(dir);
            return dir;
        }
    }
}
