using System;
using System.Runtime.InteropServices;

namespace HamletPS.Dicom.IO
{
    /// <summary>
    /// The C library (glibc) calls HamletPS makes on Linux where .NET has no API, declared once for the whole product (Core
    /// reaches them through <see cref="PlatformIO"/>, never by declaring its own). Callers take the platform decision from
    /// <see cref="PlatformIO"/>, pass paths through <see cref="NativePath.Of"/>, and fall back to .NET when a call is missing
    /// (DllNotFoundException, EntryPointNotFoundException: another libc, an old glibc) or refused by the kernel.
    /// </summary>
    internal static class Libc
    {
        private const string Name = "libc.so.6";

        [DllImport(Name, SetLastError = true)]
        public static extern int open(byte[] path, int flags, int mode);

        [DllImport(Name, SetLastError = true)]
        public static extern int close(int fd);

        [DllImport(Name, SetLastError = true)]
        public static extern int mkdir(byte[] path, int mode);

        [DllImport(Name, SetLastError = true)]
        public static extern IntPtr write(int fd, ref byte buffer, IntPtr count);

        [DllImport(Name, SetLastError = true)]
        public static extern IntPtr pread(int fd, ref byte buffer, IntPtr count, long offset);

        [DllImport(Name, SetLastError = true)]
        public static extern int fdatasync(int fd);

        [DllImport(Name, SetLastError = true)]
        public static extern int fsync(int fd);

        [DllImport(Name, SetLastError = true)]
        public static extern int sync_file_range(int fd, long offset, long nbytes, uint flags);

        [DllImport(Name)]
        public static extern int getpid();

        [DllImport(Name, SetLastError = true)]
        public static extern int rename(byte[] oldPath, byte[] newPath);

        [DllImport(Name, SetLastError = true)]
        public static extern int renameat2(int sourceDirectory, byte[] source, int destinationDirectory, byte[] destination, uint flags);

        [DllImport(Name, SetLastError = true)]
        public static extern int statfs(byte[] path, [Out] long[] buffer);

        [DllImport(Name, SetLastError = true)]
        public static extern int statx(int dirfd, byte[] path, int flags, uint mask, byte[] buffer);

        [DllImport(Name, SetLastError = true)]
        public static extern IntPtr copy_file_range(int fdIn, ref long offIn, int fdOut, ref long offOut, UIntPtr length, uint flags);
    }
}
