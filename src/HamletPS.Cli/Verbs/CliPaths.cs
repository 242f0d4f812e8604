using System.IO;

namespace HamletPS.Cli.Verbs
{
    /// <summary>How a verb hands a path option to a Core set-up: made full against the current folder, null when not given.</summary>
    internal static class CliPaths
    {
        public static string FullOrNull(string path) => string.IsNullOrWhiteSpace(path) ? null : Path.GetFullPath(path);
    }
}
