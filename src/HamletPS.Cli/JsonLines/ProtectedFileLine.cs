using HamletPS.Core.Deidentification;

namespace HamletPS.Cli.JsonLines
{
    /// <summary>`hamlet protect --json`: one line per file.</summary>
    public sealed class ProtectedFileLine
    {
        public string Status { get; set; }
        public string StudyId { get; set; }
        public string IdentitySource { get; set; }
        public string Modality { get; set; }
        public int ActionCount { get; set; }
        public string RelativePath { get; set; }
        public string DestinationPath { get; set; }

        public static ProtectedFileLine From(ProtectionResult r) => new ProtectedFileLine
        {
            Status = r.Status.ToString(), StudyId = r.StudyId, IdentitySource = r.IdentitySource?.ToString(), Modality = r.Modality,
            ActionCount = r.ActionCount, RelativePath = r.RelativePath, DestinationPath = r.DestinationPath,
        };
    }
}
