#nullable enable
using System;

namespace HamletPS.Core.Inventory
{
    /// <summary>One protected instance the site's records say was archived for sending: its protected SOP Instance UID, the trial
    /// Study ID it carries and when it was archived (UTC; null when the record does not say).</summary>
    public sealed class SentRecord
    {
        public SentRecord(string protectedSopInstanceUid, string? studyId, DateTime? sentUtc)
        {
            ProtectedSopInstanceUid = protectedSopInstanceUid;
            StudyId = studyId;
            SentUtc = sentUtc;
        }

        public string ProtectedSopInstanceUid { get; }

        public string? StudyId { get; }

        public DateTime? SentUtc { get; }
    }
}
