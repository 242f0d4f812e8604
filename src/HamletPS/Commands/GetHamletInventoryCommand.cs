using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Security;
using HamletPS.Core;
using HamletPS.Core.Configuration;
using HamletPS.Core.Inventory;
using HamletPS.Core.Retrieve;
using HamletPS.Internal;

namespace HamletPS.Commands
{
    /// <summary>
    /// What has not been sent: for each trial patient (piped from Import-Csv mapping.csv, named with -PatientID or
    /// -AccessionNumber, or else every patient of the configured lookup table) asks the PACS what it holds and compares it with
    /// what the site has archived (run journals, OUTGOING manifests, mapped to the originals through the re-identification
    /// record). One <see cref="InventoryStudy"/> per study. Read-only. The output holds MRNs: SITE-ONLY.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "HamletInventory")]
    [OutputType(typeof(InventoryStudy))]
    public sealed class GetHamletInventoryCommand : PacsCmdlet
    {
        private HamletConfig _config;
        private InventoryOptions _options;
        private SentInstanceIndex _sent;
        private bool _askedAny;

        /// <summary>Host name or IP address of the PACS; default: HOST of the configuration's PACS section (with its PORT and AET).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("CN", "HostName")]
        public override string ComputerName { get; set; }

        /// <summary>Patient IDs (MRNs) to take stock of; binds the MRN column of mapping.csv.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("MRN")]
        public string[] PatientID { get; set; }

        /// <summary>Accession numbers to take stock of (a lookup table keyed by accession number).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("Accession", "Accession_Number")]
        public string[] AccessionNumber { get; set; }

        /// <summary>The trial Study ID of the patient named (binds mapping.csv's Study_ID); shown in the output.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("Study_ID")]
        public string StudyId { get; set; }

        /// <summary>Modalities to count (any of them); default the PACS section's MODALITIES, else all.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[] Modality { get; set; }

        /// <summary>A DICOM date or range: 20240131, 20240101-20240131, 20240101- or -20240131; default all dates.</summary>
        [Parameter]
        [ValidatePattern(@"^(\d{8})?(-(\d{8})?)?$")]
        public string StudyDate { get; set; }

        /// <summary>Studies from this day on (overrides -StudyDate).</summary>
        [Parameter]
        public DateTime Since { get; set; }

        /// <summary>The re-identification record folder (or one .hpv file); default HAMLET.VAULT.</summary>
        [Parameter]
        public string VaultPath { get; set; }

        /// <summary>The site secret; default $env:HAMLET_SITE_KEY, $env:HAMLET_FOLDERKEY, then the configuration.</summary>
        [Parameter]
        public SecureString Key { get; set; }

        /// <summary>The site configuration file (required: it says where the records of what was sent are).</summary>
        [Parameter]
        public string ConfigPath { get; set; }

        protected override void ProcessRecord()
        {
            var patients = new List<InventoryPatient>();
            foreach (string id in PatientID ?? new string[0])
                if (!string.IsNullOrWhiteSpace(id)) patients.Add(new InventoryPatient { PatientID = id });
            foreach (string accession in AccessionNumber ?? new string[0])
                if (!string.IsNullOrWhiteSpace(accession)) patients.Add(new InventoryPatient { AccessionNumber = accession });
            if (patients.Count == 1) patients[0].StudyId = StudyId;
            if (patients.Count == 0)
            {
                if (MyInvocation.ExpectingInput) WriteWarning("An input object names no Patient ID (MRN) or accession number; it was passed over.");
                return;
            }
            _askedAny = true;
            Run(patients);
        }

        protected override void EndProcessing()
        {
            if (_askedAny || MyInvocation.ExpectingInput) return;
            Prepare();
            Run(Setup(() => InventorySetup.LookupTablePatients(_config), _config.SourcePath,
                ex => SetupError(ex, ErrorIds.InvalidInventorySettings)?.ErrorId));
        }

        private void Prepare()
        {
            if (_options != null) return;
            _config = LoadSiteConfig(ConfigPath, required: true);
            char[] key = SecureStringReader.ToChars(Key);
            try
            {
                _options = Setup(() => InventorySetup.CreateOptions(new InventoryRequest
                {
                    Peer = Pacs(),
                    Key = key,
                    VaultPath = VaultPath == null ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(VaultPath),
                    StudyDate = StudyDate,
                    Since = MyInvocation.BoundParameters.ContainsKey(nameof(Since)) ? Since : (DateTime?)null,
                    Modality = Modality,
                }, _config), ComputerName, ex => SetupError(ex, ErrorIds.InvalidInventorySettings)?.ErrorId);
            }
            finally
            {
                if (key != null) Array.Clear(key, 0, key.Length);
            }
            _sent = Setup(() => _options.LoadSent(StopToken), _config?.SourcePath);
            if (_sent.Unmatched > 0)
                WriteWarning(_sent.Unmatched + " instance(s) recorded as sent have no re-identification record: their studies may show as not sent.");
        }

        private void Run(IReadOnlyList<InventoryPatient> patients)
        {
            Prepare();
            foreach (InventoryPatient patient in patients)
            {
                Exception failure = null;
                RunOffPipelineThread(async ct =>
                {
                    try
                    {
                        await DicomInventory.RunAsync(_options.Peer, patient, _options.Filter, _sent, Emit, ct).ConfigureAwait(false);
                    }
                    catch (Exception ex) when (!(ex is OperationCanceledException))
                    {
                        failure = ex;
                    }
                });
                if (failure == null) continue;
                if (NetworkParameters.SettingsError(failure) is HamletException setup) Terminate(setup, _options.Peer.ToString());
                string id = QueryRetrieveError.Classify(failure);
                if (id == null) throw failure;
                WriteError(NewError(failure, id, ErrorCategory.ConnectionError, _options.Peer.ToString())); // names the PACS, never the patient
            }
        }
    }
}
