using System;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;

namespace HamletPS.Core.Tests.Pipeline.Fuzz
{
    /// <summary>
    /// Every entry below a folder, never following links: a file maps to its SHA-256, a link (to a file or a folder) to
    /// "link->" and its target, so a link counts once and what it points at is not read.
    /// </summary>
    internal static class FuzzSnapshot
    {
        public static SortedDictionary<string, string> Take(string folder)
        {
            var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
            if (Directory.Exists(folder)) Walk(new DirectoryInfo(folder), result);
            return result;
        }

        private static void Walk(DirectoryInfo folder, SortedDictionary<string, string> result)
        {
            foreach (FileSystemInfo entry in folder.EnumerateFileSystemInfos())
            {
                if (entry.LinkTarget != null) result[entry.FullName] = "link->" + entry.LinkTarget;
                else if (entry is DirectoryInfo d) Walk(d, result);
                else result[entry.FullName] = Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(entry.FullName)));
            }
        }
    }
}
