using System;
using System.Linq;

namespace HamletPS.Core.Upload
{
    /// <summary>Where files go on the account: a share and a directory path inside it ("" for the share root).</summary>
    public sealed class ShareTarget
    {
        public ShareTarget(string shareName, string directoryPath = null)
        {
            if (string.IsNullOrWhiteSpace(shareName)) throw new ArgumentException("A share name is required.", nameof(shareName));
            if (shareName.IndexOfAny(new[] { '/', '\\' }) >= 0) throw new ArgumentException("A share name cannot contain a path separator.", nameof(shareName));
            ShareName = shareName;
            DirectoryPath = NormalizeDirectory(directoryPath);
        }

        public string ShareName { get; }
        /// <summary>Forward-slash separated, no leading or trailing slash; "" for the root.</summary>
        public string DirectoryPath { get; }

        /// <summary>Parses "share", "share/dir/sub" or "/share/dir/" (backslashes accepted).</summary>
        public static ShareTarget Parse(string shareAndDirectory)
        {
            if (string.IsNullOrWhiteSpace(shareAndDirectory)) throw new ArgumentException("A share name is required.", nameof(shareAndDirectory));
            string[] parts = shareAndDirectory.Replace('\\', '/').Split(new[] { '/' }, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 0) throw new ArgumentException("A share name is required.", nameof(shareAndDirectory));
            return new ShareTarget(parts[0], string.Join("/", parts.Skip(1)));
        }

        public ShareTarget Subdirectory(string relative) =>
            new ShareTarget(ShareName, DirectoryPath.Length == 0 ? NormalizeDirectory(relative) : DirectoryPath + "/" + NormalizeDirectory(relative));

        /// <summary>"dir/sub/name" relative to the share.</summary>
        public string PathOf(string fileName) => DirectoryPath.Length == 0 ? fileName : DirectoryPath + "/" + fileName;

        public override string ToString() => DirectoryPath.Length == 0 ? ShareName : ShareName + "/" + DirectoryPath;

        private static string NormalizeDirectory(string path)
        {
            if (string.IsNullOrEmpty(path)) return string.Empty;
            string[] parts = path.Replace('\\', '/').Split(new[] { '/' }, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Any(p => p == "." || p == "..")) throw new ArgumentException("A share directory path cannot contain '.' or '..'.", nameof(path));
            return string.Join("/", parts);
        }
    }
}
