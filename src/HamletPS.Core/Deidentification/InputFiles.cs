using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using HamletPS.Core.FileSystem;
using HamletPS.Dicom.IO;

namespace HamletPS.Core.Deidentification
{
    /// <summary>Expands inputs: files as given, folders recursively (sorted, hidden temporary files skipped, links not followed: <see cref="FileTree"/>).</summary>
    public static class InputFiles
    {
        public static IEnumerable<string> Expand(IEnumerable<string> paths)
        {
            if (paths == null) yield break;
            foreach (var p in paths)
            {
                if (string.IsNullOrWhiteSpace(p)) continue;
                if (Directory.Exists(p))
                {
                    foreach (var f in FileTree.Files(p))
                    {
                        string name = Path.GetFileName(f);
                        if (TemporaryFileName.IsTemporary(name)) continue;
                        yield return f;
                    }
                }
                else yield return p;
            }
        }
    }
}
