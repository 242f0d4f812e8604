#nullable enable
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using HamletPS.Core.Archive;
using HamletPS.Core.FileSystem;
using HamletPS.Core.Pipeline;
using HamletPS.Dicom.IO;

namespace HamletPS.Core.Cleanup
{
    /// <summary>
    /// The old tool's "Empty folders": deletes the files of INCOMING and SORTED (never OUTGOING, which holds archives not yet
    /// sent) and then their empty sub-folders. By default a file is deleted only when its content is known to be archived: its
    /// SHA-256 is in the manifest of an archive in OUTGOING, or a completed run's journal lists it as the source or result of a
    /// protected file that went into an archive. Force deletes the rest too. One <see cref="ClearedFile"/> per file.
    /// <para>Links are never followed (<see cref="FileTree"/>): a symbolic link or junction below the folder is not entered and
    /// its target is never read or deleted. Without Force such a link is kept (its target's content is not ours to hash);
    /// with Force the link itself is removed, never what it points to. The OUTGOING guard compares paths with
    /// <see cref="PathRules.Current"/> (case-insensitive on Windows and macOS).</para>
    /// </summary>
    public sealed class HamletFolderCleaner
    {
        private readonly string? _outgoing;
        private readonly string? _logs;
        private readonly PathRules _paths;
        private HashSet<string>? _recorded;

        /// <param name="outgoing">OUTGOING: its archives' manifests list what is archived; it is never cleared.</param>
        /// <param name="logs">The run journals' folder (HAMLET.LOGS), or null.</param>
        public HamletFolderCleaner(string outgoing, string logs)
            : this(outgoing, logs, PathRules.Current)
        {
        }

        /// <summary>Test seam: the path rule of another operating system (the Windows rule is tested on Linux).</summary>
        internal HamletFolderCleaner(string outgoing, string logs, PathRules paths)
        {
            _paths = paths ?? throw new ArgumentNullException(nameof(paths));
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
                // Archives that are links are not read: only OUTGOING's own files vouch for what is archived.
                foreach (string zip in FileTree.Files(_outgoing, recurse: false).Where(f => f.EndsWith(".zip", StringComparison.OrdinalIgnoreCase)))
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
        public IEnumerable<ClearedFile> Clear(string folder, string label, bool force, Func<string, bool>? shouldDelete = null, CancellationToken cancellationToken = default)
        {
            string root = _paths.Normalize(Path.GetFullPath(folder));
            if (_outgoing != null && _paths.IsSameOrInside(_outgoing, root))
                throw new ArgumentException("'" + root + "' is or contains OUTGOING, which holds archives not yet sent: it is never cleared.");
            if (!Directory.Exists(root)) yield break;
            HashSet<string>? recorded = force ? null : RecordedHashes();
            var links = new List<string>();
            List<string> files = FileTree.Files(root, true, links.Add);
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
            links.Sort(StringComparer.Ordinal);
            foreach (string link in links)
            {
                cancellationToken.ThrowIfCancellationRequested();
                yield return ClearLink(link, label, force, shouldDelete);
            }
            RemoveEmptyFolders(root);
        }

        /// <summary>A link below the folder: never followed; with Force (and consent) the link itself is removed.</summary>
        private static ClearedFile ClearLink(string link, string label, bool force, Func<string, bool>? shouldDelete)
        {
            var result = new ClearedFile { Path = link, Folder = label, Status = ClearStatus.Kept };
            if (!force)
            {
                result.Reason = "symbolic link or junction: not followed, its target is not in a folder clear owns (use Force to remove the link itself)";
                return result;
            }
            if (shouldDelete != null && !shouldDelete(link))
            {
                result.Reason = "declined";
                return result;
            }
            try
            {
                // The link itself: unlink(2) on Unix whatever it points to; on Windows a folder link is removed as a folder
                // (not recursively: the link, not its target's content).
                if (Path.DirectorySeparatorChar == '\\' && Directory.Exists(link)) Directory.Delete(link, recursive: false);
                else File.Delete(link);
                result.Status = ClearStatus.Deleted;
                result.Reason = "symbolic link removed (its target was not touched)";
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                result.Status = ClearStatus.Failed;
                result.Reason = ex is UnauthorizedAccessException ? "access denied" : "I/O error (" + ex.GetType().Name + ")";
            }
            return result;
        }

        private static void RemoveEmptyFolders(string root)
        {
            foreach (string dir in FileTree.Folders(root))
            {
                try
                {
                    if (!Directory.EnumerateFileSystemEntries(dir).Any()) Directory.Delete(dir);
                }
                catch (IOException)
                {
                }
                catch (UnauthorizedAccessException)
                {
                }
            }
        }
    }
}
