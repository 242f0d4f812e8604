using System;
using System.IO;
using System.Runtime.InteropServices;

namespace HamletPS.Internal
{
    /// <summary>
    /// Windows PowerShell 5.1 (.NET Framework) has no load context to ask for native libraries: a DllImport of "e_sqlite3" (the
    /// dose history's SQLite) searches the process folder and PATH, not Dependencies/. Loading the module's copy by full path
    /// at import makes it the loaded module of that name, which every later DllImport of the name then uses. Windows only;
    /// a missing file or a failed load leaves things as they were (the dose history then reports that SQLite is missing).
    /// </summary>
    internal static class NativeLibraryPreload
    {
        internal static readonly string[] Libraries = { "e_sqlite3" };

        public static void Apply(string dependencyFolder)
        {
            if (Environment.OSVersion.Platform != PlatformID.Win32NT) return;
            string arch = RuntimeInformation.ProcessArchitecture == Architecture.X86 ? "x86"
                : RuntimeInformation.ProcessArchitecture == Architecture.Arm64 ? "arm64" : "x64";
            foreach (string library in Libraries)
            {
                string path = Path.Combine(dependencyFolder, "runtimes", "win-" + arch, "native", library + ".dll");
                if (File.Exists(path)) LoadLibraryW(path);
            }
        }

        [DllImport("kernel32", CharSet = CharSet.Unicode, SetLastError = true)]
        private static extern IntPtr LoadLibraryW(string path);
    }
}
