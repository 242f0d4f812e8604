using System;
using System.Collections.Generic;
using System.Globalization;

namespace HamletPS.Core.Retrieve
{
    /// <summary>
    /// A C-FIND (Find-DicomStudy, <c>hamlet find</c>): the level, the model, the match keys and extra return keys by keyword.
    /// Empty match keys are not sent as matches. Patient's Name and the text keys accept the DICOM wildcards * and ?.
    /// </summary>
    public sealed class DicomQuery
    {
        public DicomQueryLevel Level { get; set; } = DicomQueryLevel.Study;

        /// <summary>Use the Patient Root information model (default: Study Root; the PATIENT level needs Patient Root).</summary>
        public bool PatientRoot { get; set; }

        public string PatientID { get; set; }

        /// <summary>Patient's Name, wildcards allowed ("DOE^J*").</summary>
        public string PatientName { get; set; }

        public string AccessionNumber { get; set; }

        public string StudyInstanceUID { get; set; }

        public string SeriesInstanceUID { get; set; }

        /// <summary>A DICOM date or range: "20240131", "20240101-20240131", "20240101-" or "-20240131".</summary>
        public string StudyDate { get; set; }

        /// <summary>Modalities: Modalities in Study at STUDY level (any of them), Modality at SERIES and IMAGE level.</summary>
        public IList<string> Modality { get; set; } = new List<string>();

        public string StudyDescription { get; set; }

        /// <summary>More return keys by dictionary keyword (e.g. "PatientBirthDate"); their values land in <see cref="DicomQueryResult.Keys"/>.</summary>
        public IList<string> ReturnKeys { get; set; } = new List<string>();

        /// <summary>Specific Character Set of the query; null chooses: none for ASCII, ISO_IR 100 when Latin-1 suffices, else ISO_IR 192.</summary>
        public string CharacterSet { get; set; }

        /// <summary>The StudyDate range "since this day": "yyyyMMdd-".</summary>
        public static string Since(DateTime day) => day.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + "-";

        /// <summary>A copy.</summary>
        public DicomQuery Clone()
        {
            var c = (DicomQuery)MemberwiseClone();
            c.Modality = new List<string>(Modality ?? new List<string>());
            c.ReturnKeys = new List<string>(ReturnKeys ?? new List<string>());
            return c;
        }
    }
}
