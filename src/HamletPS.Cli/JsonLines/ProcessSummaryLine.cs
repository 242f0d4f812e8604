using System;
using System.Collections.Generic;
using HamletPS.Core.Pipeline;

namespace HamletPS.Cli.JsonLines
{
    /// <summary>`hamlet process --json`: the run's summary (the step messages go to standard error).</summary>
    public sealed class ProcessSummaryLine
    {
        public string RunId { get; set; }
        public bool Resumed { get; set; }
        public string JournalPath { get; set; }
        public int Sorted { get; set; }
        public int Duplicates { get; set; }
        public int Conflicts { get; set; }
        public int Quarantined { get; set; }
        public int NotDicom { get; set; }
        public int Skipped { get; set; }
        public int Protected { get; set; }
        public int Reused { get; set; }
        public int AlreadyArchived { get; set; }
        public int Failed { get; set; }
        public int ResidualIdentifiers { get; set; }
        public IReadOnlyList<string> Patients { get; set; }
        public string Path { get; set; }
        public int Archives { get; set; }
        public TimeSpan Duration { get; set; }
        public bool Succeeded { get; set; }

        public static ProcessSummaryLine From(PipelineSummary s) => new ProcessSummaryLine
        {
            RunId = s.RunId, Resumed = s.Resumed, JournalPath = s.JournalPath, Sorted = s.Sorted, Duplicates = s.Duplicates, Conflicts = s.Conflicts,
            Quarantined = s.Quarantined, NotDicom = s.NotDicom, Skipped = s.Skipped, Protected = s.Protected, Reused = s.Reused,
            AlreadyArchived = s.AlreadyArchived, Failed = s.Failed, ResidualIdentifiers = s.ResidualIdentifiers, Patients = s.Patients, Path = s.Path,
            Archives = s.Archives.Count, Duration = s.Duration, Succeeded = s.Succeeded,
        };
    }
}
