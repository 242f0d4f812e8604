namespace HamletPS.Core.Dose
{
    /// <summary>
    /// The outcome of importing one dose report: the status, the report's kind, date, station and event count, and the
    /// patient key stored (the trial Study ID or keyed pseudonym, never the Patient ID). Path is the file read (a path the
    /// user gave; it is never stored in the history).
    /// </summary>
    public sealed class DoseHistoryImportResult
    {
        public DoseHistoryImportStatus Status { get; set; }
        public string Path { get; set; }
        public string SOPInstanceUID { get; set; }
        public string Kind { get; set; }
        public System.DateTime? StudyDate { get; set; }
        public string StationName { get; set; }
        public int EventCount { get; set; }

        /// <summary>Study ID from the lookup table or keyed pseudonym; null when the report has no usable Patient ID.</summary>
        public string PatientKey { get; set; }

        /// <summary>Why a report was not stored or what was odd about it (conflict, no patient key); null otherwise.</summary>
        public string Message { get; set; }
    }
}
