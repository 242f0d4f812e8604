using System;
using System.IO;

namespace HamletPS.Core.Configuration
{
    /// <summary>Path handling for configuration values: trailing separators dropped, Windows and POSIX absolute forms kept, relative resolved.</summary>
    public static class ConfigPaths
    {
        /// <summary>True for "/x", "C:\x", "C:/x", "\\server\share" — on any OS, so a Windows config read elsewhere stays absolute.</summary>
        public static bool IsAbsolute(string path)
        {
            if (string.IsNullOrEmpty(path)) return false;
            if (path[0] == '/' || path[0] == '\\') return true;
            return path.Length >= 2 && path[1] == ':' && char.IsLetter(path[0]);
        }

        /// <summary>Drops trailing '/' or '\' (but keeps roots such as "/", "C:\"), then resolves a relative path against <paramref name="baseDirectory"/>.</summary>
        public static string Normalize(string path, string baseDirectory)
        {
            if (string.IsNullOrWhiteSpace(path)) return null;
            path = path.Trim();
            while (path.Length > 1 && (path.EndsWith("/", StringComparison.Ordinal) || path.EndsWith("\\", StringComparison.Ordinal)))
            {
                if (path.Length == 3 && path[1] == ':') break; // "C:\"
                path = path.Substring(0, path.Length - 1);
            }
            if (path.Length == 2 && path[1] == ':' && char.IsLetter(path[0])) path += "\\";
            if (IsAbsolute(path) || string.IsNullOrEmpty(baseDirectory)) return path;
            return Path.GetFullPath(Path.Combine(baseDirectory, path));
        }
    }
}
