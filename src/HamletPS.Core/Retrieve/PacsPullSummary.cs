namespace HamletPS.Core.Retrieve
{
    /// <summary>Counts of one pull: patients of the lookup table queried, studies found, instances retrieved.</summary>
    public sealed class PacsPullSummary
    {
        public int Patients { get; set; }

        public int Studies { get; set; }

        public int AlreadyPresent { get; set; }

        public int Retrieved { get; set; }

        public int Failed { get; set; }
    }
}
