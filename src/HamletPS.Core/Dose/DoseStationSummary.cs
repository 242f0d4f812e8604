using System;

namespace HamletPS.Core.Dose
{
    /// <summary>
    /// One station's dose reports of one kind, as OpenREM's home page gives them: how many studies, the latest, and the
    /// median and quartiles of the study DLP and event CTDIvol (CT) or the study DAP (projection X-ray, fluoroscopy) or the
    /// accumulated average glandular dose (mammography). A statistic is null when no report gives the value.
    /// </summary>
    public sealed class DoseStationSummary
    {
        public string StationName { get; set; }
        public string Kind { get; set; }
        public int Studies { get; set; }
        public DateTime? LatestStudy { get; set; }

        /// <summary>CT Dose Length Product Total per study, mGy·cm.</summary>
        public DoseStatistics Dlp { get; set; }

        /// <summary>Mean CTDIvol per CT acquisition, mGy.</summary>
        public DoseStatistics CtdiVol { get; set; }

        /// <summary>Dose Area Product Total per study, Gy·m².</summary>
        public DoseStatistics Dap { get; set; }

        /// <summary>Accumulated Average Glandular Dose per study, mGy.</summary>
        public DoseStatistics AverageGlandularDose { get; set; }
    }
}
