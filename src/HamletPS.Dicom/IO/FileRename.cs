using System;
using System.IO;
using System.Runtime.InteropServices;

namespace HamletPS.Dicom.IO
{
    /// <summary>
    /// Puts a finished temporary file in place under its final name in one atomic step, replacing a file already there: the
    /// last step of every "write to a temporary name, then rename" in HamletPS. On Linux that is one rename(2) call (atomic,
    /// replaces); on Windows MoveFileEx with MOVEFILE_WRITE_THROUGH (the rename is on disk when it returns); elsewhere, or
    /// when the call fails, .NET's File.Replace or File.Move, which also raise the error. A file held by another program
    /// (antivirus, backup) is retried briefly (<see cref="FileRetry"/>).
    /// </summary>
    public static class FileRename
    {
        private static readonly bool IsLinux = PlatformIO.LinuxFastPaths;
        private static volatile bool _nativeUnavailable;

        /// <summary>Renames <paramref name="temporaryPath"/> to <paramref name="finalPath"/> (same folder or file system), replacing it if it exists.</summary>
        public static void ReplaceOrMove(string temporaryPath, string finalPath)
        {
            if (temporaryPath == null) throw new ArgumentNullException(nameof(temporaryPath));
            if (finalPath == null) throw new ArgumentNullException(nameof(finalPath));
            if (IsLinux && !_nativeUnavailable && TryNativeRename(temporaryPath, finalPath)) return;
            FileRetry.Run(() =>
            {
                if (PlatformIO.IsWindows && WindowsFileRename.TryMoveWriteThrough(temporaryPath, finalPath, replace: true) == true) return;
                if (File.Exists(finalPath)) File.Replace(temporaryPath, finalPath, null);
                else File.Move(temporaryPath, finalPath);
            });
        }

        /// <summary>rename(2); false (nothing changed) when it fails, so the managed path runs and reports the failure in .NET's words.</summary>
        private static bool TryNativeRename(string from, string to)
        {
            try
            {
                return Libc.rename(NativePath.Of(from), NativePath.Of(to)) == 0;
            }
            catch (Exception ex) when (ex is DllNotFoundException || ex is EntryPointNotFoundException)
            {
                _nativeUnavailable = true;
                return false;
            }
        }
    }
}
