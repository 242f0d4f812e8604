using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using HamletPS.Core.Archive;
using HamletPS.Core.Pipeline;

namespace HamletPS.Core.Cleanup
{
    /// <summary>
    /// The old tool's "Empty folders": deletes the files of INCOMING and SORTED (never OUTGOING, which holds archives not yet
    /// sent) and then their empty sub-folders. By default a file is deleted only when its content is known to be archived: its
    /// SHA-256 is in the manifest of an archive in OUTGOING, or a completed run's journal lists it as the source or result of a
    /// protected file that went into an archive. Force deletes the rest too. One <see cref="ClearedFile"/> per file.
    /// </summary>
    public sealed class HamletFolderCleaner
    {
        private readonly string _outgoing;
        private readonly string _logs;
        private HashSet<string> _recorded;

        /// <param name="outgoing">OUTGOING: its archives' manifests list what is archived; it is never cleared.</param>
        /// <param name="logs">The run journals' folder (HAMLET.LOGS), or null.</param>
        public HamletFolderCleaner(string outgoing, string logs)
        {
            _outgoing = outgoing == null ? null : Path.GetFullPath(outgoing);
            _logs = logs == null ? null : Path.GetFullPath(logs);
        }

        /// <summary>Hashes (SHA-256 hex) of every content known to be archived. Manifests that cannot be read are skipped.</summary>
        public HashSet<string> RecordedHashes()
        {
            if (_recorded != null) return _recorded;
            var set = new HashSet<string>(StringComparer.Ordinal);
            if (_logs != null)
            {
                RunJournalState state = RunJournalState.Load(_logs);
                set.UnionWith(state.ArchivedSourceHashes);
                set.UnionWith(state.ArchivedProtectedHashes);
            }
            if (_outgoing != null && Directory.Exists(_outgoing))
            {
                foreach (string zip in Directory.GetFiles(_outgoing, "*.zip"))
                {
                    try
                    {
                        foreach (ArchiveManifestRow row in ArchiveManifestReader.Read(zip).Rows) set.Add(row.Sha256);
                    }
                    catch (Exception ex) when (ex is IOException || ex is InvalidDataException || ex is UnauthorizedAccessException)
                    {
                        // not one of ours, or damaged: it records nothing
                    }
                }
            }
            return _recorded = set;
        }

        /// <summary>
        /// Clears <paramref name="folder"/> (labelled <paramref name="label"/>). <paramref name="shouldDelete"/> is asked per file
        /// (ShouldProcess); returning false keeps it. Throws <see cref="ArgumentException"/> when the folder is OUTGOING or holds it.
        /// </summary>
        public IEnumerable<ClearedFile> Clear(string folder, string label, bool force, Func<string, bool> shouldDelete = null, CancellationToken cancellationToken = default)
        {
            string root = Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar);
            if (_outgoing != null && (Same(root, _outgoing) || IsUnder(_outgoing, root)))
                throw new ArgumentException("'" + root + "' is or contains OUTGOING, which holds archives not yet sent: it is never cleared.");
            if (!Directory.Exists(root)) yield break;
            HashSet<string> recorded = force ? null : RecordedHashes();
            var files = Directory.GetFiles(root, "*", SearchOption.AllDirectories);
            Array.Sort(files, StringComparer.Ordinal);
            foreach (string file in files)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var result = new ClearedFile { Path = file, Folder = label };
                try
                {
                    if (recorded != null && !recorded.Contains(HamletPipeline.Sha256Hex(file)))
                    {
                        result.Status = ClearStatus.Kept;
                        result.Reason = "not recorded in an archive manifest or a completed run's journal (use Force to delete it anyway)";
                    }
                    else if (shouldDelete != null && !shouldDelete(file))
                    {
                        result.Status = ClearStatus.Kept;
                        result.Reason = "declined";
                    }
                    else
                    {
                        HamletPS.Dicom.IO.ReadOnlyAttribute.DeleteOwnedFile(file); // CD imports keep the read-only attribute; retried while held
                        result.Status = ClearStatus.Deleted;
                    }
                }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
                {
                    result.Status = ClearStatus.Failed;
                    result.Reason = ex is UnauthorizedAccessException ? "access denied" : "I/O error (" + ex.GetType().Name + ")";
                }
                yield return result;
            }
            RemoveEmptyFolders(root);
        }

        private static void RemoveEmptyFolders(string root)
        {
            foreach (string dir in Directory.GetDirectories(root, "*", SearchOption.AllDirectories).OrderByDescending(d => d.Length))
            {
                try
                {
                    if (!Directory.EnumerateFileSystemEntries(dir).Any()) Directory.Delete(dir);
                }
                catch (IOException)
                {
                }
            }
        }

        private static bool Same(string a, string b) => string.Equals(a.TrimEnd(Path.DirectorySeparatorChar), b.TrimEnd(Path.DirectorySeparatorChar), StringComparison.Ordinal);

        private static bool IsUnder(string path, string folder) =>
            path.StartsWith(folder.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal);
    }
}
