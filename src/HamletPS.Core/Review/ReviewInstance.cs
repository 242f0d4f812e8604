namespace HamletPS.Core.Review
{
    /// <summary>What the review keeps of one instance while scanning: enough to order it and find it again.</summary>
    internal sealed class ReviewInstance
    {
        public string Path { get; set; }

        public int InstanceNumber { get; set; }

        public double Position { get; set; }

        public int Frames { get; set; }

        public bool HasImage { get; set; }
    }
}
