#nullable enable
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using HamletPS.Core.Pipeline;

namespace HamletPS.Core.Inventory
{
    /// <summary>
    /// What the run journals (HAMLET.LOGS, <c>run-*.jsonl</c>) say was sent: the "protected" and "reused" entries of every run
    /// that has a "run-complete" entry (its archives were written and verified). Stricter than the pipeline's own reading, since
    /// a report built on a journal it could not read would be wrong without saying so: a file that cannot be opened, or a line
    /// that is not JSON anywhere but at the very end of the file, stops the inventory with <see cref="ErrorIds.SentRecordUnreadable"/>
    /// naming the file and line. Only a last line without its line end (a run stopped while writing it) is passed over.
    /// </summary>
    public static class SentJournalReader
    {
        /// <summary>The sent instances of every completed run in <paramref name="logsFolder"/>; none when the folder does not exist.</summary>
        public static IEnumerable<SentRecord> Read(string logsFolder, CancellationToken cancellationToken = default)
        {
            if (logsFolder == null) throw new ArgumentNullException(nameof(logsFolder));
            if (!Directory.Exists(logsFolder)) return Enumerable.Empty<SentRecord>();
            string[] journals;
            try
            {
                journals = Directory.GetFiles(logsFolder, "run-*" + RunJournal.Extension);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                throw Unreadable(logsFolder, 0, "the folder cannot be listed (" + ex.Message + ")", ex);
            }
            Array.Sort(journals, StringComparer.Ordinal);
            var sent = new List<SentRecord>();
            foreach (string journal in journals)
            {
                cancellationToken.ThrowIfCancellationRequested();
                sent.AddRange(ReadOne(journal));
            }
            return sent;
        }

        /// <summary>The sent instances of one journal: none unless the run completed.</summary>
        public static IReadOnlyList<SentRecord> ReadOne(string journal)
        {
            string text;
            try
            {
                using (var stream = new FileStream(journal, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
                using (var reader = new StreamReader(stream, new UTF8Encoding(false, throwOnInvalidBytes: true)))
                    text = reader.ReadToEnd();
            }
            catch (DecoderFallbackException ex)
            {
                throw Unreadable(journal, 0, "it is not UTF-8 text", ex);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                throw Unreadable(journal, 0, "it cannot be read (" + ex.Message + ")", ex);
            }
            string[] lines = text.Split('\n');
            var protectedFiles = new List<(string Sop, string? StudyId)>();
            DateTime? completed = null;
            bool complete = false;
            for (int i = 0; i < lines.Length; i++)
            {
                string line = lines[i].TrimEnd('\r');
                if (line.Trim().Length == 0) continue;
                bool lastWithoutEnd = i == lines.Length - 1; // text after the final '\n': a line cut short by a crash
                JsonElement entry;
                try
                {
                    using (JsonDocument doc = JsonDocument.Parse(line)) entry = doc.RootElement.Clone();
                }
                catch (JsonException ex)
                {
                    if (lastWithoutEnd) continue;
                    throw Unreadable(journal, i + 1, "the line is not a JSON object", ex);
                }
                if (entry.ValueKind != JsonValueKind.Object) throw Unreadable(journal, i + 1, "the line is not a JSON object", null);
                string? name = Text(entry, "event");
                if (name == "run-complete")
                {
                    complete = true;
                    completed = Time(entry) ?? completed;
                }
                else if (name == "protected" || name == "reused")
                {
                    string? sop = Text(entry, "sopInstanceUid");
                    if (string.IsNullOrEmpty(sop)) throw Unreadable(journal, i + 1, "a \"" + name + "\" entry has no sopInstanceUid", null);
                    protectedFiles.Add((sop!, Text(entry, "studyId")));
                }
            }
            if (!complete) return Array.Empty<SentRecord>();
            return protectedFiles.Select(p => new SentRecord(p.Sop, p.StudyId, completed)).ToList();
        }

        private static string? Text(JsonElement e, string name) =>
            e.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

        private static DateTime? Time(JsonElement e)
        {
            string? text = Text(e, "time");
            if (text != null && DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out DateTime t))
                return DateTime.SpecifyKind(t, DateTimeKind.Utc);
            return null;
        }

        internal static HamletException Unreadable(string file, int line, string reason, Exception? inner) =>
            new HamletException(ErrorIds.SentRecordUnreadable,
                "The run journal " + file + (line > 0 ? " line " + line.ToString(CultureInfo.InvariantCulture) : "") + " cannot be read: " + reason +
                ". Without it the inventory cannot tell what was sent, so nothing is reported.", inner,
                "Repair or move the file (it is site-only), then run the inventory again.");
    }
}
