using System;
using System.Globalization;
using System.IO;
using System.Text.Json;

namespace HamletPS.Core.Archive
{
    /// <summary>manifest.json: the complete manifest (metadata, series counts, files). See docs/archive.md for the schema.</summary>
    public static class ArchiveManifestJson
    {
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
                    w.WriteStartArray("series");
                    foreach (ArchiveManifestSeries s in m.Series)
                    {
                        w.WriteStartObject();
                        w.WriteString("studyId", s.StudyId);
                        w.WriteString("studyInstanceUid", s.StudyInstanceUid);
                        w.WriteString("seriesInstanceUid", s.SeriesInstanceUid);
                        w.WriteString("modality", s.Modality);
                        w.WriteNumber("fileCount", s.FileCount);
                        w.WriteEndObject();
                    }
                    w.WriteEndArray();
                    w.WriteStartArray("files");
                    foreach (ArchiveManifestRow r in m.Rows)
                    {
                        w.WriteStartObject();
                        w.WriteString("studyId", r.StudyId);
                        w.WriteString("studyInstanceUid", r.StudyInstanceUid);
                        w.WriteString("seriesInstanceUid", r.SeriesInstanceUid);
                        w.WriteString("sopInstanceUid", r.SopInstanceUid);
                        w.WriteString("modality", r.Modality);
                        w.WriteString("sopClassUid", r.SopClassUid);
                        w.WriteString("sopClassName", r.SopClassName);
                        w.WriteNumber("fileSize", r.FileSize);
                        w.WriteString("sha256", r.Sha256);
                        w.WriteString("entryPath", r.EntryPath);
                        w.WriteEndObject();
                    }
                    w.WriteEndArray();
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
                        if (!f.TryGetProperty("fileSize", out JsonElement size) || !size.TryGetInt64(out long fileSize))
                            throw new InvalidDataException($"manifest.json: files[{index}] has no numeric fileSize");
                        m.Add(new ArchiveManifestRow
                        {
                            StudyId = Str(f, "studyId"), StudyInstanceUid = Str(f, "studyInstanceUid"), SeriesInstanceUid = Str(f, "seriesInstanceUid"),
                            SopInstanceUid = Str(f, "sopInstanceUid"), Modality = Str(f, "modality"), SopClassUid = Str(f, "sopClassUid"),
                            SopClassName = Str(f, "sopClassName"), FileSize = fileSize, Sha256 = Str(f, "sha256"), EntryPath = Str(f, "entryPath"),
                        });
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
