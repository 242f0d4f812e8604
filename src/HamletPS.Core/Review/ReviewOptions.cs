using System.Collections.Generic;
using HamletPS.Core.Deidentification;

namespace HamletPS.Core.Review
{
    /// <summary>What <see cref="ReviewReportBuilder"/> runs with (made by <see cref="ReviewSetup"/>).</summary>
    public sealed class ReviewOptions
    {
        /// <summary>Protected folders, archives and folders of archives (full paths).</summary>
        public IReadOnlyList<string> Inputs { get; set; }

        public string OutputPath { get; set; }

        /// <summary>Quarantine folder whose files are listed by reason, or null.</summary>
        public string QuarantinePath { get; set; }

        /// <summary>A run journal file, or a logs folder (its newest journal), or null.</summary>
        public string JournalPath { get; set; }

        /// <summary>The profile whose mask rules are outlined (protect's profile); null draws no outline.</summary>
        public DeidentificationProfile Profile { get; set; }
    }
}
