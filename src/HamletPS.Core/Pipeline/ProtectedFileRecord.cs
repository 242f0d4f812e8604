using System.Text.Json;

namespace HamletPS.Core.Pipeline
{
    /// <summary>One "protected" entry of a journal.</summary>
    public sealed class ProtectedFileRecord
    {
        public string SourceSha256 { get; set; }
        public string RelativePath { get; set; }
        public string Sha256 { get; set; }
        public string StudyId { get; set; }
        public string SopInstanceUid { get; set; }

        internal static ProtectedFileRecord From(JsonElement e) => new ProtectedFileRecord
        {
            SourceSha256 = RunJournalState.Text(e, "sourceSha256"),
            RelativePath = RunJournalState.Text(e, "path"),
            Sha256 = RunJournalState.Text(e, "sha256"),
            StudyId = RunJournalState.Text(e, "studyId"),
            SopInstanceUid = RunJournalState.Text(e, "sopInstanceUid"),
        };
    }
}
