using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using HamletPS.Core.FileSystem;
using HamletPS.Dicom.IO;

namespace HamletPS.Core.Archive
{
    /// <summary>
    /// Zips a protected tree into OUTGOING: one archive named from a template, or one per Study ID (-PerPatient).
    /// Entry paths are the files' paths relative to the tree; every archive ends with manifest.csv and manifest.json built
    /// from the caller's per-file metadata and the SHA-256 computed while compressing.
    /// <para>Every file is described before anything is written; a file the describe callback refuses (it throws
    /// <see cref="NotDeidentifiedException"/>, <see cref="FileNotSealedException"/> or a DICOM format error) and every link in
    /// the tree (never followed, see <see cref="FileTree"/>) is reported through <see cref="HamletArchiveOptions.FileRefused"/>,
    /// and then <see cref="ArchiveRefusedException"/> is thrown: nothing is written (fail closed).</para>
    /// </summary>
    public sealed class HamletArchiveBuilder
    {
        private readonly HamletArchiveOptions _options;

        public HamletArchiveBuilder(HamletArchiveOptions options)
        {
            _options = options ?? throw new ArgumentNullException(nameof(options));
            if (string.IsNullOrEmpty(options.OutputDirectory)) throw new ArgumentException("OutputDirectory is required", nameof(options));
            DeflateLevels.Validate(options.CompressionLevel);
        }

        /// <summary>
        /// Archives every file under <paramref name="protectedRoot"/>. <paramref name="describe"/> is called once per file with its full
        /// path and returns its metadata (null leaves the file out). Returns one result per archive written (none for an empty tree).
        /// </summary>
        public IReadOnlyList<ArchiveResult> Build(string protectedRoot, Func<string, ArchiveEntryInfo> describe,
            IProgress<ArchiveProgress> progress = null, CancellationToken cancellationToken = default)
        {
            if (describe == null) throw new ArgumentNullException(nameof(describe));
            string root = Path.GetFullPath(protectedRoot ?? throw new ArgumentNullException(nameof(protectedRoot)))
                .TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
            if (!Directory.Exists(root)) throw new DirectoryNotFoundException($"Protected folder '{root}' does not exist.");
            string outDir = Path.GetFullPath(_options.OutputDirectory);
            Directory.CreateDirectory(outDir);
            if (PathRules.Current.IsSameOrInside(outDir, root)) throw new ArgumentException("OutputDirectory must not be inside the protected folder.");

            var files = new List<PlannedFile>();
            var refused = new List<FileFailure>();
            var links = new List<string>();
            foreach (string path in FileTree.Files(root, true, links.Add))
            {
                cancellationToken.ThrowIfCancellationRequested();
                string entry = ZipEntryPath.FromRelativePath(path.Substring(root.Length + 1));
                if (entry == ArchiveManifest.CsvEntryName || entry == ArchiveManifest.JsonEntryName)
                    throw new InvalidDataException($"'{path}': the name is reserved for the archive's manifest.");
                files.Add(new PlannedFile(path, entry));
            }
            foreach (string link in links)
                refused.Add(FileFailure.Create(link, FileFailureKind.SecurityError, "LinkNotFollowed",
                    new FileNotSealedException(link, "the tree holds a symbolic link or junction: links are never followed into an archive")));
            files.Sort((a, b) => string.CompareOrdinal(a.EntryPath, b.EntryPath));

            // Describe (and so prove) every file before the first byte is written.
            foreach (PlannedFile f in files)
            {
                cancellationToken.ThrowIfCancellationRequested();
                try
                {
                    f.Info = describe(f.SourcePath);
                    f.Described = true;
                }
                catch (Exception ex) when (!(ex is OperationCanceledException) && FileFailure.Classify(f.SourcePath, ex) != null)
                {
                    refused.Add(FileFailure.Classify(f.SourcePath, ex));
                }
            }
            if (refused.Count > 0)
            {
                foreach (FileFailure failure in refused) _options.FileRefused?.Invoke(failure);
                throw new ArchiveRefusedException(refused);
            }

            var results = new List<ArchiveResult>();
            if (!_options.PerPatient)
            {
                if (files.Count == 0) return results;
                string name = ArchiveNameTemplate.Expand(_options.NameTemplate ?? ArchiveNameTemplate.Default, _options.Site, _options.User,
                    StudyIdForName(files, describe), DateTime.Now, Guid.NewGuid());
                results.Add(WriteArchive(Path.Combine(outDir, name), files, describe, progress, cancellationToken));
                return results;
            }

            // Per patient: the Study ID of every file is needed before the first archive is named.
            var groups = new Dictionary<string, List<PlannedFile>>(StringComparer.Ordinal);
            var order = new List<string>();
            foreach (PlannedFile f in files)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (f.Info == null) continue;
                if (string.IsNullOrEmpty(f.Info.StudyId))
                    throw new InvalidDataException($"'{f.SourcePath}': no Study ID, needed to name the per-patient archive.");
                if (!groups.TryGetValue(f.Info.StudyId, out List<PlannedFile> list))
                {
                    groups.Add(f.Info.StudyId, list = new List<PlannedFile>());
                    order.Add(f.Info.StudyId);
                }
                list.Add(f);
            }
            foreach (string studyId in order)
            {
                string name = ArchiveNameTemplate.Expand(_options.NameTemplate ?? ArchiveNameTemplate.PerPatientDefault, _options.Site, _options.User,
                    studyId, DateTime.Now, Guid.NewGuid());
                results.Add(WriteArchive(Path.Combine(outDir, name), groups[studyId], describe, progress, cancellationToken));
            }
            return results;
        }

