using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace HamletPS.Core.Pipeline
{
    /// <summary>
    /// What earlier runs did, read from every journal in the logs folder: the content hashes of sorted files already archived,
    /// the protected SOP Instance UIDs already archived, and the latest run that did not complete (to resume).
    /// </summary>
    public sealed class RunJournalState
    {
        /// <summary>SHA-256 (hex) of sorted files whose protected copy is in an archive of a completed run.</summary>
        public HashSet<string> ArchivedSourceHashes { get; } = new HashSet<string>(StringComparer.Ordinal);

        /// <summary>Protected SOP Instance UIDs in archives of completed runs.</summary>
        public HashSet<string> ArchivedSopInstanceUids { get; } = new HashSet<string>(StringComparer.Ordinal);

        /// <summary>SHA-256 of protected files in archives of completed runs (Clear-HamletFolder accepts these too).</summary>
        public HashSet<string> ArchivedProtectedHashes { get; } = new HashSet<string>(StringComparer.Ordinal);

        /// <summary>Runs with a "run-complete" entry (their protected folders may be removed).</summary>
        public HashSet<string> CompletedRunIds { get; } = new HashSet<string>(StringComparer.Ordinal);

        /// <summary>The latest run without a "run-complete" entry, or null.</summary>
        public string IncompleteRunId { get; private set; }

        /// <summary>For <see cref="IncompleteRunId"/>: source hash → (relative path, protected hash, Study ID, SOP UID) of files it protected.</summary>
        public Dictionary<string, ProtectedFileRecord> ProtectedInIncompleteRun { get; } = new Dictionary<string, ProtectedFileRecord>(StringComparer.Ordinal);

        /// <summary>For <see cref="IncompleteRunId"/>: archive paths it started (maybe left as .partial, maybe complete).</summary>
        public List<string> ArchivesStartedInIncompleteRun { get; } = new List<string>();

        public static RunJournalState Load(string logsFolder)
        {
            var state = new RunJournalState();
            if (!Directory.Exists(logsFolder)) return state;
            var journals = Directory.GetFiles(logsFolder, "run-*" + RunJournal.Extension);
            Array.Sort(journals, StringComparer.Ordinal); // run ids start with the UTC time: ordinal order is time order
            foreach (string journal in journals)
            {
                var entries = RunJournal.Read(journal).ToList();
                bool complete = entries.Any(e => Event(e) == "run-complete");
                var protectedFiles = entries.Where(e => Event(e) == "protected" || Event(e) == "reused").Select(ProtectedFileRecord.From).ToList();
                if (complete)
                {
                    state.CompletedRunIds.Add(System.IO.Path.GetFileNameWithoutExtension(journal));
                    foreach (var p in protectedFiles)
                    {
                        state.ArchivedSourceHashes.Add(p.SourceSha256);
                        if (p.SopInstanceUid != null) state.ArchivedSopInstanceUids.Add(p.SopInstanceUid);
                        if (p.Sha256 != null) state.ArchivedProtectedHashes.Add(p.Sha256);
                    }
                    if (state.IncompleteRunId == System.IO.Path.GetFileNameWithoutExtension(journal)) state.IncompleteRunId = null;
                    continue;
                }
                state.IncompleteRunId = System.IO.Path.GetFileNameWithoutExtension(journal);
                state.ProtectedInIncompleteRun.Clear();
                state.ArchivesStartedInIncompleteRun.Clear();
                foreach (var p in protectedFiles) state.ProtectedInIncompleteRun[p.SourceSha256] = p;
                foreach (var e in entries.Where(e => Event(e) == "archive-start")) state.ArchivesStartedInIncompleteRun.Add(Text(e, "archive"));
            }
            return state;
        }

        internal static string Event(JsonElement e) => Text(e, "event");

        internal static string Text(JsonElement e, string name) =>
            e.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
    }
}
