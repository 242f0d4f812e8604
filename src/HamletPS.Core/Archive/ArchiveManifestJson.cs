using System;
using System.Globalization;
using System.IO;
using System.Text.Json;

namespace HamletPS.Core.Archive
{
    /// <summary>manifest.json: the complete manifest (metadata, series counts, files). See docs/archive.md for the schema.</summary>
    public static class ArchiveManifestJson
    {
        /// <summary>The members of a "series" item, in the order written.</summary>
        private static readonly ManifestJsonField<ArchiveManifestSeries>[] SeriesFields =
        {
            ManifestJsonField<ArchiveManifestSeries>.Text("studyId", s => s.StudyId),
            ManifestJsonField<ArchiveManifestSeries>.Text("studyInstanceUid", s => s.StudyInstanceUid),
            ManifestJsonField<ArchiveManifestSeries>.Text("seriesInstanceUid", s => s.SeriesInstanceUid),
            ManifestJsonField<ArchiveManifestSeries>.Text("modality", s => s.Modality),
            ManifestJsonField<ArchiveManifestSeries>.Number("fileCount", s => s.FileCount),
        };

        /// <summary>The members of a "files" item, in the order written; all are read back.</summary>
        private static readonly ManifestJsonField<ArchiveManifestRow>[] FileFields =
        {
            ManifestJsonField<ArchiveManifestRow>.Text("studyId", r => r.StudyId, (r, v) => r.StudyId = v),
            ManifestJsonField<ArchiveManifestRow>.Text("studyInstanceUid", r => r.StudyInstanceUid, (r, v) => r.StudyInstanceUid = v),
            ManifestJsonField<ArchiveManifestRow>.Text("seriesInstanceUid", r => r.SeriesInstanceUid, (r, v) => r.SeriesInstanceUid = v),
            ManifestJsonField<ArchiveManifestRow>.Text("sopInstanceUid", r => r.SopInstanceUid, (r, v) => r.SopInstanceUid = v),
            ManifestJsonField<ArchiveManifestRow>.Text("modality", r => r.Modality, (r, v) => r.Modality = v),
            ManifestJsonField<ArchiveManifestRow>.Text("sopClassUid", r => r.SopClassUid, (r, v) => r.SopClassUid = v),
            ManifestJsonField<ArchiveManifestRow>.Text("sopClassName", r => r.SopClassName, (r, v) => r.SopClassName = v),
            ManifestJsonField<ArchiveManifestRow>.Number("fileSize", r => r.FileSize, (r, v) => r.FileSize = v),
            ManifestJsonField<ArchiveManifestRow>.Text("sha256", r => r.Sha256, (r, v) => r.Sha256 = v),
            ManifestJsonField<ArchiveManifestRow>.Text("entryPath", r => r.EntryPath, (r, v) => r.EntryPath = v),
        };

        public static byte[] Write(ArchiveManifest m)
        {
            using (var buffer = new MemoryStream())
            {
                using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
                {
                    w.WriteStartObject();
                    w.WriteString("format", ArchiveManifest.FormatName);
                    w.WriteNumber("formatVersion", ArchiveManifest.FormatVersion);
                    w.WriteString("tool", m.Tool);
                    w.WriteString("toolVersion", m.ToolVersion);
                    w.WriteString("profile", m.Profile);
                    w.WriteString("createdUtc", m.CreatedUtc.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
                    w.WriteNumber("fileCount", m.FileCount);
                    w.WriteNumber("totalBytes", m.TotalBytes);
                    w.WriteStartArray("studyIds");
                    foreach (string id in m.StudyIds) w.WriteStringValue(id);
                    w.WriteEndArray();
                    ManifestJsonField<ArchiveManifestSeries>.WriteArray(w, "series", m.Series, SeriesFields);
                    ManifestJsonField<ArchiveManifestRow>.WriteArray(w, "files", m.Rows, FileFields);
                    w.WriteEndObject();
                }
                return buffer.ToArray();
            }
        }

        /// <summary>Parses manifest.json. Throws InvalidDataException for a file that is not a HamletPS manifest.</summary>
        public static ArchiveManifest Parse(byte[] json)
        {
            try
            {
                using (JsonDocument doc = JsonDocument.Parse(json))
                {
                    JsonElement root = doc.RootElement;
                    if (root.ValueKind != JsonValueKind.Object || Str(root, "format") != ArchiveManifest.FormatName)
                        throw new InvalidDataException("manifest.json: not a " + ArchiveManifest.FormatName);
                    var m = new ArchiveManifest
                    {
                        Tool = Str(root, "tool"),
                        ToolVersion = Str(root, "toolVersion"),
                        Profile = Str(root, "profile"),
                        CreatedUtc = DateTime.Parse(Str(root, "createdUtc") ?? "", CultureInfo.InvariantCulture,
                            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal),
                    };
                    if (!root.TryGetProperty("files", out JsonElement files) || files.ValueKind != JsonValueKind.Array)
                        throw new InvalidDataException("manifest.json: no \"files\" array");
                    int index = 0;
                    foreach (JsonElement f in files.EnumerateArray())
                    {
                        var row = new ArchiveManifestRow();
                        string unreadable = ManifestJsonField<ArchiveManifestRow>.ReadInto(f, row, FileFields);
                        if (unreadable != null) throw new InvalidDataException($"manifest.json: files[{index}] has no numeric {unreadable}");
                        m.Add(row);
                        index++;
                    }
                    return m;
                }
            }
            catch (JsonException ex)
            {
                throw new InvalidDataException($"manifest.json: malformed JSON at line {ex.LineNumber + 1}", ex);
            }
            catch (FormatException ex)
            {
                throw new InvalidDataException("manifest.json: createdUtc is not a date", ex);
            }
        }

        private static string Str(JsonElement e, string name) =>
            e.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
    }
}
