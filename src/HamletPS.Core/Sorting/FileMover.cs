using System;
using System.IO;
using System.Linq;
using HamletPS.Dicom.IO;

namespace HamletPS.Core.Sorting
{
    /// <summary>
    /// Moves with the operating system's rename when source and destination share a volume, found from the mount points
    /// (<see cref="DriveInfo.GetDrives"/>: drive letters on Windows, mount points on Linux and macOS; the longest root that
    /// contains a path is its volume).
    /// </summary>
    public sealed class FileMover : IFileMover
    {
        public static FileMover Instance { get; } = new FileMover();

        public bool SameVolume(string sourceFile, string destinationDirectory)
        {
            string a = VolumeOf(Path.GetFullPath(sourceFile));
            string b = VolumeOf(Path.GetFullPath(destinationDirectory));
            return a != null && PathRules.Current.AreSame(a, b);
        }

        public void Rename(string sourceFile, string destinationFile) => File.Move(sourceFile, destinationFile);

        public void Copy(string sourceFile, string destinationFile)
        {
            using (var input = new FileStream(sourceFile, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.SequentialScan))
            using (var output = new FileStream(destinationFile, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920))
            {
                input.CopyTo(output, 81920);
                output.Flush(flushToDisk: true);
            }
            File.SetLastWriteTimeUtc(destinationFile, File.GetLastWriteTimeUtc(sourceFile));
        }

        public void Delete(string file) => File.Delete(file);

        private static string VolumeOf(string fullPath)
        {
            string best = null;
            string[] roots;
            try
            {
                roots = DriveInfo.GetDrives().Select(d => d.RootDirectory.FullName).ToArray();
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                return Path.GetPathRoot(fullPath);
            }
            foreach (string root in roots)
            {
                if (!PathRules.Current.IsSameOrInside(fullPath, root)) continue;
                if (best == null || root.Length > best.Length) best = root;
            }
            return best ?? Path.GetPathRoot(fullPath);
        }
    }
}
