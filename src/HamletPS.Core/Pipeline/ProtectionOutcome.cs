namespace HamletPS.Core.Pipeline
{
    /// <summary>What the protection step did with one sorted file: protected values only.</summary>
    public sealed class ProtectionOutcome
    {
        public bool Succeeded { get; set; }

        /// <summary>The protected file (full path) when <see cref="Succeeded"/>.</summary>
        public string DestinationPath { get; set; }

        /// <summary>Path below the run's protected folder (protected values only).</summary>
        public string RelativePath { get; set; }

        public string StudyId { get; set; }

        /// <summary>The protected SOP Instance UID.</summary>
        public string SopInstanceUid { get; set; }

        public string Modality { get; set; }

        /// <summary>True when the file was withheld because a residual identifier was found (step 3).</summary>
        public bool ResidualIdentifier { get; set; }

        /// <summary>True when the sorted file could not be read as DICOM: the pipeline quarantines it (every later run would
        /// fail on it the same way).</summary>
        public bool Unreadable { get; set; }

        /// <summary>The failure when not <see cref="Succeeded"/> (its message names no patient value).</summary>
        public FileFailure Failure { get; set; }
    }
}
