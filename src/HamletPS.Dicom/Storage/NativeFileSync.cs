using System;
using System.IO;
using System.Runtime.InteropServices;
using HamletPS.Dicom.IO;
using Microsoft.Win32.SafeHandles;

namespace HamletPS.Dicom.Storage
{
    /// <summary>
    /// Linux system calls for durable writes that .NET does not expose: <c>fdatasync</c> (data and the metadata needed to read it
    /// back, without the timestamp-only inode update <c>fsync</c> adds), <c>sync_file_range(SYNC_FILE_RANGE_WRITE)</c> (start
    /// writeback of a range now, without waiting, so a later sync has little left to do) and <c>fsync</c> of a directory (makes
    /// a rename in it durable). <see cref="IsAvailable"/> is false elsewhere; callers then fall back to <c>Flush(true)</c>.
    /// </summary>
    internal static class NativeFileSync
    {
        private const uint SyncFileRangeWaitBefore = 1, SyncFileRangeWrite = 2, SyncFileRangeWaitAfter = 4;
        private const int ENOSYS = 38, EINVAL = 22, ESPIPE = 29, EINTR = 4;
        private static bool _noSyncFileRange;

        /// <summary>True on Linux (glibc), where the calls below are used.</summary>
        public static bool IsAvailable { get; } = Probe();

        private static bool Probe()
        {
            if (!PlatformIO.LinuxFastPaths) return false;
            try
            {
                return Libc.getpid() > 0;
            }
            catch (Exception e) when (e is DllNotFoundException || e is EntryPointNotFoundException || e is BadImageFormatException)
            {
                return false;
            }
        }

        /// <summary>fdatasync(2); throws <see cref="IOException"/> on failure (EIO, ENOSPC…).</summary>
        public static void DataSync(SafeFileHandle handle) => Call(handle, Libc.fdatasync, "fdatasync");

        /// <summary>fsync(2) of a file: data and every inode change (including the ctime a rename sets).</summary>
        public static void FullSync(SafeFileHandle handle) => Call(handle, Libc.fsync, "fsync");

        /// <summary>
        /// Writes every dirty page of the file to the device and waits (sync_file_range WAIT_BEFORE|WRITE|WAIT_AFTER): blocks are
        /// allocated and written, but neither the device cache nor the inode is flushed. Throws <see cref="IOException"/>.
        /// </summary>
        public static void WriteOutAndWait(SafeFileHandle handle) =>
            Call(handle, fd => Libc.sync_file_range(fd, 0, 0, SyncFileRangeWaitBefore | SyncFileRangeWrite | SyncFileRangeWaitAfter), "sync_file_range");

        /// <summary>fdatasync(2) of a descriptor.</summary>
        public static void DataSync(int fd) => Call(fd, Libc.fdatasync, "fdatasync");

        /// <summary>fsync(2) of a descriptor.</summary>
        public static void FullSync(int fd) => Call(fd, Libc.fsync, "fsync");

        /// <summary>sync_file_range(WAIT_BEFORE|WRITE|WAIT_AFTER) of a whole descriptor.</summary>
        public static void WriteOutAndWait(int fd) =>
            Call(fd, f => Libc.sync_file_range(f, 0, 0, SyncFileRangeWaitBefore | SyncFileRangeWrite | SyncFileRangeWaitAfter), "sync_file_range");

        private static void Call(SafeFileHandle handle, Func<int, int> call, string name)
        {
            int fd = Descriptor(handle, out bool added);
            try
            {
                Call(fd, call, name);
            }
            finally
            {
                if (added) handle.DangerousRelease();
            }
        }

        private static void Call(int fd, Func<int, int> call, string name)
        {
            while (call(fd) != 0)
            {
                int errno = Marshal.GetLastWin32Error();
                if (errno != EINTR) throw new IOException(name + " failed (errno " + errno + ")");
            }
        }

        /// <summary>
        /// Asks the kernel to start writing back <paramref name="count"/> bytes at <paramref name="offset"/> (no wait). A hint:
        /// failures are ignored, and a file system that does not support it turns the hint off.
        /// </summary>
        public static void StartWriteback(SafeFileHandle handle, long offset, long count)
        {
            if (_noSyncFileRange || count <= 0) return;
            int fd = Descriptor(handle, out bool added);
            try
            {
                StartWriteback(fd, offset, count);
            }
            finally
            {
                if (added) handle.DangerousRelease();
            }
        }

        /// <summary>The same hint for a descriptor.</summary>
        public static void StartWriteback(int fd, long offset, long count)
        {
            if (_noSyncFileRange || count <= 0) return;
            try
            {
                if (Libc.sync_file_range(fd, offset, count, SyncFileRangeWrite) != 0)
                {
                    int errno = Marshal.GetLastWin32Error();
                    if (errno == ENOSYS || errno == EINVAL || errno == ESPIPE) _noSyncFileRange = true;
                }
            }
            catch (EntryPointNotFoundException)
            {
                _noSyncFileRange = true;
            }
        }

        /// <summary>
        /// renameat2(RENAME_NOREPLACE): false when <paramref name="destination"/> exists; null when the file system or kernel
        /// does not support the flag (the caller falls back). Throws <see cref="IOException"/> on other failures.
        /// </summary>
        public static bool? RenameNoReplace(string source, string destination)
        {
            if (_noRenameAt2) return null;
            try
            {
                if (Libc.renameat2(AtFdCwd, NativePath.Of(source), AtFdCwd, NativePath.Of(destination), RenameNoReplaceFlag) == 0) return true;
            }
            catch (EntryPointNotFoundException)
            {
                _noRenameAt2 = true;
                return null;
            }
            int errno = Marshal.GetLastWin32Error();
            if (errno == EEXIST) return false;
            if (errno == EINVAL || errno == ENOSYS) { _noRenameAt2 = true; return null; }
            throw new IOException("rename failed (errno " + errno + ")");
        }

        private const int AtFdCwd = -100, EEXIST = 17;
        private const uint RenameNoReplaceFlag = 1;
        private static bool _noRenameAt2;

        /// <summary>fsync(2) of a directory: makes the entries created or renamed in it durable. Throws <see cref="IOException"/>.</summary>
        public static void SyncDirectory(string folder)
        {
            int fd = Libc.open(NativePath.Of(folder), 0 /* O_RDONLY */, 0);
            if (fd < 0) throw new IOException("cannot open the folder to sync it (errno " + Marshal.GetLastWin32Error() + ")");
            try
            {
                Call(fd, Libc.fsync, "fsync of the folder");
            }
            finally
            {
                _ = Libc.close(fd); // a read-only directory descriptor: nothing is lost if close fails
            }
        }

        /// <summary>The file system's magic number (statfs f_type) for a folder, or 0 when unknown.</summary>
        public static long FileSystemType(string folder)
        {
            if (!IsAvailable || IntPtr.Size != 8) return 0;
            var buffer = new long[32];                       // struct statfs is 120 bytes on 64-bit Linux; f_type comes first
            try
            {
                return Libc.statfs(NativePath.Of(folder), buffer) == 0 ? buffer[0] : 0;
            }
            catch (EntryPointNotFoundException)
            {
                return 0;
            }
        }

        private static int Descriptor(SafeFileHandle handle, out bool added)
        {
            added = false;
            handle.DangerousAddRef(ref added);
            return (int)handle.DangerousGetHandle();
        }
    }
}
