using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Security.Cryptography;
using System.Threading;
using HamletPS.Core.FileSystem;
using HamletPS.Core.Inspection;
using HamletPS.Dicom;
using HamletPS.Dicom.Data;
using HamletPS.Dicom.Dictionary;
using HamletPS.Dicom.IO;

namespace HamletPS.Core.Sorting
{
    /// <summary>
    /// Sorts received files (INCOMING, recursively) into the per-patient tree (SORTED) by a path template built from each file's
    /// header: the old tool's step 1. One <see cref="SortedDicomFile"/> per file; nothing is thrown for a single bad file.
    /// <list type="bullet">
    /// <item>Move by default: an atomic rename on one volume, else copy to a temporary name, compare SHA-256 of both, rename and
    /// delete the source. <see cref="DicomSortOptions.Copy"/> leaves the sources.</item>
    /// <item>Non-DICOM files stay where they are (<see cref="SortStatus.NotDicom"/>); unreadable DICOM goes to the quarantine
    /// folder with a <c>&lt;name&gt;.reason.txt</c> that names the reason, never a value.</item>
    /// <item>Duplicates by SOP Instance UID: identical bytes are dropped; different bytes are kept under <c>&lt;name&gt;~N</c>.</item>
    /// <item>Files changed within the settle time, locked by another program, or named <c>*.partial</c> are left for the next run.</item>
    /// <item>Links are never followed (<see cref="FileTree"/>): a symbolic link or junction in the input (to a file or a folder)
    /// is left where it is (<see cref="SortStatus.Skipped"/>, "symbolic link"), so nothing is moved out of a folder outside the
    /// input; and nothing is written through a link below the sorted or quarantine folder.</item>
    /// </list>
    /// </summary>
    public sealed class DicomSorter
    {
        private readonly DicomSortOptions _options;
        private readonly SortPathTemplate _template;
        private readonly string _destination;
        private readonly string _quarantine;
        private readonly QuarantineFolder _quarantineFolder;
        private readonly IFileMover _mover;
        private readonly PathLengthBudget _budget;
        private readonly Dictionary<string, string> _sortedThisRun = new Dictionary<string, string>(StringComparer.Ordinal);

        public DicomSorter(DicomSortOptions options)
        {
            _options = options ?? throw new ArgumentNullException(nameof(options));
            if (string.IsNullOrWhiteSpace(options.Destination)) throw new ArgumentException("The sorted folder (Destination) is required.", nameof(options));
            if (string.IsNullOrWhiteSpace(options.QuarantineFolder)) throw new ArgumentException("The quarantine folder is required.", nameof(options));
            _template = new SortPathTemplate(options.Template);
            _destination = Path.GetFullPath(options.Destination);
            _quarantine = Path.GetFullPath(options.QuarantineFolder);
            _quarantineFolder = new QuarantineFolder(_quarantine);
            _mover = options.Mover ?? FileMover.Instance;
            _budget = new PathLengthBudget(options.MaxPathLength);
        }

        /// <summary>Sorts files and folders (see <see cref="EnumerateFiles"/>).</summary>
        public IEnumerable<SortedDicomFile> Sort(IEnumerable<string> paths, CancellationToken cancellationToken = default)
        {
            foreach (string file in EnumerateFiles(paths))
            {
                cancellationToken.ThrowIfCancellationRequested();
                yield return SortFile(file);
            }
        }

        /// <summary>The files a sort of <paramref name="paths"/> handles: files as given, folders recursively in ordinal order,
        /// leaving out what lies below the sorted and quarantine folders. A path that does not exist throws
        /// <see cref="FileNotFoundException"/> when it is reached.</summary>
        public IEnumerable<string> EnumerateFiles(IEnumerable<string> paths)
        {
            foreach (string path in paths)
            {
                if (File.Exists(path) || FileTree.IsLink(path) && !Directory.Exists(path))
                {
                    yield return Path.GetFullPath(path);
                    continue;
                }
                if (!Directory.Exists(path)) throw new FileNotFoundException("Cannot find path '" + path + "'.", path);
                var links = new List<string>();
                var files = FileTree.Files(path, true, links.Add);
                files.AddRange(links); // reported as skipped links by SortFile, never followed
                files.Sort(StringComparer.Ordinal);
                foreach (string file in files)
                {
                    if (PathRules.Current.IsInside(file, _destination) || PathRules.Current.IsInside(file, _quarantine)) continue;
                    yield return file;
                }
            }
        }

