using System;
using System.Collections.Generic;
using HamletPS.Core.Archive;

namespace HamletPS.Cli.JsonLines
{
    /// <summary>`hamlet archive --json`: one line per archive written.</summary>
    public sealed class ArchiveLine
    {
        public string Path { get; set; }
        public int EntryCount { get; set; }
        public long BytesIn { get; set; }
        public long BytesOut { get; set; }
        public double Ratio { get; set; }
        public IReadOnlyList<string> StudyIds { get; set; }
        public TimeSpan Duration { get; set; }
        public bool Verified { get; set; }
        public bool Zip64 { get; set; }

        public static ArchiveLine From(ArchiveResult r) => new ArchiveLine
        {
            Path = r.Path, EntryCount = r.EntryCount, BytesIn = r.BytesIn, BytesOut = r.BytesOut, Ratio = r.Ratio, StudyIds = r.StudyIds,
            Duration = r.Duration, Verified = r.Verified, Zip64 = r.Zip64,
        };
    }
}
