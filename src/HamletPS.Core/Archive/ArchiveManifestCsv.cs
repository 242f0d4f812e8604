using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;

namespace HamletPS.Core.Archive
{
    /// <summary>manifest.csv: one header line then one line per file (UTF-8 without BOM, CRLF), every cell through
    /// <see cref="CsvCell"/> (RFC 4180 quoting; a value a spreadsheet would take for a formula is written as text).</summary>
    public static class ArchiveManifestCsv
    {
        /// <summary>The header line's columns, in order.</summary>
        public static readonly IReadOnlyList<string> Columns = new[]
        {
            "StudyID", "StudyInstanceUID", "SeriesInstanceUID", "SOPInstanceUID", "Modality", "SOPClassUID", "SOPClassName", "FileSize", "SHA256", "EntryPath",
        };

        public static byte[] Write(ArchiveManifest manifest)
        {
            var sb = new StringBuilder();
            sb.Append(string.Join(",", Columns)).Append("\r\n");
            foreach (ArchiveManifestRow r in manifest.Rows)
            {
                sb.Append(CsvCell.Line(r.StudyId, r.StudyInstanceUid, r.SeriesInstanceUid, r.SopInstanceUid, r.Modality, r.SopClassUid,
                    r.SopClassName, r.FileSize.ToString(CultureInfo.InvariantCulture), r.Sha256, r.EntryPath)).Append("\r\n");
            }
            return new UTF8Encoding(false).GetBytes(sb.ToString());
        }

        /// <summary>Parses manifest.csv rows. Throws InvalidDataException naming the line for a malformed file.</summary>
        public static List<ArchiveManifestRow> Parse(byte[] csv)
        {
            string text = new UTF8Encoding(false, true).GetString(csv);
            List<List<string>> records = SplitRecords(text);
            if (records.Count == 0) throw new InvalidDataException("manifest.csv is empty");
            List<string> header = records[0];
            if (header.Count != Columns.Count) throw new InvalidDataException("manifest.csv line 1: unexpected header");
            for (int i = 0; i < header.Count; i++)
                if (!string.Equals(header[i], Columns[i], StringComparison.Ordinal))
                    throw new InvalidDataException($"manifest.csv line 1: column {i + 1} should be {Columns[i]}");
            var rows = new List<ArchiveManifestRow>();
            for (int line = 1; line < records.Count; line++)
            {
                List<string> f = records[line].ConvertAll(CsvCell.Read);
                if (f.Count != Columns.Count) throw new InvalidDataException($"manifest.csv record {line + 1}: {f.Count} fields, expected {Columns.Count}");
                if (!long.TryParse(f[7], NumberStyles.None, CultureInfo.InvariantCulture, out long size))
                    throw new InvalidDataException($"manifest.csv record {line + 1}: FileSize is not a number");
                rows.Add(new ArchiveManifestRow
                {
                    StudyId = f[0], StudyInstanceUid = f[1], SeriesInstanceUid = f[2], SopInstanceUid = f[3], Modality = f[4],
                    SopClassUid = f[5], SopClassName = f[6], FileSize = size, Sha256 = f[8], EntryPath = f[9],
                });
            }
            return rows;
        }

        private static List<List<string>> SplitRecords(string text)
        {
            var records = new List<List<string>>();
            var fields = new List<string>();
            var field = new StringBuilder();
            bool quoted = false, any = false;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (quoted)
                {
                    if (c == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                        else quoted = false;
                    }
                    else field.Append(c);
                    continue;
                }
                if (c == '"') { quoted = true; any = true; }
                else if (c == ',') { fields.Add(field.ToString()); field.Clear(); any = true; }
                else if (c == '\r' || c == '\n')
                {
                    if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                    if (any || field.Length > 0) { fields.Add(field.ToString()); records.Add(fields); }
                    fields = new List<string>();
                    field.Clear();
                    any = false;
                }
                else { field.Append(c); any = true; }
            }
            if (quoted) throw new InvalidDataException("manifest.csv: unterminated quoted field");
            if (any || field.Length > 0) { fields.Add(field.ToString()); records.Add(fields); }
            return records;
        }
    }
}