        /// <summary>The sorted tree's root (full path).</summary>
        public string Destination => _destination;

        /// <summary>Sorts one file.</summary>
        public SortedDicomFile SortFile(string file)
        {
            string source = Path.GetFullPath(file);
            var result = new SortedDicomFile { Source = source, Path = source };
            try
            {
                return SortFileCore(source, result);
            }
            catch (PathTooLongException)
            {
                result.Status = SortStatus.Failed;
                result.Reason = "path too long for this system (Windows PowerShell 5.1 allows 259 characters); source left in place";
                return result;
            }
            catch (Exception ex) when (FileRetry.IsHeldByAnotherProgram(ex))
            {
                // Still held after the retries (antivirus, backup agent, a viewer): nothing is wrong with the file.
                result.Status = SortStatus.Skipped;
                result.Reason = "held by another program (antivirus or backup?); left for the next run";
                return result;
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                result.Status = SortStatus.Failed;
                result.Reason = DescribeIoError(ex);
                result.Path = source;
                return result;
            }
        }

        /// <summary>An I/O error in words without its message: .NET's messages name the path, and a sorted path holds the
        /// Patient ID.</summary>
        internal static string DescribeIoError(Exception ex)
        {
            switch (ex)
            {
                case SortIOException _: return ex.Message;
                case UnauthorizedAccessException _: return "access denied";
                case PathTooLongException _: return "a name is too long for the file system";
                case FileNotFoundException _: return "the file no longer exists";
                case DirectoryNotFoundException _: return "a folder no longer exists";
                default:
                    int code = ex.HResult;
                    return "I/O error (" + ex.GetType().Name + (code > 0 && code < 4096 ? ", errno " + code.ToString(CultureInfo.InvariantCulture) : "") + "); source left in place";
            }
        }

        private SortedDicomFile SortFileCore(string source, SortedDicomFile result)
        {
            if (FileTree.IsLink(source))
                return Skip(result, SortSkipReason.Link, "symbolic link or junction: not followed; left in place");
            var info = new FileInfo(source);
            if (!info.Exists) return Fail(result, SortStatus.Failed, "the file no longer exists");
            result.Length = info.Length;
            if (TemporaryFileName.IsTemporary(info.Name) || info.Name.EndsWith(QuarantineFolder.ReasonSuffix, StringComparison.OrdinalIgnoreCase) && PathRules.Current.IsInside(source, _quarantine))
                return Skip(result, SortSkipReason.TemporaryName, "temporary name of a file still being written");
            if (_options.SettleTime > TimeSpan.Zero)
            {
                TimeSpan age = _options.UtcNow() - info.LastWriteTimeUtc;
                if (age < _options.SettleTime)
                    return Skip(result, SortSkipReason.TooRecent, "changed less than " + _options.SettleTime.TotalSeconds.ToString(CultureInfo.InvariantCulture) + " s ago (still being written?); left for the next run");
            }

            DicomFile dicom;
            bool looksLikePart10 = false;
            try
            {
                using (var stream = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read, 16384))
                {
                    looksLikePart10 = HasDicmPrefix(stream);
                    stream.Position = 0;
                    dicom = DicomFile.Read(stream, source, DicomReadOptions.HeaderOnly);
                }
            }
            catch (DicomFormatException ex)
            {
                if (!looksLikePart10 && ex.Reason != null && ex.Reason.StartsWith("not a DICOM file", StringComparison.Ordinal))
                    return Fail(result, SortStatus.NotDicom, "not a DICOM file; left in place");
                return Quarantine(result, "unreadable DICOM at byte offset " + ex.Offset.ToString(CultureInfo.InvariantCulture) + ": " + ex.Reason);
            }
            catch (FileNotFoundException)
            {
                return Fail(result, SortStatus.Failed, "the file no longer exists");
            }
            catch (PathTooLongException)
            {
                return Fail(result, SortStatus.Failed, "path too long for this system (Windows PowerShell 5.1 allows 259 characters); left in place");
            }
            catch (UnauthorizedAccessException)
            {
                return Fail(result, SortStatus.Failed, "access denied");
            }
            catch (IOException)
            {
                return Skip(result, SortSkipReason.Locked, "locked by another program; left for the next run");
            }

