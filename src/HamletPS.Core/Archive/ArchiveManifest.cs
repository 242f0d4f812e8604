using System;
using System.Collections.Generic;
using System.Linq;

namespace HamletPS.Core.Archive
{
    /// <summary>
    /// The list of files in one archive with their UIDs, sizes and SHA-256, plus counts per series, the tool version, the
    /// de-identification profile and the creation time. Written inside the archive as manifest.csv and manifest.json.
    /// </summary>
    public sealed class ArchiveManifest
    {
        /// <summary>Entry names reserved for the manifest at the root of every archive.</summary>
        public const string CsvEntryName = "manifest.csv";
        public const string JsonEntryName = "manifest.json";

        /// <summary>The value of manifest.json "format".</summary>
        public const string FormatName = "hamlet-archive-manifest";
        public const int FormatVersion = 1;

        private readonly List<ArchiveManifestRow> _rows = new List<ArchiveManifestRow>();

        public string Tool { get; set; } = ProductInfo.Name;

        public string ToolVersion { get; set; } = ProductInfo.Version;

        /// <summary>The de-identification profile the files were protected with (free text, e.g. "hamlet-rt-v1").</summary>
        public string Profile { get; set; }

        public DateTime CreatedUtc { get; set; } = DateTime.UtcNow;

        public IReadOnlyList<ArchiveManifestRow> Rows => _rows;

        public int FileCount => _rows.Count;

        public long TotalBytes => _rows.Sum(r => r.FileSize);

        /// <summary>Distinct Study IDs in row order.</summary>
        public IReadOnlyList<string> StudyIds => _rows.Select(r => r.StudyId).Where(s => !string.IsNullOrEmpty(s)).Distinct().ToList();

        /// <summary>Files per series, in the order each series first appears.</summary>
        public IReadOnlyList<ArchiveManifestSeries> Series
        {
            get
            {
                var bySeries = new Dictionary<string, ArchiveManifestSeries>(StringComparer.Ordinal);
                var order = new List<ArchiveManifestSeries>();
                foreach (ArchiveManifestRow row in _rows)
                {
                    string key = row.StudyId + "\u0000" + row.StudyInstanceUid + "\u0000" + row.SeriesInstanceUid + "\u0000" + row.Modality;
                    if (!bySeries.TryGetValue(key, out ArchiveManifestSeries s))
                    {
                        s = new ArchiveManifestSeries
                        {
                            StudyId = row.StudyId, StudyInstanceUid = row.StudyInstanceUid, SeriesInstanceUid = row.SeriesInstanceUid, Modality = row.Modality,
                        };
                        bySeries.Add(key, s);
                        order.Add(s);
                    }
                    s.FileCount++;
                }
                return order;
            }
        }

        public void Add(ArchiveManifestRow row)
        {
            if (row == null) throw new ArgumentNullException(nameof(row));
            _rows.Add(row);
        }

        /// <summary>manifest.csv bytes (UTF-8, no BOM, RFC 4180, CRLF).</summary>
        public byte[] ToCsv() => ArchiveManifestCsv.Write(this);

        /// <summary>manifest.json bytes (UTF-8, indented).</summary>
        public byte[] ToJson() => ArchiveManifestJson.Write(this);
    }
}
