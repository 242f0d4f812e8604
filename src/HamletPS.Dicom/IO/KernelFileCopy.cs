using System;
using System.IO;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace HamletPS.Dicom.IO
{
    /// <summary>
    /// File-to-file copy of a byte range inside the kernel (Linux copy_file_range), as `cp` does: the bytes go from the page
    /// cache to the page cache without passing through a buffer of ours. Anywhere else (Windows, .NET Framework, a libc or
    /// kernel without the call, files on different file systems of an old kernel, file systems that refuse it) it copies nothing
    /// and the caller copies the bytes itself; a failure part-way also just leaves the rest to the caller.
    /// </summary>
    internal static class KernelFileCopy
    {
        private const int EINTR = 4;
        private const long MaxPerCall = 1L << 30;
        private static readonly bool IsLinux = PlatformIO.LinuxFastPaths;
        private static volatile bool _unavailable;

        /// <summary>
        /// Copies up to <paramref name="count"/> bytes from <paramref name="source"/> at <paramref name="sourceOffset"/> to
        /// <paramref name="destination"/> at its current position, and advances the destination's position past them.
        /// Returns the bytes copied: fewer than asked (0 included) when the kernel cannot do it or the source ended; the caller
        /// copies the rest (and reports a short source).
        /// </summary>
        public static long Copy(FileStream source, long sourceOffset, FileStream destination, long count)
        {
            if (!IsLinux || _unavailable || count <= 0) return 0;
            destination.Flush(); // bytes a caller's buffered FileStream still holds go first
            long destinationOffset = destination.Position;
            long done = 0;
            SafeFileHandle sourceHandle = source.SafeFileHandle, destinationHandle = destination.SafeFileHandle;
            bool sourceRef = false, destinationRef = false;
            try
            {
                sourceHandle.DangerousAddRef(ref sourceRef);
                destinationHandle.DangerousAddRef(ref destinationRef);
                int inFd = sourceHandle.DangerousGetHandle().ToInt32();
                int outFd = destinationHandle.DangerousGetHandle().ToInt32();
                long inOffset = sourceOffset, outOffset = destinationOffset;
                while (done < count)
                {
                    long n = Libc.copy_file_range(inFd, ref inOffset, outFd, ref outOffset, new UIntPtr((ulong)Math.Min(count - done, MaxPerCall)), 0).ToInt64();
                    if (n < 0)
                    {
                        if (Marshal.GetLastWin32Error() == EINTR) continue;
                        break; // EXDEV, EINVAL, EOPNOTSUPP, ENOSYS, EIO...: the caller's own copy takes over (and meets a real I/O error itself)
                    }
                    if (n == 0) break; // the source ended: the caller's copy reports where
                    done += n;
                }
            }
            catch (Exception ex) when (ex is DllNotFoundException || ex is EntryPointNotFoundException)
            {
                _unavailable = true;
            }
            finally
            {
                if (destinationRef) destinationHandle.DangerousRelease();
                if (sourceRef) sourceHandle.DangerousRelease();
            }
            destination.Position = destinationOffset + done;
            source.Position = sourceOffset + done;
            return done;
        }
    }
}
