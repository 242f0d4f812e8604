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

        /// <summary>Files the run journal (when one was given) says were held back: refused by protect, dropped, quarantined.</summary>
        public int HeldBack { get; set; }

        /// <summary>Archives (.zip) read in place.</summary>
        public int Archives { get; set; }

        /// <summary>Archive entries refused for a name that is not a safe relative path (counted, not named).</summary>
        public int RefusedEntries { get; set; }

        /// <summary>Archives whose central directory could not be read.</summary>
        public int UnreadableArchives { get; set; }

        /// <summary>Instances whose pixels protect masked (Clean Pixel Data Option recorded).</summary>
        public int Masked { get; set; }
    }
}
