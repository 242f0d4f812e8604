using HamletPS.Core.Deidentification.Pixels;

namespace HamletPS.Core.Review
{
    /// <summary>What the review keeps of one instance while scanning: enough to order it, find it again and outline its masked regions.</summary>
    internal sealed class ReviewInstance
    {
        public ReviewSource Source { get; set; }

        public int InstanceNumber { get; set; }

        public string SopInstanceUid { get; set; }

        public double Position { get; set; }

        public int Frames { get; set; }

        public bool HasImage { get; set; }

        /// <summary>The profile's mask rule that cleaned this instance (see <see cref="MaskOutline"/>), or null.</summary>
        public PixelRule MaskRule { get; set; }
    }
}
