using System;
using System.IO;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace HamletPS.Dicom.IO
{
    /// <summary>
    /// A file's length and last write time, taken from an open handle: what a file source records when a file is read and
    /// checks when its large values are copied later (the file must be the one that was read). On Linux one statx(2) call on
    /// the open file, which also makes the check about the file actually opened rather than whatever the path names by then;
    /// elsewhere (or without statx) the path's FileInfo. Both give the time in .NET ticks (100 ns), so stamps of either kind
    /// compare equal for an unchanged file.
    /// </summary>
    internal readonly struct FileStamp : IEquatable<FileStamp>
    {
        private const int AT_EMPTY_PATH = 0x1000;
        private const uint STATX_SIZE = 0x200, STATX_MTIME = 0x40;
        private const int StatxBufferSize = 256, SizeOffset = 40, MtimeSecondsOffset = 112, MtimeNanosecondsOffset = 120;
        private static readonly bool IsLinux = PlatformIO.LinuxFastPaths;
        private static readonly byte[] EmptyPath = { 0 };
        private const long UnixEpochTicks = 621355968000000000L; // DateTime.UnixEpoch.Ticks (not in netstandard2.0)
        private static volatile bool _statxUnavailable;

        public FileStamp(long length, long lastWriteUtcTicks)
        {
            Length = length;
            LastWriteUtcTicks = lastWriteUtcTicks;
        }

        public long Length { get; }

        public long LastWriteUtcTicks { get; }

        /// <summary>The stamp of an open file (its path is used only where the handle cannot be asked).</summary>
        public static FileStamp Of(FileStream file)
        {
            if (IsLinux && !_statxUnavailable && TryStatx(file.SafeFileHandle, out FileStamp stamp)) return stamp;
            return OfPath(file.Name);
        }

        /// <summary>The stamp of a path; Length -1 when there is no such file.</summary>
        public static FileStamp OfPath(string path)
        {
            var info = new FileInfo(path);
            return info.Exists ? new FileStamp(info.Length, info.LastWriteTimeUtc.Ticks) : new FileStamp(-1, 0);
        }

        private static bool TryStatx(SafeFileHandle handle, out FileStamp stamp)
        {
            stamp = default(FileStamp);
            bool added = false;
            try
            {
                handle.DangerousAddRef(ref added);
                var buffer = new byte[StatxBufferSize];
                if (Libc.statx(handle.DangerousGetHandle().ToInt32(), EmptyPath, AT_EMPTY_PATH, STATX_SIZE | STATX_MTIME, buffer) != 0) return false;
                uint mask = BitConverter.ToUInt32(buffer, 0);
                if ((mask & (STATX_SIZE | STATX_MTIME)) != (STATX_SIZE | STATX_MTIME)) return false;
                long seconds = BitConverter.ToInt64(buffer, MtimeSecondsOffset);
                uint nanoseconds = BitConverter.ToUInt32(buffer, MtimeNanosecondsOffset);
                long ticks = UnixEpochTicks + seconds * TimeSpan.TicksPerSecond + nanoseconds / 100;
                stamp = new FileStamp(BitConverter.ToInt64(buffer, SizeOffset), ticks);
                return true;
            }
            catch (Exception ex) when (ex is DllNotFoundException || ex is EntryPointNotFoundException)
            {
                _statxUnavailable = true; // glibc before 2.28: FileInfo from now on
                return false;
            }
            finally
            {
                if (added) handle.DangerousRelease();
            }
        }

        public bool Equals(FileStamp other) => Length == other.Length && LastWriteUtcTicks == other.LastWriteUtcTicks;

        public override bool Equals(object obj) => obj is FileStamp other && Equals(other);

        public override int GetHashCode() => Length.GetHashCode() ^ LastWriteUtcTicks.GetHashCode();
    }
}
