using System;
using System.Runtime.InteropServices;

namespace HamletPS.Dicom.IO
{
    /// <summary>
    /// Which file-system paths this process takes. On Linux HamletPS makes C-library calls .NET does not expose (rename(2),
    /// copy_file_range, statx, fdatasync/sync_file_range, the plain-descriptor received file); everywhere else it uses the
    /// portable .NET calls. Setting the environment variable <c>HAMLET_PORTABLE_IO=1</c> before the process starts turns every
    /// Linux-only path off, so tests (and a site that suspects one) run the code Windows and .NET Framework run.
    /// </summary>
    public static class PlatformIO
    {
        /// <summary>The environment variable that turns the Linux-only paths off ("1" or "true").</summary>
        public const string PortableVariable = "HAMLET_PORTABLE_IO";

        /// <summary>True on Linux unless <see cref="PortableVariable"/> is set: the C-library fast paths may be tried.</summary>
        public static bool LinuxFastPaths { get; } = RuntimeInformation.IsOSPlatform(OSPlatform.Linux) && !PortableRequested();

        /// <summary>True on Windows (any runtime).</summary>
        public static bool IsWindows { get; } = RuntimeInformation.IsOSPlatform(OSPlatform.Windows);

        /// <summary>True when <see cref="PortableVariable"/> asks for the portable paths.</summary>
        public static bool PortableRequested()
        {
            string value = Environment.GetEnvironmentVariable(PortableVariable);
            return value != null && (value.Trim() == "1" || value.Trim().Equals("true", StringComparison.OrdinalIgnoreCase));
        }
    }
}
