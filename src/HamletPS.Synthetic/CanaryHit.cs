namespace HamletPS.Synthetic
{
    /// <summary>A canary byte string found by <see cref="CanaryStudy.Scan"/>: in a file's bytes or in a path below the scanned root.</summary>
    public sealed class CanaryHit
    {
        public CanaryHit(string path, bool inPath, Canary canary, string pattern)
        {
            Path = path;
            InPath = inPath;
            Canary = canary;
            Pattern = pattern;
        }

        public string Path { get; }

        /// <summary>True when the hit is in the relative path (file or folder name), false when in the file's bytes.</summary>
        public bool InPath { get; }

        public Canary Canary { get; }

        /// <summary>The matching byte string, shown as text (canaries are synthetic).</summary>
        public string Pattern { get; }

        public override string ToString() => (InPath ? "path " : "bytes of ") + Path + ": " + Canary.Location + " (" + Pattern + ")";
    }
}
