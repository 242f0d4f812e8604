using System.Collections.Generic;

namespace HamletPS.Core.Review
{
    /// <summary>One study of the review (by Study Instance UID) with its series in series-number order.</summary>
    internal sealed class ReviewStudy
    {
        public string StudyUid { get; set; }

        public string StudyId { get; set; }

        public string StudyDate { get; set; }

        public string Description { get; set; }

        public Dictionary<string, ReviewSeries> Series { get; } = new Dictionary<string, ReviewSeries>();
    }
}
