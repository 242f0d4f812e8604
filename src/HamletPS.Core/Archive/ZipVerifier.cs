using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Hashing;
using System.Linq;
using System.Security.Cryptography;
using System.Threading;

namespace HamletPS.Core.Archive
{
    /// <summary>
    /// Re-reads every entry of an archive: local header against central directory, decompression, CRC-32 and size; then checks
    /// manifest.csv and manifest.json (when present or required): every row's entry exists with that size and SHA-256, every entry
    /// is listed exactly once, and both manifests list the same files.
    /// </summary>
    public static class ZipVerifier
    {
        /// <param name="requireManifest">Report a problem when the archive has no manifest.json / manifest.csv (HamletPS archives always have them).</param>
        public static ZipVerificationResult Verify(string archivePath, bool requireManifest = true,
            IProgress<ArchiveProgress> progress = null, CancellationToken cancellationToken = default)
        {
            var problems = new List<ZipVerificationProblem>();
            ZipArchiveReader reader;
            try
            {
                reader = new ZipArchiveReader(archivePath);
            }
            catch (Exception ex) when (ex is InvalidDataException || ex is EndOfStreamException)
            {
                problems.Add(new ZipVerificationProblem(ZipVerificationProblemKind.Structure, null, ex.Message));
                return new ZipVerificationResult(archivePath, 0, 0, 0, problems);
            }
            using (reader)
            {
                var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
                var sizes = new Dictionary<string, long>(StringComparer.Ordinal);
                long bytes = 0;
                int checkedEntries = 0;
                byte[] buffer = new byte[1 << 20];
                foreach (ZipDirectoryEntry e in reader.Entries.OrderBy(x => x.LocalHeaderOffset))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (hashes.ContainsKey(e.EntryPath))
                    {
                        problems.Add(new ZipVerificationProblem(ZipVerificationProblemKind.Structure, e.EntryPath, "entry path occurs more than once"));
                        continue;
                    }
                    var crc = new Crc32();
                    long total = 0;
                    using (var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
                    {
                        try
                        {
                            using (Stream s = reader.OpenEntry(e))
                            {
                                int n;
                                while ((n = s.Read(buffer, 0, buffer.Length)) > 0)
                                {
                                    crc.Append(new ReadOnlySpan<byte>(buffer, 0, n));
                                    sha.AppendData(buffer, 0, n);
                                    total += n;
                                }
                            }
                        }
                        catch (InvalidDataException ex)
                        {
                            problems.Add(new ZipVerificationProblem(ex.Message.StartsWith("entry '", StringComparison.Ordinal)
                                ? ZipVerificationProblemKind.Structure : ZipVerificationProblemKind.Unreadable, e.EntryPath, ex.Message));
                            continue;
                        }
                        catch (EndOfStreamException ex)
                        {
                            problems.Add(new ZipVerificationProblem(ZipVerificationProblemKind.Structure, e.EntryPath, ex.Message));
                            continue;
                        }
                        checkedEntries++;
                        bytes += total;
                        if (total != e.UncompressedSize)
                            problems.Add(new ZipVerificationProblem(ZipVerificationProblemKind.Size, e.EntryPath,
                                $"{total} bytes decompressed, {e.UncompressedSize} recorded"));
                        if (crc.GetCurrentHashAsUInt32() != e.Crc32)
                            problems.Add(new ZipVerificationProblem(ZipVerificationProblemKind.Crc, e.EntryPath,
                                $"CRC-32 {crc.GetCurrentHashAsUInt32():x8}, recorded {e.Crc32:x8}"));
                        hashes[e.EntryPath] = ToHex(sha.GetHashAndReset());
                        sizes[e.EntryPath] = total;
                    }
                    progress?.Report(new ArchiveProgress(archivePath, e.EntryPath, checkedEntries, reader.Entries.Count, bytes, 0));
                }
                int manifestRows = CheckManifests(reader, hashes, sizes, requireManifest, problems);
                return new ZipVerificationResult(archivePath, checkedEntries, bytes, manifestRows, problems);
            }
        }

