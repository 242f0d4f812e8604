namespace HamletPS.Core.Review
{
    /// <summary>What New-HamletReviewReport wrote: the page and what it covers.</summary>
    public sealed class ReviewReportResult
    {
        /// <summary>The HTML file written.</summary>
        public string Path { get; set; }

        public int Patients { get; set; }

        public int Studies { get; set; }

        public int Series { get; set; }

        public int Instances { get; set; }

        /// <summary>Series with a thumbnail strip.</summary>
        public int Thumbnails { get; set; }

        /// <summary>Files below the folder that are not readable DICOM (counted, not named).</summary>
        public int Unreadable { get; set; }

        /// <summary>Files in the quarantine folder (when one was given).</summary>
        public int Quarantined { get; set; }
    }
}
