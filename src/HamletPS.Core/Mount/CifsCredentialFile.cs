using System;
using System.ComponentModel;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace HamletPS.Core.Upload
{
    /// <summary>
    /// Writes the mount.cifs credentials file (<c>username=</c>, <c>password=</c> lines) so the key is never readable by
    /// anyone else, not even for a moment: a temporary file is created exclusively with mode 600 (open(2) with O_EXCL and
    /// the mode, so no umask or later chmod is involved), written, flushed to disk, then renamed over the final name
    /// (atomic: readers see the old file or the new one). Its folder is created with mode 700 when missing. Linux only.
    /// </summary>
    public static class CifsCredentialFile
    {
        private const int O_WRONLY = 0x1, O_CREAT = 0x40, O_EXCL = 0x80, O_CLOEXEC = 0x80000;
        private const int UserReadWrite = 0x180; // 0600
        private const int UserOnlyFolder = 0x1C0; // 0700

        public static void Write(string path, string accountName, string accountKey)
        {
            if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux)) throw new PlatformNotSupportedException("The CIFS credentials file is written on Linux only.");
            if (string.IsNullOrEmpty(path)) throw new ArgumentException("A path is required.", nameof(path));
            if (string.IsNullOrEmpty(accountName) || accountName.IndexOfAny(new[] { '\n', '\r' }) >= 0) throw new ArgumentException("The account name is empty or spans lines.", nameof(accountName));
            if (string.IsNullOrEmpty(accountKey) || accountKey.IndexOfAny(new[] { '\n', '\r' }) >= 0)
                throw new ArgumentException("The account key is empty or spans lines (the key itself is not shown).", nameof(accountKey));

            string full = Path.GetFullPath(path);
            string folder = Path.GetDirectoryName(full);
            EnsureFolder(folder);
            string temp = Path.Combine(folder, "." + Path.GetFileName(full) + ".tmp-" + Guid.NewGuid().ToString("N").Substring(0, 8));
            int fd = open(NativePath(temp), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, UserReadWrite);
            if (fd < 0) throw new IOException("Cannot create '" + temp + "': " + new Win32Exception(Marshal.GetLastWin32Error()).Message);
            try
            {
                using (var stream = new FileStream(new SafeFileHandle(new IntPtr(fd), ownsHandle: true), FileAccess.Write))
                {
                    byte[] bytes = Encoding.UTF8.GetBytes("username=" + accountName + "\npassword=" + accountKey + "\n");
                    stream.Write(bytes, 0, bytes.Length);
                    stream.Flush(flushToDisk: true);
                }
                if (rename(NativePath(temp), NativePath(full)) != 0) throw new IOException("Cannot rename the credentials file into '" + full + "': " + new Win32Exception(Marshal.GetLastWin32Error()).Message);
            }
            catch
            {
                try { File.Delete(temp); } catch (IOException) { } catch (UnauthorizedAccessException) { }
                throw;
            }
        }

        private static void EnsureFolder(string folder)
        {
            if (string.IsNullOrEmpty(folder) || Directory.Exists(folder)) return;
            EnsureFolder(Path.GetDirectoryName(folder));
            if (mkdir(NativePath(folder), UserOnlyFolder) != 0 && !Directory.Exists(folder))
                throw new IOException("Cannot create the folder '" + folder + "': " + new Win32Exception(Marshal.GetLastWin32Error()).Message);
        }

        /// <summary>A NUL-terminated UTF-8 path for libc (netstandard2.0 has no UTF-8 string marshalling).</summary>
        private static byte[] NativePath(string path) => Encoding.UTF8.GetBytes(path + "\0");

        [DllImport("libc", SetLastError = true)]
        private static extern int open(byte[] path, int flags, int mode);

        [DllImport("libc", SetLastError = true)]
        private static extern int rename(byte[] from, byte[] to);

        [DllImport("libc", SetLastError = true)]
        private static extern int mkdir(byte[] path, int mode);
    }
}
