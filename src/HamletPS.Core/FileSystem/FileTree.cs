#nullable enable
using System;
using System.Collections.Generic;
using System.IO;
using HamletPS.Dicom.IO;

namespace HamletPS.Core.FileSystem
{
    /// <summary>
    /// Walks a folder without following links: a symbolic link (to a file or a folder) or a Windows junction found below the
    /// root is never entered, read, moved or deleted through; it is handed to <c>linkFound</c> so the caller can say it was
    /// left out. The root itself may be a link (a site may place INCOMING on another disk that way): it is the folder the
    /// caller was given. Every walker of a folder a command owns (sort, clear, archive, protect, unprotect, inspect, the
    /// pipeline, the record folder) goes through here, so nothing outside the site's folders is touched by following a link
    /// that a sender or another user placed inside them.
    /// </summary>
    public static class FileTree
    {
        /// <summary>
        /// The files below <paramref name="root"/> (recursively, or its own files only), in ordinal order of their full paths.
        /// Links are passed to <paramref name="linkFound"/> (full path) and left out; folders that cannot be listed are left out.
        /// </summary>
        public static List<string> Files(string root, bool recurse = true, Action<string>? linkFound = null)
        {
            var files = new List<string>();
            foreach (FileSystemInfo entry in Entries(root, recurse, linkFound))
                if (!(entry is DirectoryInfo)) files.Add(entry.FullName);
            files.Sort(StringComparer.Ordinal);
            return files;
        }

        /// <summary>The real (not linked) folders below <paramref name="root"/>, recursively, deepest first.</summary>
        public static List<string> Folders(string root, Action<string>? linkFound = null)
        {
            var folders = new List<string>();
            foreach (FileSystemInfo entry in Entries(root, true, linkFound))
                if (entry is DirectoryInfo) folders.Add(entry.FullName);
            folders.Sort((a, b) => b.Length != a.Length ? b.Length.CompareTo(a.Length) : string.CompareOrdinal(a, b));
            return folders;
        }

        /// <summary>True when <paramref name="path"/> itself is a symbolic link or junction (not following it).</summary>
        public static bool IsLink(string path)
        {
            try
            {
                var info = new FileInfo(path);
                return info.Exists || Directory.Exists(path) ? (info.Attributes & FileAttributes.ReparsePoint) != 0 : IsDanglingLink(path);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is ArgumentException || ex is NotSupportedException)
            {
                return false;
            }
        }

        /// <summary>
        /// True when a folder on the way from <paramref name="root"/> down to <paramref name="path"/> (excluding the root itself,
        /// including <paramref name="path"/> when it exists) is a link: writing there would leave the root.
        /// </summary>
        public static bool HasLinkBelow(string root, string path)
        {
            string r = Path.GetFullPath(root);
            string p = Path.GetFullPath(path);
            if (PathRules.Current.AreSame(p, r)) return false;
            if (!PathRules.Current.IsInside(p, r)) return true;
            for (string d = p; d != null && PathRules.Current.IsInside(d, r); d = Path.GetDirectoryName(d))
                if ((File.Exists(d) || Directory.Exists(d) || IsDanglingLink(d)) && IsLink(d)) return true;
            return false;
        }

        private static bool IsDanglingLink(string path)
        {
            // A link whose target is gone: neither File.Exists nor Directory.Exists sees it, its parent's listing does.
            string parent = Path.GetDirectoryName(path);
            if (parent == null || !Directory.Exists(parent)) return false;
            string name = Path.GetFileName(path);
            foreach (FileSystemInfo e in new DirectoryInfo(parent).EnumerateFileSystemInfos(name))
                if (string.Equals(e.Name, name, StringComparison.Ordinal) && (e.Attributes & FileAttributes.ReparsePoint) != 0) return true;
            return false;
        }

        private static IEnumerable<FileSystemInfo> Entries(string root, bool recurse, Action<string>? linkFound)
        {
            var pending = new Stack<DirectoryInfo>();
            pending.Push(new DirectoryInfo(Path.GetFullPath(root)));
            while (pending.Count > 0)
            {
                DirectoryInfo dir = pending.Pop();
                FileSystemInfo[] entries;
                try
                {
                    entries = dir.GetFileSystemInfos();
                }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
                {
                    continue;
                }
                foreach (FileSystemInfo entry in entries)
                {
                    if ((entry.Attributes & FileAttributes.ReparsePoint) != 0)
                    {
                        linkFound?.Invoke(entry.FullName);
                        continue;
                    }
                    yield return entry;
                    if (recurse && entry is DirectoryInfo sub) pending.Push(sub);
                }
            }
        }
    }
}
