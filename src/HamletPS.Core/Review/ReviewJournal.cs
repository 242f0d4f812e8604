using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using HamletPS.Core.Pipeline;

namespace HamletPS.Core.Review
{
    /// <summary>
    /// What a run of the pipeline (`hamlet process`, Invoke-HamletPipeline) held back, from its run journal: files protect refused
    /// (by reason id: PixelIdentifierRisk, PixelDataNotMaskable, ResidualIdentifier, …), files a pixel rule dropped, files
    /// quarantined. Only our own vocabulary reaches the page: reason ids known to <see cref="ErrorIds"/> and fixed labels, never
    /// the journal's messages (which may quote a header value) nor its hashes.
    /// </summary>
    internal static class ReviewJournal
    {
        /// <summary>The run id and the held-back counts by label (ordered), of a journal file or the newest journal of a folder.</summary>
        public static (string RunId, List<KeyValuePair<string, int>> HeldBack) Read(string path)
        {
            string file = path;
            if (Directory.Exists(path))
            {
                file = Directory.EnumerateFiles(path, "*" + RunJournal.Extension).OrderBy(f => Path.GetFileName(f), StringComparer.Ordinal).LastOrDefault();
                if (file == null) throw new FileNotFoundException("No run journal (*" + RunJournal.Extension + ") in the folder.", path);
            }
            var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
            string runId = null;
            foreach (JsonElement entry in RunJournal.Read(file))
            {
                if (runId == null && entry.TryGetProperty("run", out JsonElement run) && run.ValueKind == JsonValueKind.String && IsRunId(run.GetString())) runId = run.GetString();
                string name = entry.TryGetProperty("event", out JsonElement e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null;
                string label;
                switch (name)
                {
                    case "protect-failed":
                        string reason = entry.TryGetProperty("reason", out JsonElement r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
                        label = "protect refused: " + (ErrorIds.IsKnown(reason) ? reason : "(another reason)");
                        break;
                    case "pixel-dropped": label = "dropped by a pixel rule (action: drop)"; break;
                    case "quarantined": label = "quarantined: unreadable after sorting"; break;
                    case "sort-quarantined": label = "quarantined by the sort"; break;
                    case "sort-failed": label = "sort failed (I/O error)"; break;
                    default: continue;
                }
                counts[label] = counts.TryGetValue(label, out int n) ? n + 1 : 1;
            }
            return (runId, counts.ToList());
        }

        private static bool IsRunId(string text) =>
            text != null && text.Length <= 40 && text.StartsWith("run-", StringComparison.Ordinal) && text.All(c => char.IsLetterOrDigit(c) || c == '-');
    }
}
