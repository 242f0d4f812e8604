#nullable enable
using System.Collections.Generic;

namespace HamletPS.Core.Inventory
{
    /// <summary>Which of a patient's studies and series the inventory counts: a Study Date range and modalities (any of them; at
    /// the study level through Modalities in Study, at the series level through Modality).</summary>
    public sealed class InventoryFilter
    {
        /// <summary>A DICOM date or range ("20240101-"), or null for any date.</summary>
        public string? StudyDate { get; set; }

        /// <summary>Modalities to count; empty for all.</summary>
        public IList<string> Modality { get; set; } = new List<string>();
    }
}
