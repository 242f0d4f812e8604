using System.Collections.Generic;
using System.IO;

namespace HamletPS.Dicom.Network
{
    /// <summary>The local file system behind <see cref="IStorageFileSystem"/>.</summary>
    public sealed class LocalStorageFileSystem : IStorageFileSystem
    {
        public static LocalStorageFileSystem Instance { get; } = new LocalStorageFileSystem();

        /// <summary>Write buffer per open file; large buffers mean few system calls for 16–64 KiB PDV fragments.</summary>
        public int BufferSize { get; set; } = 256 * 1024;

        public Stream CreateNew(string path) => new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, FileOptions.None);

        public void FlushToDisk(Stream stream)
        {
            if (stream is FileStream fs) fs.Flush(true);
            else stream.Flush();
        }

        public bool TryMoveNoReplace(string source, string destination)
        {
            if (File.Exists(destination)) return false;
            try
            {
                File.Move(source, destination);
                return true;
            }
            catch (IOException) when (File.Exists(destination))
            {
                return false;
            }
        }

        public void MoveReplace(string source, string destination)
        {
            if (File.Exists(destination))
            {
                File.Replace(source, destination, null);
                return;
            }
            try
            {
                File.Move(source, destination);
            }
            catch (IOException) when (File.Exists(destination))
            {
                File.Replace(source, destination, null);
            }
        }

        public bool Exists(string path) => File.Exists(path);

        public void Delete(string path)
        {
            if (File.Exists(path)) File.Delete(path);
        }

        public IEnumerable<string> EnumerateFiles(string folder, string searchPattern) => Directory.EnumerateFiles(folder, searchPattern, SearchOption.TopDirectoryOnly);

        public void CreateDirectory(string folder) => Directory.CreateDirectory(folder);
    }
}
