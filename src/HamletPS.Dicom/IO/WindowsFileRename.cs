using System;
using System.ComponentModel;
using System.IO;
using System.Runtime.InteropServices;

namespace HamletPS.Dicom.IO
{
    /// <summary>
    /// Windows: MoveFileEx with MOVEFILE_WRITE_THROUGH, which returns only once the rename is on disk — the durable rename a
    /// received file needs before it is acknowledged (File.Move and File.Replace leave it in the cache). Called only when
    /// <see cref="PlatformIO.IsWindows"/>; a failure is raised as the IOException .NET would raise.
    /// </summary>
    internal static class WindowsFileRename
    {
        private const uint MOVEFILE_REPLACE_EXISTING = 0x1, MOVEFILE_WRITE_THROUGH = 0x8;
        private const int ERROR_FILE_EXISTS = 80, ERROR_ALREADY_EXISTS = 183;
        private static volatile bool _unavailable;

        [DllImport("kernel32.dll", EntryPoint = "MoveFileExW", CharSet = CharSet.Unicode, SetLastError = true)]
        private static extern bool MoveFileEx(string existingFileName, string newFileName, uint flags);

        /// <summary>
        /// Renames with write-through: true when done; false, without <paramref name="replace"/>, when the destination exists;
        /// null when the call is unavailable (the caller falls back to .NET).
        /// </summary>
        public static bool? TryMoveWriteThrough(string source, string destination, bool replace)
        {
            if (_unavailable || !PlatformIO.IsWindows) return null;
            try
            {
                if (MoveFileEx(Path.GetFullPath(source), Path.GetFullPath(destination), MOVEFILE_WRITE_THROUGH | (replace ? MOVEFILE_REPLACE_EXISTING : 0))) return true;
            }
            catch (Exception ex) when (ex is DllNotFoundException || ex is EntryPointNotFoundException)
            {
                _unavailable = true;
                return null;
            }
            int error = Marshal.GetLastWin32Error();
            if (!replace && (error == ERROR_FILE_EXISTS || error == ERROR_ALREADY_EXISTS)) return false;
            throw new IOException("cannot rename the file: " + new Win32Exception(error).Message, unchecked((int)0x80070000) | error);
        }
    }
}
