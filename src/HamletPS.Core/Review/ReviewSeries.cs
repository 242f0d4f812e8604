using System;
using System.Collections.Generic;

namespace HamletPS.Core.Review
{
    /// <summary>One series of the review: its header summary, instances, RT details and thumbnail strip (PNG).</summary>
    internal sealed class ReviewSeries
    {
        public string SeriesUid { get; set; }

        public string SeriesNumber { get; set; }

        /// <summary>Instance Number and SOP Instance UID of the instance whose values and header the series shows.</summary>
        public int HeaderInstanceNumber { get; set; }

        public string HeaderSopInstanceUid { get; set; }

        public string Modality { get; set; }

        public string Description { get; set; }

        public string SopClass { get; set; }

        public string SeriesDate { get; set; }

        public string BurnedInAnnotation { get; set; }

        public string DeidentificationMethod { get; set; }

        public List<ReviewInstance> Instances { get; } = new List<ReviewInstance>();

        public int Frames { get; set; }

        /// <summary>Instances whose protected header records the Clean Pixel Data Option (masked by a pixel rule).</summary>
        public int Cleaned { get; set; }

        /// <summary>The profile's mask rules that match those instances (whose rectangles are outlined).</summary>
        public HashSet<Deidentification.Pixels.PixelRule> MaskRules { get; } = new HashSet<Deidentification.Pixels.PixelRule>();

        /// <summary>Keyword/tag and value text of every top-level element of the header instance.</summary>
        public List<KeyValuePair<string, string>> Header { get; set; } = new List<KeyValuePair<string, string>>();

        public SortedSet<string> RoiNames { get; } = new SortedSet<string>(StringComparer.Ordinal);

        public List<string> BeamNames { get; } = new List<string>();

        public string DoseGrid { get; set; }

        public byte[] Thumbnail { get; set; }

        public string ThumbnailProblem { get; set; }
    }
}
