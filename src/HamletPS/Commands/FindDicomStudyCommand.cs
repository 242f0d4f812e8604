using System;
using System.Collections.Generic;
using System.Management.Automation;
using HamletPS.Core.Network;
using HamletPS.Core.Retrieve;
using HamletPS.Internal;

namespace HamletPS.Commands
{
    /// <summary>
    /// Queries a PACS or planning system (C-FIND) for studies — or, with -Level, patients, series or instances — and writes
    /// each match into the pipeline as it arrives. Match keys bind by property name, so <c>Import-Csv mapping.csv |
    /// Find-DicomStudy -ComputerName pacs</c> queries every MRN (and accession number, when the table has that column). Ctrl-C
    /// or -First sends C-CANCEL and releases the association. Matches hold patient identifiers: site-only output.
    /// </summary>
    [Cmdlet(VerbsCommon.Find, "DicomStudy")]
    [OutputType(typeof(DicomQueryResult))]
    public sealed class FindDicomStudyCommand : PacsCmdlet
    {
        /// <summary>What one result stands for: Patient, Study (default), Series or Image.</summary>
        [Parameter]
        [ValidateSet("Patient", "Study", "Series", "Image", IgnoreCase = true)]
        public string Level { get; set; } = "Study";

        /// <summary>Use the Patient Root model (implied at the Patient level); default Study Root.</summary>
        [Parameter]
        public SwitchParameter PatientRoot { get; set; }

        /// <summary>Patient ID (the MRN); binds the MRN column of mapping.csv.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("MRN")]
        public string PatientID { get; set; }

        /// <summary>Patient's Name, DICOM wildcards * and ? allowed ("DOE^J*").</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string PatientName { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string AccessionNumber { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string StudyInstanceUID { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string SeriesInstanceUID { get; set; }

        /// <summary>A DICOM date or range: 20240131, 20240101-20240131, 20240101- or -20240131.</summary>
        [Parameter]
        [ValidatePattern(@"^(\d{8})?(-(\d{8})?)?$")]
        public string StudyDate { get; set; }

        /// <summary>Studies from this day on (overrides -StudyDate).</summary>
        [Parameter]
        public DateTime Since { get; set; }

        /// <summary>Modalities: Modalities in Study at the Study level, Modality at the Series level (any of them).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[] Modality { get; set; }

        /// <summary>Study Description, wildcards allowed.</summary>
        [Parameter]
        public string StudyDescription { get; set; }

        /// <summary>More attributes to return, by DICOM keyword; their values are in the result's Keys.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[] ReturnKey { get; set; }

        /// <summary>Specific Character Set of the query (default: chosen from the match values: ASCII, ISO_IR 100 or ISO_IR 192).</summary>
        [Parameter]
        public string CharacterSet { get; set; }

        /// <summary>Stop after this many matches per query (the rest is cancelled with C-CANCEL).</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int First { get; set; }

        protected override void ProcessRecord()
        {
            DicomPeer peer = Pacs();
            var query = new DicomQuery
            {
                Level = (DicomQueryLevel)Enum.Parse(typeof(DicomQueryLevel), Level, ignoreCase: true),
                PatientRoot = PatientRoot,
                PatientID = PatientID,
                PatientName = PatientName,
                AccessionNumber = AccessionNumber,
                StudyInstanceUID = StudyInstanceUID,
                SeriesInstanceUID = SeriesInstanceUID,
                StudyDate = MyInvocation.BoundParameters.ContainsKey(nameof(Since)) ? DicomQuery.Since(Since) : StudyDate,
                Modality = new List<string>(Modality ?? new string[0]),
                StudyDescription = StudyDescription,
                ReturnKeys = new List<string>(ReturnKey ?? new string[0]),
                CharacterSet = string.IsNullOrWhiteSpace(CharacterSet) ? null : CharacterSet.Trim(),
            };
            Exception failure = null;
            RunOffPipelineThread(async ct =>
            {
                int seen = 0;
                try
                {
                    await DicomFinder.FindAsync(peer, query, r =>
                    {
                        Emit(r);
                        return First <= 0 || ++seen < First;
                    }, ct).ConfigureAwait(false);
                }
                catch (Exception ex) when (!(ex is OperationCanceledException))
                {
                    failure = ex;
                }
            });
            if (failure == null) return;
            if (NetworkParameters.SettingsError(failure) is Core.HamletException setup)
            {
                Terminate(setup, peer.ToString());
                return;
            }
            string id = QueryRetrieveError.Classify(failure);
            if (id == null) throw failure;
            WriteError(NewError(failure, id, ErrorCategory.ConnectionError, peer.ToString()));
        }
    }
}
