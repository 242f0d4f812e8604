using System;
using System.IO;
using System.Threading;

namespace HamletPS.Dicom.IO
{
    /// <summary>
    /// Renames and deletes retried briefly while another program holds the file: on Windows an antivirus scanner, a backup
    /// agent or the search indexer opens new files for a moment, and a rename or delete then fails with a sharing violation
    /// (or access denied while a delete is pending). Up to <see cref="Attempts"/> tries about 1.5 s apart in all; any other
    /// error (not found, path too long, disk full, a real permission problem) is thrown at once. The one retry helper of the
    /// sorter, <see cref="FileRename"/> and the archive writer.
    /// </summary>
    public static class FileRetry
    {
        private const int ErrorSharingViolation = 32, ErrorLockViolation = 33, EWouldBlock = 11;

        /// <summary>Tries in all (the first and the retries).</summary>
        public const int Attempts = 6;

        /// <summary>Test seam: the pause before retry <c>n</c> (1-based); 25 ms doubling, 775 ms in all.</summary>
        internal static Func<int, TimeSpan> Pause { get; set; } = n => TimeSpan.FromMilliseconds(25 << (n - 1));

        /// <summary>Runs <paramref name="action"/>, retrying it while the file is held by another program.</summary>
        public static void Run(Action action)
        {
            if (action == null) throw new ArgumentNullException(nameof(action));
            for (int attempt = 1; ; attempt++)
            {
                try
                {
                    action();
                    return;
                }
                catch (Exception ex) when (attempt < Attempts && IsHeldByAnotherProgram(ex))
                {
                    Thread.Sleep(Pause(attempt));
                }
            }
        }

        /// <summary>
        /// True for a sharing or lock violation (Windows and .NET Framework: ERROR_SHARING_VIOLATION/ERROR_LOCK_VIOLATION; .NET
        /// elsewhere: the errno of its flock-based FileShare emulation) and, on
        /// Windows only, access denied (a file another program has open for delete). Not for a path that is too long.
        /// </summary>
        public static bool IsHeldByAnotherProgram(Exception exception)
        {
            if (exception is PathTooLongException || exception is FileNotFoundException || exception is DirectoryNotFoundException) return false;
            if (exception is IOException io)
            {
                int code = io.HResult & 0xFFFF;
                if ((io.HResult & unchecked((int)0xFFFF0000)) == unchecked((int)0x80070000)) return code == ErrorSharingViolation || code == ErrorLockViolation;
                // .NET on Linux and macOS emulates FileShare with flock and reports a conflict with errno EWOULDBLOCK (11) as HResult.
                return !PlatformIO.IsWindows && io.HResult == EWouldBlock;
            }
            return exception is UnauthorizedAccessException && PlatformIO.IsWindows;
        }
    }
}
