namespace HamletPS.Core.Dose
{
    /// <summary>What importing one dose report into the history did.</summary>
    public enum DoseHistoryImportStatus
    {
        /// <summary>A report whose SOP Instance UID the history did not hold: stored.</summary>
        Added,

        /// <summary>The same report (same SOP Instance UID, same content) was already stored: nothing written.</summary>
        Unchanged,

        /// <summary>
        /// A report with a stored SOP Instance UID but different content (a device re-sent a corrected report): kept as stored
        /// and reported, unless replacing was asked for.
        /// </summary>
        Conflict,

        /// <summary>A changed report replaced the stored one with the same SOP Instance UID (replacing was asked for).</summary>
        Replaced,

        /// <summary>A test/QA patient (the protect step's test-patient rule): not stored.</summary>
        ExcludedTestPatient,

        /// <summary>-WhatIf / --what-if: would be stored; nothing written.</summary>
        WouldAdd,
    }
}
