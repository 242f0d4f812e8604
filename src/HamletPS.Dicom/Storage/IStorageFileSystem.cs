using System.Collections.Generic;
using System.IO;

namespace HamletPS.Dicom.Storage
{
    /// <summary>
    /// The file operations the receiver performs, as a seam: the default is the local file system; tests inject faults
    /// (a write that fails like a full disk) here.
    /// </summary>
    public interface IStorageFileSystem
    {
        /// <summary>Creates a new file that must not exist yet, open for writing.</summary>
        Stream CreateNew(string path);

        /// <summary>Opens a file (a temporary one still being written included) for reading.</summary>
        Stream OpenRead(string path);

        /// <summary>
        /// First step of making a finished file durable, before its rename: its data goes to the storage device (synced, or only
        /// written out when <see cref="SyncRename"/> syncs data, size and name together).
        /// </summary>
        void FlushToDisk(Stream stream);

        /// <summary>
        /// Second step, after the rename into <paramref name="folder"/>: data, size and the new name are durable when it returns.
        /// <paramref name="stream"/> is the still open file, or null when <see cref="RenamesOpenFiles"/> is false.
        /// </summary>
        void SyncRename(Stream stream, string folder);

        /// <summary>True when a file may be renamed while it is open (POSIX; not Windows).</summary>
        bool RenamesOpenFiles { get; }

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
