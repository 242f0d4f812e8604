using System;
using System.Text;

namespace HamletPS.Core.Archive
{
    /// <summary>Rules for entry paths: relative, forward slashes, no "." or ".." segments, no empty segments, no drive, no control characters.</summary>
    public static class ZipEntryPath
    {
        /// <summary>Turns a relative file-system path into an entry path (backslashes become forward slashes) and validates it.</summary>
        public static string FromRelativePath(string relativePath)
        {
            if (relativePath == null) throw new ArgumentNullException(nameof(relativePath));
            string path = relativePath.Replace('\\', '/');
            Validate(path);
            return path;
        }

        /// <summary>Throws ArgumentException (naming the rule broken, not the path) unless <paramref name="entryPath"/> is a safe entry path.</summary>
        public static void Validate(string entryPath)
        {
            string reason = Check(entryPath);
            if (reason != null) throw new ArgumentException("Invalid archive entry path: " + reason, nameof(entryPath));
        }

        /// <summary>True when <paramref name="entryPath"/> is a safe entry path.</summary>
        public static bool IsValid(string entryPath) => Check(entryPath) == null;

        private static string Check(string path)
        {
            if (string.IsNullOrEmpty(path)) return "empty";
            if (path[0] == '/') return "absolute (starts with '/')";
            if (path.IndexOf('\\') >= 0) return "contains a backslash (use '/')";
            if (path.Length >= 2 && path[1] == ':') return "starts with a drive letter";
            if (path.EndsWith("/", StringComparison.Ordinal)) return "ends with '/' (directories are not entries)";
            foreach (char c in path)
                if (c < 0x20 || c == 0x7F) return "contains a control character";
            foreach (string segment in path.Split('/'))
            {
                if (segment.Length == 0) return "has an empty segment ('//')";
                if (segment == "." || segment == "..") return "has a '.' or '..' segment";
            }
            if (Encoding.UTF8.GetByteCount(path) > 0xFFFF) return "longer than 65535 UTF-8 bytes";
            return null;
        }
    }
}
