using HamletPS.Core.Identity;

namespace HamletPS.Core.Deidentification
{
    /// <summary>
    /// The outcome for one input file. Carries no patient value except <see cref="SourcePath"/>, which is the caller's own
    /// input path (it may contain identifiers: do not log it off site). <see cref="Message"/> names the file by its protected
    /// destination or, when the source path holds an identifier, not at all.
    /// </summary>
    public sealed class ProtectionResult
    {
        internal ProtectionResult(string sourcePath) { SourcePath = sourcePath; }

        /// <summary>The input file (as given by the caller).</summary>
        public string SourcePath { get; }

        /// <summary>The full path of the protected file (written, or that would be written in plan mode); null when failed/excluded.</summary>
        public string DestinationPath { get; internal set; }

        /// <summary>The path below the destination, built from protected values only.</summary>
        public string RelativePath { get; internal set; }

        /// <summary>The new patient ID (Study ID or pseudonym).</summary>
        public string StudyId { get; internal set; }

        /// <summary>How the new ID was derived (null when not resolved).</summary>
        public IdentitySource? IdentitySource { get; internal set; }

        /// <summary>The new SOP Instance UID (vault record id).</summary>
        public string SopInstanceUid { get; internal set; }

        public string Modality { get; internal set; }

        /// <summary>Number of elements removed, replaced or added.</summary>
        public int ActionCount { get; internal set; }

        public ProtectionStatus Status { get; internal set; }

        /// <summary>The pixel rule applied (masked, dropped or kept), or null.</summary>
        public string PixelRule { get; internal set; }

        /// <summary>True when a pixel rule masked this instance's pixels.</summary>
        public bool PixelsMasked { get; internal set; }

        /// <summary>A report line (identity derivation, exclusion or error), naming no patient value.</summary>
        public string Message { get; internal set; }

        /// <summary>The failure (Status = Failed), classified for the cmdlet/CLI.</summary>
        public FileFailure Failure { get; internal set; }

        /// <summary>The written file (the destination), so the next command binds it by property name; null when nothing was written.</summary>
        public string Path => Status == ProtectionStatus.Protected ? DestinationPath : null;

        public override string ToString() => Status + " " + (RelativePath ?? "") + (Message != null ? " - " + Message : "");
    }
}
