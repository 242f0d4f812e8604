using System.Collections.Generic;
using HamletPS.Core.Configuration;

namespace HamletPS.Core.Review
{
    /// <summary>What a face asks of the review (New-HamletReviewReport / `hamlet review`), paths already full; null = not given.</summary>
    public sealed class ReviewRequest
    {
        /// <summary>Protected folders, archives (.zip) and folders of archives.</summary>
        public IReadOnlyList<string> Inputs { get; set; }

        /// <summary>The HTML file; default <see cref="ReviewReportBuilder.DefaultFileName"/> in the face's current folder.</summary>
        public string OutputPath { get; set; }

        public string QuarantinePath { get; set; }

        /// <summary>A run journal (or the logs folder: its newest journal) whose held-back files the page counts by reason.</summary>
        public string JournalPath { get; set; }

        /// <summary>Profile name or YAML file whose pixel rules locate masked regions; overrides HAMLET.PROFILE.</summary>
        public string Profile { get; set; }

        /// <summary>The site configuration, or null.</summary>
        public HamletConfig Config { get; set; }
    }
}
