using System;
using System.Diagnostics;
using System.IO;

namespace HamletPS.Dicom.Tests
{
    /// <summary>
    /// This process's resident memory from /proc/self/status (Linux). The peak (VmHWM) can be reset to the current resident
    /// set by writing 5 to /proc/self/clear_refs, so a test can measure the peak growth of one step.
    /// </summary>
    internal static class ProcessMemory
    {
        /// <summary>Resets the peak to the current resident set; false where the kernel does not allow it (then the peak is the process's lifetime peak).</summary>
        public static bool TryResetPeak()
        {
            try
            {
                File.WriteAllText("/proc/self/clear_refs", "5");
                return true;
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                return false;
            }
        }

        /// <summary>Current resident set in bytes.</summary>
        public static long Resident => Status("VmRSS:") ?? Process.GetCurrentProcess().WorkingSet64;

        /// <summary>Peak resident set in bytes (since the last reset).</summary>
        public static long Peak => Status("VmHWM:") ?? Process.GetCurrentProcess().PeakWorkingSet64;

        private static long? Status(string key)
        {
            if (!File.Exists("/proc/self/status")) return null;
            foreach (string line in File.ReadAllLines("/proc/self/status"))
            {
                if (!line.StartsWith(key, StringComparison.Ordinal)) continue;
                string[] parts = line.Substring(key.Length).Trim().Split(' ');
                return long.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture) * 1024; // kB
            }
            return null;
        }
    }
}
