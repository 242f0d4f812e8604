#nullable enable
namespace HamletPS.Core.Inventory
{
    /// <summary>
    /// One patient to take stock of: the key the PACS is asked with (Patient ID / MRN, or an accession number when the lookup
    /// table is keyed by it) and, when known, the trial Study ID the lookup table gives. Site-only values, never logged.
    /// </summary>
    public sealed class InventoryPatient
    {
        public string? PatientID { get; set; }

        public string? AccessionNumber { get; set; }

        /// <summary>The trial Study ID from the lookup table, or null.</summary>
        public string? StudyId { get; set; }

        /// <summary>True when neither key is given.</summary>
        public bool IsEmpty => string.IsNullOrWhiteSpace(PatientID) && string.IsNullOrWhiteSpace(AccessionNumber);
    }
}
