using System.Collections.Generic;
using System.IO;

namespace HamletPS.Dicom.Network
{
    /// <summary>
    /// The file operations the receiver performs, as a seam: the default is the local file system; tests inject faults
    /// (a write that fails like a full disk) here.
    /// </summary>
    public interface IStorageFileSystem
    {
        /// <summary>Creates a new file that must not exist yet, open for writing.</summary>
        Stream CreateNew(string path);

        /// <summary>Flushes a stream from <see cref="CreateNew"/> through to the storage device.</summary>
        void FlushToDisk(Stream stream);

        /// <summary>Renames <paramref name="source"/> to <paramref name="destination"/> unless it exists; false when it does.</summary>
        bool TryMoveNoReplace(string source, string destination);

        /// <summary>Renames <paramref name="source"/> over <paramref name="destination"/> atomically, replacing it if present.</summary>
        void MoveReplace(string source, string destination);

        bool Exists(string path);

        void Delete(string path);

        IEnumerable<string> EnumerateFiles(string folder, string searchPattern);

        void CreateDirectory(string folder);
    }
}
