using System;

namespace HamletPS.Core.Dose
{
    /// <summary>
    /// Which stored reports Get-DoseHistory and the exports take. Text filters are case-insensitive and accept the wildcards
    /// * and ?; a report matches a protocol filter when any of its events does. Test/QA patients are left out unless asked for.
    /// </summary>
    public sealed class DoseHistoryFilter
    {
        /// <summary>CT, ProjectionXRay, Mammography or Unknown; null for all.</summary>
        public string Kind { get; set; }
        public string StationName { get; set; }
        public string AcquisitionProtocol { get; set; }
        public string StudyDescription { get; set; }

        /// <summary>Studies on or after this date (time ignored).</summary>
        public DateTime? From { get; set; }

        /// <summary>Studies on or before this date (the whole day).</summary>
        public DateTime? To { get; set; }

        /// <summary>Patients at least this old at the study, in years (Patient's Age, e.g. 045Y or 018M); a report without an age does not match.</summary>
        public double? MinimumAge { get; set; }

        /// <summary>Patients at most this old at the study, in years; a report without an age does not match.</summary>
        public double? MaximumAge { get; set; }

        /// <summary>M, F or O (Patient's Sex as stored); null for all.</summary>
        public string PatientSex { get; set; }

        public bool IncludeTestPatients { get; set; }
    }
}
