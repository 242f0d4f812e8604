using System;
using System.Collections.Generic;
using HamletPS.Core.Identity;

namespace HamletPS.Core.Configuration
{
    /// <summary>HAMLET section (new, optional): HamletPS's own settings. Relative paths are relative to the config file's folder.</summary>
    public sealed class HamletSettings
    {
        public const string DefaultProfile = "hamlet-rt";
        public const string DefaultMappingFile = "mapping.csv";
        public const string DefaultArchiveName = "{SITE}_{USER}-{UUID}.zip";
        public const string DefaultLogs = "logs";
        public const string DefaultQuarantine = "quarantine";
        public const string DefaultVault = "vault";
        public const string DefaultSortTemplate = "{PatientID}/{StudyInstanceUID}/{Modality}_{SeriesNumber}_{SeriesInstanceUID}/{SOPInstanceUID}.dcm";
        public const string DefaultUidRoot = "2.25";

        public HamletSettings()
        {
            Other = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        }

        /// <summary>De-identification profile name or YAML file (PROFILE).</summary>
        public string Profile { get; set; } = DefaultProfile;
        /// <summary>The lookup table (MAPPINGFILE); absolute after loading (mapping.csv beside config.yaml when not set).</summary>
        public string MappingFile { get; set; }
        /// <summary>True when MAPPINGFILE was set (or a mapping file was named explicitly): then it must exist and be valid,
        /// else nothing is protected. False for the default mapping.csv, which may be absent (every patient pseudonymised).</summary>
        public bool MappingFileConfigured { get; set; }
        /// <summary>What the mapping file is keyed by (LOOKUPKEY: AUTO, MRN, ACCESSIONNUMBER).</summary>
        public LookupKeyKind LookupKey { get; set; } = LookupKeyKind.Auto;
        /// <summary>Regular expression every Study ID must match (STUDYIDPATTERN); null for none.</summary>
        public string StudyIdPattern { get; set; }
        /// <summary>Pseudonym method for MRNs not in the lookup (PSEUDONYM: FF1 or VIGENERE).</summary>
        public PseudonymMethod Pseudonym { get; set; } = PseudonymMethod.Ff1;
        /// <summary>Archive file name template (ARCHIVENAME): {SITE}, {USER}, {UUID}, {DATE}, {TIME}, {STUDYID}.</summary>
        public string ArchiveName { get; set; } = DefaultArchiveName;
        /// <summary>Sorted-tree path template (SORTTEMPLATE).</summary>
        public string SortTemplate { get; set; } = DefaultSortTemplate;
        /// <summary>Run journals (LOGS); absolute after loading.</summary>
        public string Logs { get; set; }
        /// <summary>Unreadable files (QUARANTINE); absolute after loading.</summary>
        public string Quarantine { get; set; }
        /// <summary>Re-identification records, site only (VAULT); absolute after loading.</summary>
        public string Vault { get; set; }
        /// <summary>Key file holding the site secret (SITEKEYFILE); absolute after loading, null when not set.</summary>
        public string SiteKeyFile { get; set; }
        /// <summary>UID root for remapped UIDs (UIDROOT); "2.25" by default.</summary>
        public string UidRoot { get; set; } = DefaultUidRoot;
        /// <summary>Per-patient date offset range in days (DATEOFFSETMIN, DATEOFFSETMAX).</summary>
        public int DateOffsetMin { get; set; } = HamletPS.Core.Security.DateShifter.DefaultMinimumOffsetDays;
        public int DateOffsetMax { get; set; } = HamletPS.Core.Security.DateShifter.DefaultMaximumOffsetDays;
        /// <summary>Keys of the HAMLET section we do not know (kept as strings; reported as warnings).</summary>
        public IDictionary<string, string> Other { get; }
    }
}
