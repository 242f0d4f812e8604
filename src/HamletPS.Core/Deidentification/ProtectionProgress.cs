namespace HamletPS.Core.Deidentification
{
    /// <summary>Progress of a Protect/Unprotect run: files finished so far, total, and the latest finished file's result.</summary>
    public sealed class ProtectionProgress
    {
        public ProtectionProgress(int completed, int total, object latest)
        {
            Completed = completed;
            Total = total;
            Latest = latest;
        }

        public int Completed { get; }

        public int Total { get; }

        /// <summary>A <see cref="ProtectionResult"/> or <see cref="UnprotectionResult"/>.</summary>
        public object Latest { get; }
    }
}
