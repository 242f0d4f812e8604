using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;

namespace HamletPS.Core.Pipeline
{
    /// <summary>
    /// The run journal of <see cref="HamletPipeline"/>: one JSON object per line in <c>&lt;logs&gt;/&lt;runId&gt;.jsonl</c>, appended
    /// and flushed line by line so a crash loses at most the line being written. Entries name files only by protected values
    /// (Study ID, protected UIDs, protected relative paths) and SHA-256 hashes of content — never a patient identifier, never a
    /// path below INCOMING or SORTED (their names hold patient IDs). Every entry has "time" (UTC, ISO 8601), "run" and "event".
    /// Thread-safe.
    /// </summary>
    public sealed class RunJournal : IDisposable
    {
        public const string Extension = ".jsonl";
        private readonly FileStream _stream;
        private readonly object _gate = new object();

        private RunJournal(string path, string runId)
        {
            Path = path;
            RunId = runId;
            _stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
        }

        public string Path { get; }

        public string RunId { get; }

        /// <summary>A new run id: <c>run-yyyyMMdd-HHmmss-xxxxxxxx</c> (UTC time and 8 random hex digits).</summary>
        public static string NewRunId() =>
            "run-" + DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N").Substring(0, 8);

        /// <summary>Opens (appending) or creates the journal of <paramref name="runId"/> in <paramref name="logsFolder"/>.</summary>
        public static RunJournal Open(string logsFolder, string runId)
        {
            Directory.CreateDirectory(logsFolder);
            return new RunJournal(System.IO.Path.Combine(logsFolder, runId + Extension), runId);
        }

        /// <summary>Appends one entry. Values: string, bool, integral and floating numbers, or null (left out).</summary>
        public void Write(string eventName, IDictionary<string, object> fields = null)
        {
            byte[] line;
            using (var buffer = new MemoryStream())
            {
                using (var json = new Utf8JsonWriter(buffer))
                {
                    json.WriteStartObject();
                    json.WriteString("time", DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
                    json.WriteString("run", RunId);
                    json.WriteString("event", eventName);
                    if (fields != null)
                    {
                        foreach (var pair in fields)
                        {
                            switch (pair.Value)
                            {
                                case null: break;
                                case string s: json.WriteString(pair.Key, s); break;
                                case bool b: json.WriteBoolean(pair.Key, b); break;
                                case int i: json.WriteNumber(pair.Key, i); break;
                                case long l: json.WriteNumber(pair.Key, l); break;
                                case double d: json.WriteNumber(pair.Key, Math.Round(d, 3)); break;
                                default: json.WriteString(pair.Key, Convert.ToString(pair.Value, CultureInfo.InvariantCulture)); break;
                            }
                        }
                    }
                    json.WriteEndObject();
                }
                buffer.WriteByte((byte)'\n');
                line = buffer.ToArray();
            }
            lock (_gate)
            {
                _stream.Write(line, 0, line.Length);
                _stream.Flush(flushToDisk: false);
            }
        }

        /// <summary>Reads a journal's entries; a torn last line (a crash while writing it) is ignored.</summary>
        public static IEnumerable<JsonElement> Read(string path)
        {
            var entries = new List<JsonElement>();
            using (var reader = new StreamReader(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite), new UTF8Encoding(false)))
            {
                string line;
                while ((line = reader.ReadLine()) != null)
                {
                    if (line.Trim().Length == 0) continue;
                    try
                    {
                        using (JsonDocument doc = JsonDocument.Parse(line)) entries.Add(doc.RootElement.Clone());
                    }
                    catch (JsonException)
                    {
                        // torn line
                    }
                }
            }
            return entries;
        }

        public void Dispose()
        {
            lock (_gate)
            {
                _stream.Flush(flushToDisk: true);
                _stream.Dispose();
            }
        }
    }
}
