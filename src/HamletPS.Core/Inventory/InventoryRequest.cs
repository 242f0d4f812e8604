#nullable enable
using System;
using System.Collections.Generic;
using HamletPS.Core.Network;

namespace HamletPS.Core.Inventory
{
    /// <summary>The parameters Get-HamletInventory and `hamlet inventory` share (null = not given; paths made full by the face).</summary>
    public sealed class InventoryRequest
    {
        /// <summary>The PACS as the parameters name it; a null or empty ComputerName takes host, port and AE title from the configuration's PACS section.</summary>
        public DicomPeer? Peer { get; set; }

        /// <summary>The site secret (its characters; the caller clears them), or null for the environment and the configuration.</summary>
        public char[]? Key { get; set; }

        /// <summary>The re-identification record folder (or one .hpv file), or null for HAMLET.VAULT.</summary>
        public string? VaultPath { get; set; }

        /// <summary>A DICOM date or range, or null.</summary>
        public string? StudyDate { get; set; }

        /// <summary>Studies from this day on (overrides <see cref="StudyDate"/>).</summary>
        public DateTime? Since { get; set; }

        /// <summary>Modalities, or null/empty for the PACS section's MODALITIES (else all).</summary>
        public IList<string>? Modality { get; set; }
    }
}
