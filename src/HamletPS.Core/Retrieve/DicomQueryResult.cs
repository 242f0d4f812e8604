using System.Collections.Generic;

namespace HamletPS.Core.Retrieve
{
    /// <summary>
    /// One C-FIND match (Find-DicomStudy's output). Holds the patient's identifiers as the PACS returned them: site-only data,
    /// never logged. The UIDs, <see cref="Level"/> and the peer properties (ComputerName, Port, CalledAETitle) bind by property name
    /// to Copy-DicomStudy.
    /// </summary>
    public sealed class DicomQueryResult
    {
        /// <summary>PATIENT, STUDY, SERIES or IMAGE.</summary>
        public string Level { get; set; }

        public string PatientID { get; set; }

        public string PatientName { get; set; }

        public string PatientBirthDate { get; set; }

        public string StudyInstanceUID { get; set; }

        public string StudyDate { get; set; }

        public string StudyTime { get; set; }

        public string AccessionNumber { get; set; }

        public string StudyDescription { get; set; }

        /// <summary>Modalities in Study, joined with '\'.</summary>
        public string ModalitiesInStudy { get; set; }

        public string SeriesInstanceUID { get; set; }

        public string Modality { get; set; }

        public string SeriesNumber { get; set; }

        public string SeriesDescription { get; set; }

        public string SOPInstanceUID { get; set; }

        public string SOPClassUID { get; set; }

        public string InstanceNumber { get; set; }

        /// <summary>Number of Patient/Study/Series Related Instances, as the level has it (null when the PACS did not say).</summary>
        public int? NumberOfInstances { get; set; }

        /// <summary>The PACS host, port and AE title the match came from.</summary>
        public string ComputerName { get; set; }

        public int Port { get; set; }

        public string CalledAETitle { get; set; }

        /// <summary>The extra return keys asked for, by keyword (absent or empty: empty string).</summary>
        public IDictionary<string, string> Keys { get; set; } = new Dictionary<string, string>();
    }
}
