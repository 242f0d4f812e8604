namespace HamletPS.Core.Deidentification
{
    /// <summary>What happened to one input file.</summary>
    public enum ProtectionStatus
    {
        /// <summary>Protected and written to the destination (and its re-identification record to the vault).</summary>
        Protected = 0,
        /// <summary>Plan (WhatIf) mode: would be written to the destination shown; nothing was written.</summary>
        Planned,
        /// <summary>A test/QA patient skipped because ExcludeTestPatients is set.</summary>
        ExcludedTestPatient,
        /// <summary>Failed: see <see cref="ProtectionResult.Failure"/>; nothing was written for this file.</summary>
        Failed,
        /// <summary>Dropped by a pixel rule (action drop): deliberately not sent; nothing was written for this file.</summary>
        DroppedByPixelRule,
    }
}
