#nullable enable
using System;

namespace HamletPS.Core.Inventory
{
    /// <summary>
    /// One row of the inventory (Get-HamletInventory, `hamlet inventory`): a study the PACS holds for a trial patient and how
    /// much of it the site has sent; or, with <see cref="InventoryStatus.NotInPacs"/>, a patient the PACS has nothing for.
    /// Flat (strings, numbers, one date) so Export-Csv, `--csv` and a spreadsheet take it as it is. Holds the patient's MRN or
    /// accession number: SITE-ONLY data, never to be uploaded or logged.
    /// </summary>
    public sealed class InventoryStudy
    {
        /// <summary>The Patient ID (MRN) asked for, or the PACS's when the study was found by accession number.</summary>
        public string? PatientID { get; set; }

        public string? AccessionNumber { get; set; }

        /// <summary>The trial Study ID: the lookup table's, else the one the sent instances carry; null when neither is known.</summary>
        public string? StudyId { get; set; }

        public string? StudyInstanceUID { get; set; }

        public string? StudyDate { get; set; }

        public string? StudyDescription { get; set; }

        /// <summary>The modalities of the series counted, joined with '\'.</summary>
        public string? Modalities { get; set; }

        /// <summary>One of <see cref="InventoryStatus"/>.</summary>
        public string Status { get; set; } = InventoryStatus.NotSent;

        /// <summary>Series the PACS holds (with the modalities asked for).</summary>
        public int Series { get; set; }

        /// <summary>Instances the PACS holds in those series.</summary>
        public int Instances { get; set; }

        /// <summary>Of <see cref="Instances"/>, those the site sent.</summary>
        public int SentInstances { get; set; }

        /// <summary>Of <see cref="Instances"/>, those the site did not send.</summary>
        public int NotSentInstances { get; set; }

        /// <summary>Series sent whole.</summary>
        public int SentSeries { get; set; }

        /// <summary>Series of which some instances were sent and others not (new instances since).</summary>
        public int ChangedSeries { get; set; }

        /// <summary>Series of which nothing was sent.</summary>
        public int NotSentSeries { get; set; }

        /// <summary>When the latest of the sent instances was archived (UTC), or null when none was.</summary>
        public DateTime? LastSentUtc { get; set; }
    }
}
