using System;
using System.Collections.Generic;

namespace HamletPS.Core.Tests.Pipeline.Fuzz
{
    /// <summary>What one fuzz iteration's pipeline run did: every printed line and failure, and its summary or setup error.</summary>
    public sealed class FuzzRun
    {
        public FuzzRun(FuzzSite site) { Site = site; }

        public FuzzSite Site { get; }

        /// <summary>Step lines and failure lines, as `hamlet process` would print them.</summary>
        public List<string> Lines { get; } = new List<string>();

        public global::HamletPS.Core.Pipeline.PipelineSummary Summary { get; set; }

        /// <summary>Set when the run refused its inputs before moving anything (exit 2 in `hamlet process`).</summary>
        public Exception SetupError { get; set; }

        /// <summary>Names of hazards whose checks found what they test present in this run (and so asserted something).</summary>
        public HashSet<string> Exercised { get; } = new HashSet<string>(StringComparer.Ordinal);

        /// <summary>Bytes allocated (GC.GetTotalAllocatedBytes, process-wide) while the pipeline ran.</summary>
        public long AllocatedBytes { get; set; }
    }
}
