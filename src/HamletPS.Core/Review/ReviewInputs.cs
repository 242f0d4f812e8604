using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using HamletPS.Core.Archive;
using HamletPS.Dicom.IO;

namespace HamletPS.Core.Review
{
    /// <summary>
    /// The instances a review covers, in a stable order: each input is a protected folder (its files; a <c>.zip</c> file in it is
    /// read as an archive), an archive, or one file. An archive's entries are read where they lie, never extracted to disk or
    /// memory; its manifest entries are skipped and an entry whose name is not a safe relative path (absolute, <c>..</c>, a
    /// drive, control characters: what would be zip-slip on extraction; a backslash counts as a separator) is refused and
    /// counted, never opened. Holds the
    /// archives open until disposed.
    /// </summary>
    internal sealed class ReviewInputs : IDisposable
    {
        private readonly List<ZipArchiveReader> _archives = new List<ZipArchiveReader>();

        /// <summary>Archive entries refused for an unsafe name.</summary>
        public int RefusedEntries { get; private set; }

        /// <summary>Archives whose central directory could not be read.</summary>
        public int UnreadableArchives { get; private set; }

        /// <summary>Archives read.</summary>
        public int Archives => _archives.Count;

        /// <summary>Throws <see cref="DirectoryNotFoundException"/> for an input that does not exist (checked before anything is read).</summary>
        public static void CheckExist(IEnumerable<string> inputs)
        {
            foreach (string input in inputs)
                if (!Directory.Exists(input) && !File.Exists(input))
                    throw new DirectoryNotFoundException("The protected folder or archive does not exist: " + input);
        }

        /// <summary>Every instance of the inputs; <paramref name="skip"/> (the page being written) is left out.</summary>
        public IEnumerable<ReviewSource> Enumerate(IEnumerable<string> inputs, string skip)
        {
            foreach (string input in inputs)
            {
                string full = Path.GetFullPath(input);
                IEnumerable<string> files = Directory.Exists(full)
                    ? FileSystem.FileTree.Files(full).OrderBy(f => f, StringComparer.Ordinal) // links below are not followed
                    : new[] { full };
                foreach (string file in files)
                {
                    if (skip != null && PathRules.Current.AreSame(file, skip) || TemporaryFileName.IsTemporary(Path.GetFileName(file))) continue;
                    if (!IsArchive(file))
                    {
                        yield return ReviewSource.File(file);
                        continue;
                    }
                    ZipArchiveReader archive = OpenArchive(file);
                    if (archive == null) continue;
                    foreach (ZipDirectoryEntry entry in archive.Entries.OrderBy(e => e.EntryPath, StringComparer.Ordinal))
                    {
                        if (entry.EntryPath.EndsWith("/", StringComparison.Ordinal)) continue; // a folder record
                        if (entry.EntryPath == ArchiveManifest.CsvEntryName || entry.EntryPath == ArchiveManifest.JsonEntryName) continue;
                        // Windows PowerShell 5.1's Compress-Archive writes backslashes: read as separators, then the same rules
                        if (!ZipEntryPath.IsValid(entry.EntryPath.Replace('\\', '/')))
                        {
                            RefusedEntries++;
                            continue;
                        }
                        yield return ReviewSource.Entry(archive, entry);
                    }
                }
            }
        }

        private ZipArchiveReader OpenArchive(string file)
        {
            try
            {
                var archive = new ZipArchiveReader(file);
                _archives.Add(archive);
                return archive;
            }
            catch (Exception ex) when (ex is InvalidDataException || ex is IOException || ex is UnauthorizedAccessException)
            {
                UnreadableArchives++;
                return null;
            }
        }

        /// <summary>A file is read as an archive when its name ends in .zip (any case).</summary>
        public static bool IsArchive(string file) => file.EndsWith(".zip", StringComparison.OrdinalIgnoreCase);

        public void Dispose()
        {
            foreach (ZipArchiveReader archive in _archives) archive.Dispose();
            _archives.Clear();
        }
    }
}