            DicomDataset ds = dicom.Dataset;
            string sop = dicom.SopInstanceUid;
            result.SOPInstanceUID = sop;
            result.StudyInstanceUID = ds.GetUid(DicomTags.StudyInstanceUID);
            result.SeriesInstanceUID = ds.GetUid(DicomTags.SeriesInstanceUID);
            result.Modality = ds.GetString(DicomTags.Modality)?.Trim();
            if (!DicomUidFormat.IsValid(sop)) return Quarantine(result, "no valid SOP Instance UID (0008,0018)");
            if (UsesPlaceholder("StudyInstanceUID") && !DicomUidFormat.IsValid(result.StudyInstanceUID))
                return Quarantine(result, "no valid Study Instance UID (0020,000D)");
            if (UsesPlaceholder("SeriesInstanceUID") && !DicomUidFormat.IsValid(result.SeriesInstanceUID))
                return Quarantine(result, "no valid Series Instance UID (0020,000E)");

            Dictionary<string, string> values = Values(dicom, result);
            foreach (string uid in PathLengthBudget.ShorteningOrder)
                if (!UsesPlaceholder(uid)) values.Remove(uid); // not in the path: nothing to shorten
            string relative = null;
            if (!_budget.TryFit(values, v => Path.Combine(_destination, relative = _template.Expand(v)), out string target))
                return Fail(result, SortStatus.Failed, _budget.TooLongReason(_destination, target.Length));
            int separator = relative.IndexOf(Path.DirectorySeparatorChar);
            result.PatientFolder = separator > 0 ? relative.Substring(0, separator) : null;

            bool conflict = false;
            if (_sortedThisRun.TryGetValue(sop, out string earlier) && !string.Equals(earlier, target, StringComparison.Ordinal) && File.Exists(earlier))
            {
                if (SameContent(source, earlier)) return Dropped(result, earlier);
                conflict = true; // same SOP instance under other attributes: both kept
            }
            string free = null;
            for (int n = 1; free == null; n++)
            {
                string candidate = n == 1 ? target : Suffixed(target, n);
                if (!File.Exists(candidate))
                {
                    free = candidate;
                    conflict |= n > 1;
                }
                else if (SameContent(source, candidate)) return Dropped(result, candidate);
            }

