using System.Collections.Generic;

namespace HamletPS.Core.Review
{
    /// <summary>One (pseudonymous) patient of the review: its Patient ID as protect wrote it, and its studies.</summary>
    internal sealed class ReviewPatient
    {
        public string PatientId { get; set; }

        public string TrialSubjectId { get; set; }

        public Dictionary<string, ReviewStudy> Studies { get; } = new Dictionary<string, ReviewStudy>();
    }
}
