namespace HamletPS.Core.Identity
{
    /// <summary>What the mapping file is keyed by.</summary>
    public enum LookupKeyKind
    {
        /// <summary>Decide from the header: an MRN/PatientID column means <see cref="Mrn"/>, else an AccessionNumber column means <see cref="AccessionNumber"/>.</summary>
        Auto = 0,
        /// <summary>The site's mapping.csv: MRN (Patient ID) to Study ID.</summary>
        Mrn,
        /// <summary>A coupling list keyed by accession number (research PACS gateways).</summary>
        AccessionNumber,
    }
}
