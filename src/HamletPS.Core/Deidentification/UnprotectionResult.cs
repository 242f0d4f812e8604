namespace HamletPS.Core.Deidentification
{
    /// <summary>What Unprotect did to one file.</summary>
    public enum UnprotectionStatus
    {
        /// <summary>Every original value restored from the vault record.</summary>
        Restored = 0,
        /// <summary>No vault record (or no vault): only the Patient ID was restored (reverse lookup or pseudonym reversal).</summary>
        IdentityOnly,
        /// <summary>Plan mode: nothing written.</summary>
        Planned,
        Failed,
    }

    /// <summary>The outcome for one protected file. Message names the protected file only.</summary>
    public sealed class UnprotectionResult
    {
        internal UnprotectionResult(string sourcePath) { SourcePath = sourcePath; }

        public string SourcePath { get; }

        public string DestinationPath { get; internal set; }

        /// <summary>The protected ID the file carried.</summary>
        public string StudyId { get; internal set; }

        public int ChangesRestored { get; internal set; }

        /// <summary>True when the pixel regions a mask rule blanked were restored from the record.</summary>
        public bool PixelsRestored { get; internal set; }

        public UnprotectionStatus Status { get; internal set; }

        public string Message { get; internal set; }

        public FileFailure Failure { get; internal set; }

        /// <summary>The restored file, for the next command's -Path; null when nothing was written.</summary>
        public string Path => Status == UnprotectionStatus.Restored || Status == UnprotectionStatus.IdentityOnly ? DestinationPath : null;

        public override string ToString() => Status + " " + (Message ?? "");
    }
}
