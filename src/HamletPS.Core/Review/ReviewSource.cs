using System.IO;
using HamletPS.Core.Archive;

namespace HamletPS.Core.Review
{
    /// <summary>
    /// Where one protected instance is read from: a file, or an entry of an archive read in place (<see cref="ZipEntryStream"/>:
    /// never extracted). Opened twice at most: once for its header, once more when one of its frames is drawn.
    /// </summary>
    internal sealed class ReviewSource
    {
        private readonly string _path;
        private readonly ZipArchiveReader _archive;
        private readonly ZipDirectoryEntry _entry;

        private ReviewSource(string path, ZipArchiveReader archive, ZipDirectoryEntry entry)
        {
            _path = path;
            _archive = archive;
            _entry = entry;
        }

        public static ReviewSource File(string path) => new ReviewSource(path, null, null);

        public static ReviewSource Entry(ZipArchiveReader archive, ZipDirectoryEntry entry) => new ReviewSource(null, archive, entry);

        /// <summary>The file's full path, or null for an archive entry.</summary>
        public string FilePath => _path;

        /// <summary>A seekable stream of the instance's bytes; the caller disposes it.</summary>
        public Stream Open() => _path != null
            ? new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096)
            : (Stream)_archive.OpenSeekable(_entry);
    }
}
