using System;
using System.IO;

namespace HamletPS.TestSupport
{
    /// <summary>Places in the repository the tests read: its root (where HamletPS.sln is) and the generators' input data.</summary>
    public static class RepositoryPaths
    {
        /// <summary>The repository root: the first folder above the test's output folder that holds HamletPS.sln.</summary>
        public static string Root
        {
            get
            {
                for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
                    if (File.Exists(Path.Combine(dir.FullName, "HamletPS.sln"))) return dir.FullName;
                throw new InvalidOperationException("HamletPS.sln not found above " + AppContext.BaseDirectory);
            }
        }

        /// <summary>A path under the repository root, given as its parts.</summary>
        public static string Combine(params string[] parts) => Path.Combine(Root, Path.Combine(parts));

        /// <summary>The generators' input tables (src/HamletPS.Generators/Data): the standard's tables kept in the repository.</summary>
        public static string GeneratorData => Combine("src", "HamletPS.Generators", "Data");
    }
}
