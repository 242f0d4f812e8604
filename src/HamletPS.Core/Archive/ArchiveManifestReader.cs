using System.IO;
using System.Linq;

namespace HamletPS.Core.Archive
{
    /// <summary>Reads the manifest (manifest.json) out of a HamletPS archive, e.g. to see which files an archive holds.</summary>
    public static class ArchiveManifestReader
    {
        /// <summary>Reads manifest.json from the archive. Throws InvalidDataException when it is absent or malformed.</summary>
        public static ArchiveManifest Read(string archivePath)
        {
            using (var reader = new ZipArchiveReader(archivePath))
            {
                ZipDirectoryEntry entry = reader.Entries.FirstOrDefault(e => e.EntryPath == ArchiveManifest.JsonEntryName)
                    ?? throw new InvalidDataException($"Archive '{archivePath}' has no {ArchiveManifest.JsonEntryName}.");
                return ArchiveManifestJson.Parse(reader.ReadAllBytes(entry));
            }
        }
    }
}