        private static int CheckManifests(ZipArchiveReader reader, Dictionary<string, string> hashes, Dictionary<string, long> sizes,
            bool requireManifest, List<ZipVerificationProblem> problems)
        {
            ZipDirectoryEntry jsonEntry = reader.Entries.FirstOrDefault(e => e.EntryPath == ArchiveManifest.JsonEntryName);
            ZipDirectoryEntry csvEntry = reader.Entries.FirstOrDefault(e => e.EntryPath == ArchiveManifest.CsvEntryName);
            if (jsonEntry == null || csvEntry == null)
            {
                if (requireManifest || jsonEntry != null || csvEntry != null)
                    problems.Add(new ZipVerificationProblem(ZipVerificationProblemKind.Manifest, null, "manifest.json and manifest.csv are not both present"));
                if (jsonEntry == null) return 0;
            }
            if (!hashes.ContainsKey(jsonEntry.EntryPath)) return 0; // unreadable; already reported
            List<ArchiveManifestRow> rows;
            try
            {
                rows = ArchiveManifestJson.Parse(reader.ReadAllBytes(jsonEntry)).Rows.ToList();
            }
            catch (InvalidDataException ex)
            {
                problems.Add(new ZipVerificationProblem(ZipVerificationProblemKind.Manifest, ArchiveManifest.JsonEntryName, ex.Message));
                return 0;
            }
            if (csvEntry != null && hashes.ContainsKey(csvEntry.EntryPath))
            {
                try
                {
                    List<ArchiveManifestRow> csvRows = ArchiveManifestCsv.Parse(reader.ReadAllBytes(csvEntry));
                    if (!SameRows(rows, csvRows))
                        problems.Add(new ZipVerificationProblem(ZipVerificationProblemKind.Manifest, ArchiveManifest.CsvEntryName,
                            "manifest.csv and manifest.json list different files or values"));
                }
                catch (InvalidDataException ex)
                {
                    problems.Add(new ZipVerificationProblem(ZipVerificationProblemKind.Manifest, ArchiveManifest.CsvEntryName, ex.Message));
                }
            }
            var listed = new HashSet<string>(StringComparer.Ordinal);
            foreach (ArchiveManifestRow row in rows)
            {
                string path = row.EntryPath ?? "";
                if (!listed.Add(path))
                {
                    problems.Add(new ZipVerificationProblem(ZipVerificationProblemKind.NotInManifest, path, "listed more than once in the manifest"));
                    continue;
                }
                if (!hashes.TryGetValue(path, out string actual))
                {
                    bool present = reader.Entries.Any(e => e.EntryPath == path);
                    if (!present)
                        problems.Add(new ZipVerificationProblem(ZipVerificationProblemKind.MissingEntry, path, "listed in the manifest but not in the archive"));
                    continue;
                }
                if (!string.Equals(actual, row.Sha256, StringComparison.OrdinalIgnoreCase))
                    problems.Add(new ZipVerificationProblem(ZipVerificationProblemKind.ManifestHash, path, "SHA-256 differs from the manifest"));
                if (sizes[path] != row.FileSize)
                    problems.Add(new ZipVerificationProblem(ZipVerificationProblemKind.ManifestSize, path,
                        $"{sizes[path]} bytes, manifest says {row.FileSize}"));
            }
            foreach (ZipDirectoryEntry e in reader.Entries)
            {
                if (e.EntryPath == ArchiveManifest.JsonEntryName || e.EntryPath == ArchiveManifest.CsvEntryName) continue;
                if (!listed.Contains(e.EntryPath))
                    problems.Add(new ZipVerificationProblem(ZipVerificationProblemKind.NotInManifest, e.EntryPath, "entry is not listed in the manifest"));
            }
            return rows.Count;
        }

        private static bool SameRows(List<ArchiveManifestRow> a, List<ArchiveManifestRow> b)
        {
            if (a.Count != b.Count) return false;
            for (int i = 0; i < a.Count; i++)
            {
                ArchiveManifestRow x = a[i], y = b[i];
                if ((x.StudyId ?? "") != y.StudyId || (x.StudyInstanceUid ?? "") != y.StudyInstanceUid || (x.SeriesInstanceUid ?? "") != y.SeriesInstanceUid
                    || (x.SopInstanceUid ?? "") != y.SopInstanceUid || (x.Modality ?? "") != y.Modality || (x.SopClassUid ?? "") != y.SopClassUid
                    || (x.SopClassName ?? "") != y.SopClassName || x.FileSize != y.FileSize || (x.Sha256 ?? "") != y.Sha256 || (x.EntryPath ?? "") != y.EntryPath)
                    return false;
            }
            return true;
        }

        private static string ToHex(byte[] bytes) => BitConverter.ToString(bytes).Replace("-", "").ToLowerInvariant();
    }
}
