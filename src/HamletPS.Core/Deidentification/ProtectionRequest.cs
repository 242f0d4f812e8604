using HamletPS.Core.Configuration;
using HamletPS.Core.Identity;

namespace HamletPS.Core.Deidentification
{
    /// <summary>
    /// What Protect-DicomPatient / `hamlet protect` and Unprotect-DicomPatient / `hamlet unprotect` were given: the site
    /// configuration (or none) and the explicit parameters that override it.
    /// </summary>
    public sealed class ProtectionRequest
    {
        /// <summary>The site configuration; null when none exists (then defaults and the explicit values apply).</summary>
        public HamletConfig Config { get; set; }

        /// <summary>mapping.csv (MRN,Study_ID); overrides HAMLET.MAPPINGFILE.</summary>
        public string MappingFile { get; set; }

        /// <summary>Regular expression every Study ID must match; overrides HAMLET.STUDYIDPATTERN.</summary>
        public string StudyIdPattern { get; set; }

        /// <summary>Look up by PatientID (MRN) or by AccessionNumber; overrides HAMLET.LOOKUPKEY.</summary>
        public LookupKeyKind? LookupKey { get; set; }

        /// <summary>FF1 or Vigenère for MRNs not in the lookup table; overrides HAMLET.PSEUDONYM.</summary>
        public PseudonymMethod? Pseudonym { get; set; }

        /// <summary>Profile name or YAML file; overrides HAMLET.PROFILE.</summary>
        public string Profile { get; set; }

        /// <summary>The site secret (also the Vigenère key); overrides $HAMLET_SITE_KEY, $HAMLET_FOLDERKEY and the file. Cleared after use.</summary>
        public char[] Key { get; set; }

        /// <summary>Output tree (protect) or restored tree (unprotect).</summary>
        public string Destination { get; set; }

        /// <summary>Protect: the folder for the re-identification record; overrides HAMLET.VAULT. Unprotect: the record file or that folder.</summary>
        public string VaultPath { get; set; }

        public bool ExcludeTestPatients { get; set; }

        public bool WhatIf { get; set; }
    }
}
