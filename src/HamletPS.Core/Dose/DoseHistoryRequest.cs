using HamletPS.Core.Configuration;

namespace HamletPS.Core.Dose
{
    /// <summary>
    /// What Import-DicomDoseReport / `hamlet dose import`, Get-DoseHistory / `hamlet dose history` and Export-DoseHistory /
    /// `hamlet dose export` were given: the site configuration (or none) and the explicit values that override it.
    /// </summary>
    public sealed class DoseHistoryRequest
    {
        /// <summary>The site configuration; null when none exists (then -DatabasePath is required).</summary>
        public HamletConfig Config { get; set; }

        /// <summary>The database file; default <see cref="DoseHistoryStore.DefaultFileName"/> beside the configuration.</summary>
        public string DatabasePath { get; set; }

        /// <summary>Import: the lookup table (MRN,Study_ID) that gives patient keys; overrides HAMLET.MAPPINGFILE.</summary>
        public string MappingFile { get; set; }

        /// <summary>Import: the site secret that keys pseudonyms (as Protect); cleared by the caller after use.</summary>
        public char[] Key { get; set; }

        /// <summary>Import: the profile whose test-patient patterns apply; overrides HAMLET.PROFILE.</summary>
        public string Profile { get; set; }

        /// <summary>Import: store test/QA patients too (flagged); history and exports: show them.</summary>
        public bool IncludeTestPatients { get; set; }

        /// <summary>Import: a changed report replaces the stored one with its SOP Instance UID instead of being reported.</summary>
        public bool Replace { get; set; }

        public bool WhatIf { get; set; }
    }
}
