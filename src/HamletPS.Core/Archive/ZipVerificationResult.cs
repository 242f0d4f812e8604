using System.Collections.Generic;

namespace HamletPS.Core.Archive
{
    /// <summary>The outcome of <see cref="ZipVerifier.Verify"/>.</summary>
    public sealed class ZipVerificationResult
    {
        internal ZipVerificationResult(string archivePath, int entriesChecked, long bytesChecked, int manifestRows, IReadOnlyList<ZipVerificationProblem> problems)
        {
            ArchivePath = archivePath;
            EntriesChecked = entriesChecked;
            BytesChecked = bytesChecked;
            ManifestRows = manifestRows;
            Problems = problems;
        }

        public string ArchivePath { get; }

        public int EntriesChecked { get; }

        /// <summary>Uncompressed bytes read and checked.</summary>
        public long BytesChecked { get; }

        /// <summary>Rows of manifest.json checked against the entries (0 when the manifest was not checked).</summary>
        public int ManifestRows { get; }

        public IReadOnlyList<ZipVerificationProblem> Problems { get; }

        public bool IsValid => Problems.Count == 0;
    }
}
