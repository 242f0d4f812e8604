#nullable enable
using System;
using System.Collections.Generic;
using System.IO;
using HamletPS.Core.FileSystem;
using HamletPS.Dicom.IO;

namespace HamletPS.Core.Inspection
{
    /// <summary>
    /// Turns the paths a user gives (files and folders) into the files to read: a file is itself; a folder is its files
    /// matching a wildcard filter, recursively on request. Hidden partial files (a receiver's or copier's temporary names) are skipped.
    /// Links below a folder (symbolic links, junctions) are not followed (<see cref="FileTree"/>), for inspect, protect and
    /// unprotect alike; a link given by name as a path is read, as the user named it.
    /// </summary>
    public static class DicomFileEnumerator
    {
        public static IEnumerable<string> Enumerate(IEnumerable<string> paths, bool recurse, string? filter = null)
        {
            var pattern = new FileNameWildcard(filter);
            foreach (string path in paths)
            {
                if (File.Exists(path))
                {
                    yield return path;
                    continue;
                }
                if (!Directory.Exists(path)) throw new FileNotFoundException("Cannot find path '" + path + "'.", path);
                List<string> files = FileTree.Files(path, recurse);
                foreach (string file in files)
                {
                    string name = Path.GetFileName(file);
                    if (TemporaryFileName.IsTemporary(name) || !pattern.IsMatch(name)) continue;
                    yield return file;
                }
            }
        }

    }
}
