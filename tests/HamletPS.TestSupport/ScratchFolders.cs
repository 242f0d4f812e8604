using System;
using System.Collections.Generic;
using System.IO;

namespace HamletPS.TestSupport
{
    /// <summary>
    /// Folders that live until the test process ends (for fixtures and helpers with no Dispose of their own): removed at
    /// exit, and earlier runs' leftovers older than an hour are removed when the first one is made.
    /// </summary>
    public static class ScratchFolders
    {
        private const string Prefix = "hamletps-scratch-";
        private static readonly List<string> Folders = new List<string>();

        /// <summary>A new, empty folder whose name starts with the given word (no identifier in it).</summary>
        public static string New(string name)
        {
            string dir = Path.Combine(Path.GetTempPath(), Prefix + name + "-" + Guid.NewGuid().ToString("N").Substring(0, 8));
            Directory.CreateDirectory(dir);
            lock (Folders)
            {
                if (Folders.Count == 0)
                {
                    AppDomain.CurrentDomain.ProcessExit += (s, e) => DeleteAll();
                    foreach (string old in Directory.GetDirectories(Path.GetTempPath(), Prefix + "*"))
                        if (Directory.GetLastWriteTimeUtc(old) < DateTime.UtcNow.AddHours(-1))
                            try { Directory.Delete(old, true); } catch (Exception) { }
                }
                Folders.Add(dir);
            }
            return dir;
        }

        private static void DeleteAll()
        {
            lock (Folders)
                foreach (string d in Folders)
                    try { Directory.Delete(d, true); } catch (Exception) { }
        }
    }
}
