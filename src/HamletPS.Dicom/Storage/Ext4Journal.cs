using System;
using System.Collections.Generic;
using System.IO;
using HamletPS.Dicom.IO;

namespace HamletPS.Dicom.Storage
{
    /// <summary>
    /// Whether the ext2/ext3/ext4 file system holding a folder has a journal. All three report the same <c>statfs</c> magic,
    /// but only a journal orders a rename after the data it names; an ext4 mounted without one (or ext2) shows
    /// <c>&lt;none&gt;</c> in <c>/sys/fs/ext4/&lt;device&gt;/journal_task</c>. The folder's device comes from
    /// <c>/proc/self/mountinfo</c> (the longest mount point above it) and is matched to <c>/sys/class/block/&lt;device&gt;/dev</c>.
    /// </summary>
    internal static class Ext4Journal
    {
        /// <summary>False when the folder's ext4 file system has no journal; true when it has one; null when unknown.</summary>
        public static bool? HasJournal(string folder)
        {
            try
            {
                string? device = DeviceOf(Path.GetFullPath(folder));
                if (device == null) return null;
                foreach (string dir in Directory.EnumerateDirectories("/sys/fs/ext4"))
                {
                    string name = Path.GetFileName(dir);
                    string devFile = Path.Combine("/sys/class/block", name, "dev");
                    if (!File.Exists(devFile) || File.ReadAllText(devFile).Trim() != device) continue;
                    string task = Path.Combine(dir, "journal_task");
                    if (!File.Exists(task)) return null;
                    return File.ReadAllText(task).Trim() != "<none>";
                }
                return null;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is ArgumentException || e is NotSupportedException)
            {
                return null;
            }
        }

        /// <summary>major:minor of the mount holding <paramref name="fullPath"/>, from /proc/self/mountinfo.</summary>
        private static string? DeviceOf(string fullPath)
        {
            string? bestMount = null, bestDevice = null;
            foreach (string line in File.ReadLines("/proc/self/mountinfo"))
            {
                string[] f = line.Split(' ');
                if (f.Length < 5) continue;
                string mount = f[4].Replace("\\040", " ").Replace("\\011", "\t").Replace("\\134", "\\");
                if (!PathRules.Linux.IsSameOrInside(fullPath, mount)) continue; // mountinfo is Linux's: its rule
                if (bestMount == null || mount.Length >= bestMount.Length) { bestMount = mount; bestDevice = f[2]; }
            }
            return bestDevice;
        }
    }
}
