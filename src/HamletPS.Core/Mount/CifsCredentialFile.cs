using System;
using System.IO;
using System.Text;
using HamletPS.Dicom.IO;

namespace HamletPS.Core.Mount
{
    /// <summary>
    /// Writes the mount.cifs credentials file (<c>username=</c>, <c>password=</c> lines) so the key is never readable by
    /// anyone else, not even for a moment: a temporary file is created exclusively with mode 600 (open(2) with O_EXCL and
    /// the mode, so no umask or later chmod is involved), written, flushed to disk, then renamed over the final name
    /// (atomic: readers see the old file or the new one). Its folder is created with mode 700 when missing. Linux only. The
    /// system calls are the platform seam's (<see cref="PlatformIO"/>, <see cref="FileRename"/>).
    /// </summary>
    public static class CifsCredentialFile
    {
        public static void Write(string path, string accountName, string accountKey)
        {
            if (!PlatformIO.IsLinux) throw new PlatformNotSupportedException("The CIFS credentials file is written on Linux only.");
            if (string.IsNullOrEmpty(path)) throw new ArgumentException("A path is required.", nameof(path));
            if (string.IsNullOrEmpty(accountName) || accountName.IndexOfAny(new[] { '\n', '\r' }) >= 0) throw new ArgumentException("The account name is empty or spans lines.", nameof(accountName));
            if (string.IsNullOrEmpty(accountKey) || accountKey.IndexOfAny(new[] { '\n', '\r' }) >= 0)
                throw new ArgumentException("The account key is empty or spans lines (the key itself is not shown).", nameof(accountKey));

            string full = Path.GetFullPath(path);
            string folder = Path.GetDirectoryName(full);
            PlatformIO.CreateOwnerOnlyFolder(folder);
            string temp = TemporaryFileName.Beside(full);
            FileStream created = PlatformIO.CreateOwnerOnlyFile(temp);
            try
            {
                using (FileStream stream = created)
                {
                    byte[] bytes = Encoding.UTF8.GetBytes("username=" + accountName + "\npassword=" + accountKey + "\n");
                    stream.Write(bytes, 0, bytes.Length);
                    stream.Flush(flushToDisk: true);
                }
                FileRename.ReplaceOrMove(temp, full);
            }
            catch
            {
                try { File.Delete(temp); } catch (IOException) { } catch (UnauthorizedAccessException) { }
                throw;
            }
        }
    }
}