        // {STUDYID} in a single-archive template is allowed only when the whole tree is one study.
        private string StudyIdForName(List<PlannedFile> files, Func<string, ArchiveEntryInfo> describe)
        {
            string template = _options.NameTemplate ?? ArchiveNameTemplate.Default;
            if (template.IndexOf("{STUDYID}", StringComparison.OrdinalIgnoreCase) < 0) return null;
            string id = null;
            foreach (PlannedFile f in files)
            {
                if (f.Info == null) continue;
                if (id != null && f.Info.StudyId != id)
                    throw new ArgumentException("archive name template uses {STUDYID} but the folder holds more than one Study ID (use PerPatient).");
                id = f.Info.StudyId;
            }
            return id;
        }

        private ArchiveResult WriteArchive(string archivePath, List<PlannedFile> files, Func<string, ArchiveEntryInfo> describe,
            IProgress<ArchiveProgress> progress, CancellationToken cancellationToken)
        {
            var clock = Stopwatch.StartNew();
            var manifest = new ArchiveManifest { Profile = _options.Profile, CreatedUtc = DateTime.UtcNow };
            bool verified = false;
            int level = _options.CompressionLevel;
            var writerOptions = new ParallelZipWriterOptions
            {
                MaxDegreeOfParallelism = _options.MaxDegreeOfParallelism,
                TempDirectory = _options.TempDirectory,
                ForceZip64 = _options.ForceZip64,
                Overwrite = _options.Overwrite,
                Progress = progress,
                ExpectedEntries = files.Count + 2,
                EntryWritten = e =>
                {
                    if (e.Tag is ArchiveEntryInfo info) manifest.Add(ArchiveManifestRow.From(info, e));
                },
            };
            if (_options.Verify)
            {
                writerOptions.BeforeCommit = partial =>
                {
                    ZipVerificationResult check = ZipVerifier.Verify(partial, true, null, cancellationToken);
                    if (!check.IsValid) throw new ArchiveVerificationException(check);
                    verified = true;
                };
            }
            ZipWriteResult written;
            using (var writer = new ParallelZipWriter(archivePath, writerOptions, cancellationToken))
            {
                foreach (PlannedFile f in files)
                {
                    ArchiveEntryInfo info = f.Described ? f.Info : describe(f.SourcePath);
                    if (info == null) continue;
                    ZipCompressionMethod method = level == 0 ? ZipCompressionMethod.Store : info.Compression;
                    writer.AddFile(f.EntryPath, f.SourcePath, method, level, info);
                }
                writer.WaitUntilWritten();
                DateTime now = DateTime.Now;
                writer.AddBytes(ArchiveManifest.CsvEntryName, manifest.ToCsv(), level == 0 ? ZipCompressionMethod.Store : ZipCompressionMethod.Deflate, level, now);
                writer.AddBytes(ArchiveManifest.JsonEntryName, manifest.ToJson(), level == 0 ? ZipCompressionMethod.Store : ZipCompressionMethod.Deflate, level, now);
                written = writer.Complete();
            }
            long bytesIn = manifest.TotalBytes;
            return new ArchiveResult
            {
                ArchivePath = written.ArchivePath,
                EntryCount = manifest.FileCount,
                BytesIn = bytesIn,
                BytesOut = written.BytesOut,
                Ratio = bytesIn == 0 ? 0 : (double)written.BytesOut / bytesIn,
                StudyIds = manifest.StudyIds,
                Duration = clock.Elapsed,
                Verified = verified,
                Zip64 = written.Zip64,
                Manifest = manifest,
            };
        }

        private sealed class PlannedFile
        {
            public PlannedFile(string sourcePath, string entryPath)
            {
                SourcePath = sourcePath;
                EntryPath = entryPath;
            }

            public readonly string SourcePath;
            public readonly string EntryPath;
            public ArchiveEntryInfo Info;
            public bool Described;
        }
    }
}
