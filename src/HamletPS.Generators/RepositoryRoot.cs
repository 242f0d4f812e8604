using System;
using System.IO;

namespace HamletPS.Generators
{
    /// <summary>Finds the repository root (the folder holding HamletPS.sln) from the working directory or the tool's folder.</summary>
    public static class RepositoryRoot
    {
        public static string Find()
        {
            foreach (string start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            {
                for (var dir = new DirectoryInfo(start); dir != null; dir = dir.Parent)
                    if (File.Exists(Path.Combine(dir.FullName, "HamletPS.sln"))) return dir.FullName;
            }
            return Directory.GetCurrentDirectory();
        }
    }
}
