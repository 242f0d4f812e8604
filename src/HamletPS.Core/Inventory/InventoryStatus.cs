#nullable enable
namespace HamletPS.Core.Inventory
{
    /// <summary>
    /// What the inventory says of one study (<see cref="InventoryStudy.Status"/>): text values, so CSV, XLSX and JSON show
    /// the word. "Sent" means in an archive the site made (a completed run's journal, or a manifest in OUTGOING); whether that
    /// archive has been uploaded yet is not recorded at the site.
    /// </summary>
    public static class InventoryStatus
    {
        /// <summary>Every instance the PACS holds for the study was sent.</summary>
        public const string Sent = "Sent";

        /// <summary>No instance of the study was sent.</summary>
        public const string NotSent = "NotSent";

        /// <summary>Some series were sent whole, others not at all (a series added to the study since, or left out).</summary>
        public const string PartlySent = "PartlySent";

        /// <summary>A series of which instances were sent now holds instances that were not (new instances in a sent series).</summary>
        public const string ChangedSinceSent = "ChangedSinceSent";

        /// <summary>The PACS holds no study for the patient (with the modalities and dates asked for).</summary>
        public const string NotInPacs = "NotInPacs";
    }
}
