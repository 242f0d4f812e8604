using System.Collections.Generic;
using System.IO;

namespace HamletPS.Dicom.Storage
{
    /// <summary>The local file system behind <see cref="IStorageFileSystem"/>.</summary>
    public sealed class LocalStorageFileSystem : IStorageFileSystem
    {
        public static LocalStorageFileSystem Instance { get; } = new LocalStorageFileSystem();

        /// <summary>
        /// Write buffer per open file. 0 (default): none — each PDV fragment (up to the maximum PDU length) is one write
        /// system call, and no buffer is allocated per received file.
        /// </summary>
        public int BufferSize { get; set; }

        /// <summary>
        /// Linux: after this many bytes of a file, start their writeback at once (<c>sync_file_range</c>) so the final sync has
        /// little left. 0 disables the hint.
        /// </summary>
        public long WritebackChunk { get; set; } = 1024 * 1024;

        /// <summary>How a finished file and its rename are made durable (Linux; elsewhere always flush, close, rename).</summary>
        public DurabilityMethod Durability { get; set; } = DurabilityMethod.Automatic;

        public bool RenamesOpenFiles => NativeFileSync.IsAvailable;

        /// <summary>
        /// Linux: open the file with O_DSYNC, so that every write returns only once its data is on the device, instead of
        /// writeback hints and a final data write-out (a measured alternative; default false).
        /// </summary>
        public bool WriteThrough { get; set; }

        /// <summary>
        /// Linux (x64/arm64), no <see cref="BufferSize"/>: a <see cref="NativeReceivedFile"/> (plain open/write/close, no
        /// FileStream locking calls); elsewhere a <see cref="FileStream"/>.
        /// </summary>
        public Stream CreateNew(string path)
        {
            if (NativeReceivedFile.IsSupported && BufferSize <= 0) return new NativeReceivedFile(path, WritebackChunk, WriteThrough);
            return new DurableFileStream(path, BufferSize <= 1 ? 1 : BufferSize, WritebackChunk); // 1 = unbuffered; .NET Framework rejects 0
        }

        public Stream OpenRead(string path) => new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 64 * 1024, FileOptions.None);

        public void FlushToDisk(Stream stream)
        {
            if (stream is IDurableFile d)
            {
                if (SingleCommit(Path.GetDirectoryName(d.Name))) d.WriteOut();
                else d.DataSync();
            }
            else if (stream is FileStream fs) fs.Flush(true);
            else stream.Flush();
        }

        public void SyncRename(Stream stream, string folder)
        {
            if (!NativeFileSync.IsAvailable || Durability == DurabilityMethod.None) return;
            if (stream is IDurableFile d && SingleCommit(folder)) d.SyncAll();
            else NativeFileSync.SyncDirectory(folder);
        }

        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> _singleCommit =
            new System.Collections.Concurrent.ConcurrentDictionary<string, bool>(System.StringComparer.Ordinal);

        private bool SingleCommit(string folder)
        {
            switch (Durability)
            {
                case DurabilityMethod.SingleCommit: return NativeFileSync.IsAvailable;
                case DurabilityMethod.Automatic: return _singleCommit.GetOrAdd(folder ?? string.Empty, IsJournaledInOrder);
                default: return false;
            }
        }

        /// <summary>
        /// ext3/ext4 with a journal (data=ordered), XFS and btrfs log a rename with the renamed inode's ctime change. An ext4
        /// without a journal (same magic as ext2/ext3/ext4) orders nothing: it gets the two-commit method.
        /// </summary>
        private static bool IsJournaledInOrder(string folder)
        {
            long magic = NativeFileSync.FileSystemType(folder);
            if (magic == 0xEF53) return Ext4Journal.HasJournal(folder) != false;
            return magic == 0x58465342 || magic == 0x9123683E;
        }

        /// <summary>The method <see cref="DurabilityMethod.Automatic"/> resolves to for <paramref name="folder"/> (Linux).</summary>
        public DurabilityMethod ResolvedDurability(string folder)
        {
            if (Durability != DurabilityMethod.Automatic) return Durability;
            return SingleCommit(folder) ? DurabilityMethod.SingleCommit : DurabilityMethod.SyncThenSyncFolder;
        }

        public bool TryMoveNoReplace(string source, string destination)
        {
            if (NativeReceivedFile.IsSupported)
            {
                bool? moved = NativeFileSync.RenameNoReplace(source, destination);
                if (moved.HasValue) return moved.Value;
            }
            if (HamletPS.Dicom.IO.PlatformIO.IsWindows)
            {
                // MoveFileEx with MOVEFILE_WRITE_THROUGH: the new name is on disk before the file is acknowledged.
                bool? moved = HamletPS.Dicom.IO.WindowsFileRename.TryMoveWriteThrough(source, destination, replace: false);
                if (moved.HasValue) return moved.Value;
            }
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

        /// <summary>One rename(2) on Linux (atomic, replaces); MoveFileEx with write-through on Windows; elsewhere File.Replace or File.Move.</summary>
        public void MoveReplace(string source, string destination) => HamletPS.Dicom.IO.FileRename.ReplaceOrMove(source, destination);

        public bool Exists(string path) => File.Exists(path);

        public void Delete(string path)
        {
            if (File.Exists(path)) File.Delete(path);
        }

        public IEnumerable<string> EnumerateFiles(string folder, string searchPattern) => Directory.EnumerateFiles(folder, searchPattern, SearchOption.TopDirectoryOnly);

        public void CreateDirectory(string folder) => Directory.CreateDirectory(folder);
    }
}
