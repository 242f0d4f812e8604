#nullable enable
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using HamletPS.Core.Configuration;
using HamletPS.Core.Identity;
using HamletPS.Core.Network;
using HamletPS.Core.Retrieve;
using HamletPS.Core.Secrets;

namespace HamletPS.Core.Inventory
{
    /// <summary>
    /// The rules Get-HamletInventory and `hamlet inventory` share. The site configuration is required: it says where the
    /// records of what was sent are (HAMLET.LOGS, DATAPATH.OUTGOING, HAMLET.VAULT) — without them every study would look
    /// unsent. The PACS: the host given (with the port and AE titles given), else the configuration's PACS section (HOST, PORT,
    /// AET, with DICOMNODE.AET as ours). Modalities: given, else PACS MODALITIES, else all. Dates: given, else all (not the
    /// pull's SINCE: the inventory looks at everything the PACS holds).
    /// </summary>
    public static class InventorySetup
    {
        public static InventoryOptions CreateOptions(InventoryRequest request, HamletConfig? config)
        {
            if (request == null) throw new ArgumentNullException(nameof(request));
            if (config == null)
                throw new HamletException(ErrorIds.InvalidInventorySettings, "The inventory needs the site configuration: it says where the run journals, archives and re-identification records are.", null,
                    "Give {ConfigPath}, set HAMLET_CONFIG, or run where config.yaml is.");
            DicomPeer peer = Peer(request.Peer, config);
            var filter = new InventoryFilter
            {
                StudyDate = request.Since.HasValue ? DicomQuery.Since(request.Since.Value) : Blank(request.StudyDate),
                Modality = Clean(request.Modality).Count > 0 ? Clean(request.Modality) : Clean(config.Pacs.Modalities),
            };
            string? vault = request.VaultPath != null ? Path.GetFullPath(request.VaultPath) : config.Hamlet.Vault;
            byte[] vaultKey;
            using (SiteKeys keys = SiteKeys.Resolve(config, request.Key)) vaultKey = (byte[])keys.VaultKey.Clone();
            return new InventoryOptions(peer, filter, config.Hamlet.Logs, config.DataPath.Outgoing, vault, vaultKey);
        }

        /// <summary>The PACS: <paramref name="given"/> when it names a host, else the configuration's PACS section.</summary>
        public static DicomPeer Peer(DicomPeer? given, HamletConfig config)
        {
            if (config == null) throw new ArgumentNullException(nameof(config));
            if (given != null && !string.IsNullOrWhiteSpace(given.ComputerName)) return given;
            PacsSettings pacs = config.Pacs;
            if (!pacs.IsConfigured)
                throw new HamletException(ErrorIds.InvalidInventorySettings, "No PACS to ask: none is given and the configuration has no PACS section with HOST and AET.", null,
                    "Give {ComputerName}, or add a PACS section (AET, HOST, PORT) to the configuration.");
            return new DicomPeer
            {
                ComputerName = pacs.Host,
                Port = pacs.Port,
                CalledAETitle = pacs.AeTitle,
                CallingAETitle = string.IsNullOrWhiteSpace(config.DicomNode.AeTitle) ? DicomNodeSettings.DefaultAeTitle : config.DicomNode.AeTitle,
                TimeoutSeconds = given?.TimeoutSeconds ?? 30,
                Tls = given?.Tls ?? new DicomTlsSettings(),
            };
        }

        /// <summary>
        /// The patients of the lookup table (HAMLET.MAPPINGFILE or mapping.csv beside the configuration), keyed as the table says
        /// (MRN, or accession number), with their Study IDs: what the inventory covers when no patient is named.
        /// </summary>
        public static IReadOnlyList<InventoryPatient> LookupTablePatients(HamletConfig config)
        {
            if (config == null) throw new ArgumentNullException(nameof(config));
            HamletSettings h = config.Hamlet;
            if (string.IsNullOrEmpty(h.MappingFile))
                throw new HamletException(ErrorIds.InvalidInventorySettings, "No patient to look up: none is named and the configuration names no lookup table.", null,
                    "Name the patients ({PatientID}), or set HAMLET.MAPPINGFILE.");
            StudyIdLookup lookup = StudyIdLookup.Load(h.MappingFile, new StudyIdLookupOptions { KeyKind = h.LookupKey, StudyIdPattern = h.StudyIdPattern });
            var patients = new List<InventoryPatient>();
            foreach (string key in lookup.Keys)
            {
                lookup.TryGetStudyId(key, out string studyId);
                patients.Add(lookup.KeyKind == LookupKeyKind.AccessionNumber
                    ? new InventoryPatient { AccessionNumber = key, StudyId = studyId }
                    : new InventoryPatient { PatientID = key, StudyId = studyId });
            }
            return patients;
        }

        /// <summary>
        /// Where a report file may go: anywhere but inside OUTGOING (whose files are uploaded) — the report holds MRNs. Returns the
        /// full path; throws InvalidInventorySettings for a path inside OUTGOING.
        /// </summary>
        public static string ReportPath(string path, HamletConfig? config)
        {
            if (string.IsNullOrWhiteSpace(path)) throw new ArgumentException("A report file name is required.");
            string full = Path.GetFullPath(path);
            string? outgoing = config?.DataPath.Outgoing;
            if (!string.IsNullOrEmpty(outgoing) && Dicom.IO.PathRules.Current.IsSameOrInside(full, Path.GetFullPath(outgoing)))
                throw new HamletException(ErrorIds.InvalidInventorySettings, "The inventory report would be written inside the outgoing folder " + outgoing +
                    ", whose files are uploaded; the report holds MRNs and must stay at the site.", null, "Write {Csv} somewhere else.");
            return full;
        }

        private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s!.Trim();

        private static List<string> Clean(IEnumerable<string>? values) =>
            (values ?? Enumerable.Empty<string>()).Where(m => !string.IsNullOrWhiteSpace(m)).Select(m => m.Trim().ToUpperInvariant()).Distinct(StringComparer.Ordinal).ToList();
    }
}
