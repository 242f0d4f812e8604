using HamletPS.Core.Deidentification;

namespace HamletPS.Cli.JsonLines
{
    /// <summary>`hamlet unprotect --json`: one line per file.</summary>
    public sealed class UnprotectedFileLine
    {
        public string Status { get; set; }
        public string StudyId { get; set; }
        public int ChangesRestored { get; set; }
        public bool PixelsRestored { get; set; }
        public string DestinationPath { get; set; }

        public static UnprotectedFileLine From(UnprotectionResult r) => new UnprotectedFileLine
        {
            Status = r.Status.ToString(), StudyId = r.StudyId, ChangesRestored = r.ChangesRestored, PixelsRestored = r.PixelsRestored,
            DestinationPath = r.DestinationPath,
        };
    }
}
