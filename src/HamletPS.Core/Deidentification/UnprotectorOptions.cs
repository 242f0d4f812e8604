using HamletPS.Core.Identity;

namespace HamletPS.Core.Deidentification
{
    /// <summary>Settings of a <see cref="DicomUnprotector"/> (site only).</summary>
    public sealed class UnprotectorOptions
    {
        /// <summary>
        /// The re-identification record written by Protect: one record file (.hpv) or the record folder (every .hpv below it);
        /// null restores the patient identity only.
        /// </summary>
        public string VaultPath { get; set; }

        /// <summary>The vault key (SiteKeys.VaultKey); a wrong key is refused before anything is written.</summary>
        public byte[] VaultKey { get; set; }

        /// <summary>Reverse lookup (mapping.csv) and pseudonym reversal, used when there is no vault record.</summary>
        public IdentityResolver Identity { get; set; }

        /// <summary>Output root: files are written to &lt;StudyInstanceUID&gt;/&lt;SeriesInstanceUID&gt;/&lt;SOPInstanceUID&gt;.dcm (restored UIDs).</summary>
        public string Destination { get; set; }

        public int MaxDegreeOfParallelism { get; set; } = System.Environment.ProcessorCount;

        public bool WhatIf { get; set; }
    }
}