            if (FileTree.HasLinkBelow(_destination, Path.GetDirectoryName(free)))
                return Fail(result, SortStatus.Failed, "a folder of the sorted tree on the way to this file is a symbolic link or junction: nothing is written through it");
            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(free));
                Place(source, free, _options.Copy);
            }
            catch (PathTooLongException)
            {
                // Not transient: every run would fail the same way and leave the file in INCOMING.
                return Quarantine(result, "its sorted path cannot be created on this file system (a name or the whole path is too long)");
            }
            _sortedThisRun[sop] = target;
            result.Path = free;
            result.Status = conflict ? SortStatus.Conflict : SortStatus.Sorted;
            if (conflict) result.Reason = "another file with this SOP Instance UID and different content is already sorted; both kept";
            return result;
        }

        private SortedDicomFile Dropped(SortedDicomFile result, string existing)
        {
            if (!_options.Copy) DeleteSource(result.Source);
            result.Status = SortStatus.Duplicate;
            result.Path = existing;
            result.Reason = "identical to a file already sorted; " + (_options.Copy ? "not copied" : "source removed");
            return result;
        }

        private SortedDicomFile Quarantine(SortedDicomFile result, string reason)
        {
            string target = _quarantineFolder.Put(result.Source, reason, (from, to) => Place(from, to, _options.Copy));
            result.Status = SortStatus.Quarantined;
            result.Path = target;
            result.Reason = reason;
            return result;
        }

        /// <summary>Moves (or copies) <paramref name="source"/> to <paramref name="target"/>, which does not exist yet.</summary>
        private void Place(string source, string target, bool copy)
        {
            if (!copy && _mover.SameVolume(source, Path.GetDirectoryName(target)))
            {
                FileRetry.Run(() => _mover.Rename(source, target));
                ReadOnlyAttribute.Clear(target); // a CD import's attribute would make the sorted file undeletable on Windows
                return;
            }
            string partial = TemporaryFileName.Fixed(target);
            if (File.Exists(partial)) File.Delete(partial); // left by a crashed run
            try
            {
                _mover.Copy(source, partial);
                if (!HashOf(source).AsSpan().SequenceEqual(HashOf(partial)))
                    throw new SortIOException("copy verification failed: the copy's SHA-256 differs from the source; source left in place");
                ReadOnlyAttribute.Clear(partial);
                FileRetry.Run(() => File.Move(partial, target));
            }
            catch
            {
                TryDelete(partial);
                throw;
            }
            if (!copy) DeleteSource(source);
        }

        /// <summary>Deletes a source the sorter has placed: read-only attribute cleared (CD imports), retried while held.</summary>
        private void DeleteSource(string source)
        {
            FileRetry.Run(() =>
            {
                if (File.Exists(source)) ReadOnlyAttribute.Clear(source);
                _mover.Delete(source);
            });
        }

        private static void TryDelete(string path)
        {
            try
            {
                if (File.Exists(path)) File.Delete(path);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        private bool UsesPlaceholder(string name) => _template.Text.IndexOf("{" + name + "}", StringComparison.OrdinalIgnoreCase) >= 0;

        private static Dictionary<string, string> Values(DicomFile dicom, SortedDicomFile result)
        {
            DicomDataset ds = dicom.Dataset;
            return new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
            {
                ["PatientID"] = ds.GetString(DicomTags.PatientID),
                ["StudyInstanceUID"] = result.StudyInstanceUID,
                ["SeriesInstanceUID"] = result.SeriesInstanceUID,
                ["SOPInstanceUID"] = result.SOPInstanceUID,
                ["Modality"] = result.Modality,
                ["SeriesNumber"] = ds.TryGetInt(DicomTags.SeriesNumber, out int series) ? series.ToString(CultureInfo.InvariantCulture) : null,
                ["InstanceNumber"] = ds.TryGetInt(DicomTags.InstanceNumber, out int instance) ? instance.ToString(CultureInfo.InvariantCulture) : null,
                ["StudyDate"] = ds.GetString(DicomTags.StudyDate),
                ["StudyID"] = ds.GetString(DicomTags.StudyID),
            };
        }

        internal static string Suffixed(string path, int n)
        {
            string extension = Path.GetExtension(path);
            string stem = path.Substring(0, path.Length - extension.Length);
            return stem + "~" + n.ToString(CultureInfo.InvariantCulture) + extension;
        }

        private static bool HasDicmPrefix(Stream stream)
        {
            var buffer = new byte[132];
            int read = 0;
            while (read < buffer.Length)
            {
                int n = stream.Read(buffer, read, buffer.Length - read);
                if (n == 0) break;
                read += n;
            }
            bool at128 = read >= 132 && buffer[128] == 'D' && buffer[129] == 'I' && buffer[130] == 'C' && buffer[131] == 'M';
            bool at0 = read >= 4 && buffer[0] == 'D' && buffer[1] == 'I' && buffer[2] == 'C' && buffer[3] == 'M';
            return at128 || at0;
        }

        private static bool SameContent(string a, string b)
        {
            var fa = new FileInfo(a);
            var fb = new FileInfo(b);
            if (fa.Length != fb.Length) return false;
            using (var sa = new FileStream(a, FileMode.Open, FileAccess.Read, FileShare.Read, 65536))
            using (var sb = new FileStream(b, FileMode.Open, FileAccess.Read, FileShare.Read, 65536))
            {
                var ba = new byte[65536];
                var bb = new byte[65536];
                while (true)
                {
                    int na = ReadFull(sa, ba);
                    int nb = ReadFull(sb, bb);
                    if (na != nb) return false;
                    if (na == 0) return true;
                    if (!ba.AsSpan(0, na).SequenceEqual(bb.AsSpan(0, nb))) return false;
                }
            }
        }

        private static int ReadFull(Stream s, byte[] buffer)
        {
            int read = 0;
            while (read < buffer.Length)
            {
                int n = s.Read(buffer, read, buffer.Length - read);
                if (n == 0) break;
                read += n;
            }
            return read;
        }

        internal static byte[] HashOf(string path)
        {
            using (var sha = SHA256.Create())
            using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.SequentialScan))
                return sha.ComputeHash(stream);
        }

        /// <summary>An I/O failure the sorter itself words (its message names no path).</summary>
        private sealed class SortIOException : IOException
        {
            public SortIOException(string message) : base(message) { }
        }

        private static SortedDicomFile Skip(SortedDicomFile result, SortSkipReason why, string reason)
        {
            result.SkipReason = why;
            return Fail(result, SortStatus.Skipped, reason);
        }

        private static SortedDicomFile Fail(SortedDicomFile result, SortStatus status, string reason)
        {
            result.Status = status;
            result.Reason = reason;
            return result;
        }
    }
}
