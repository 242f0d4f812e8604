using System;
using System.ComponentModel;
using System.IO;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace HamletPS.Dicom.IO
{
    /// <summary>
    /// The platform seam (as fo-dicom's IOManager): which operating-system paths this process takes, decided once here, and
    /// the operating-system file operations the toolkit and the workflow need where .NET has none (<see cref="Libc"/> declares
    /// the C calls; Core calls these methods instead of declaring any). On Linux HamletPS makes C-library calls .NET does not
    /// expose (rename(2), copy_file_range, statx, fdatasync/sync_file_range, the plain-descriptor received file, owner-only
    /// files); everywhere else it uses the portable .NET calls. Setting the environment variable <c>HAMLET_PORTABLE_IO=1</c>
    /// before the process starts turns every Linux-only fast path off, so tests (and a site that suspects one) run the code
    /// Windows and .NET Framework run; it never turns off what a file's protection depends on (<see cref="CreateOwnerOnlyFile"/>).
    /// </summary>
    public static class PlatformIO
    {
        private const int O_WRONLY = 0x1, O_CREAT = 0x40, O_EXCL = 0x80, O_CLOEXEC = 0x80000;
        private const int OwnerReadWrite = 0x180;  // 0600
        private const int OwnerOnlyFolder = 0x1C0; // 0700

        /// <summary>The environment variable that turns the Linux-only paths off ("1" or "true").</summary>
        public const string PortableVariable = "HAMLET_PORTABLE_IO";

        /// <summary>True on Linux, whatever <see cref="PortableVariable"/> says.</summary>
        public static bool IsLinux { get; } = RuntimeInformation.IsOSPlatform(OSPlatform.Linux);

        /// <summary>True on Linux unless <see cref="PortableVariable"/> is set: the C-library fast paths may be tried.</summary>
        public static bool LinuxFastPaths { get; } = IsLinux && !PortableRequested();

        /// <summary>True on Windows (any runtime).</summary>
        public static bool IsWindows { get; } = RuntimeInformation.IsOSPlatform(OSPlatform.Windows);

        /// <summary>True when <see cref="PortableVariable"/> asks for the portable paths.</summary>
        public static bool PortableRequested()
        {
            string value = Environment.GetEnvironmentVariable(PortableVariable);
            return value != null && (value.Trim() == "1" || value.Trim().Equals("true", StringComparison.OrdinalIgnoreCase));
        }

        /// <summary>
        /// Linux: creates <paramref name="folder"/> and its missing parents with mode 0700 (mkdir(2) with the mode, so no
        /// other user can enter them at any moment). An existing folder is left as it is. Throws
        /// <see cref="PlatformNotSupportedException"/> elsewhere, <see cref="IOException"/> naming the folder and the reason.
        /// </summary>
        public static void CreateOwnerOnlyFolder(string folder)
        {
            RequireLinux("An owner-only folder");
            if (string.IsNullOrEmpty(folder) || Directory.Exists(folder)) return;
            CreateOwnerOnlyFolder(Path.GetDirectoryName(folder));
            if (Libc.mkdir(NativePath.Of(folder), OwnerOnlyFolder) != 0 && !Directory.Exists(folder))
                throw new IOException("Cannot create the folder '" + folder + "': " + LastError());
        }

        /// <summary>
        /// Linux: creates a new file readable and writable by its owner only from its first moment (open(2) with
        /// O_CREAT|O_EXCL and mode 0600: no umask, no later chmod) and returns it open for writing. Fails when the file exists.
        /// Throws <see cref="PlatformNotSupportedException"/> elsewhere, <see cref="IOException"/> naming the file and the reason.
        /// </summary>
        public static FileStream CreateOwnerOnlyFile(string path)
        {
            RequireLinux("An owner-only file");
            int fd = Libc.open(NativePath.Of(path), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, OwnerReadWrite);
            if (fd < 0) throw new IOException("Cannot create '" + path + "': " + LastError());
            return new FileStream(new SafeFileHandle(new IntPtr(fd), ownsHandle: true), FileAccess.Write);
        }

        private static void RequireLinux(string what)
        {
            if (!IsLinux) throw new PlatformNotSupportedException(what + " is created on Linux only.");
        }

        /// <summary>The C library's text for the last error (strerror).</summary>
        private static string LastError() => new Win32Exception(Marshal.GetLastWin32Error()).Message;
    }
}
