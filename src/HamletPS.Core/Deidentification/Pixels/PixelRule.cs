using System;
using System.Collections.Generic;

namespace HamletPS.Core.Deidentification.Pixels
{
    /// <summary>A site's pixel rule (profile <c>pixels: rules:</c>): a header condition and what to do with matching instances.</summary>
    public sealed class PixelRule
    {
        public PixelRule(string name, PixelRuleCondition when, PixelRuleAction action, IReadOnlyList<PixelRectangle> rectangles)
        {
            Name = name ?? throw new ArgumentNullException(nameof(name));
            When = when ?? throw new ArgumentNullException(nameof(when));
            Action = action;
            Rectangles = rectangles ?? Array.Empty<PixelRectangle>();
        }

        public string Name { get; }
        public PixelRuleCondition When { get; }
        public PixelRuleAction Action { get; }

        /// <summary>The regions to blank (action mask only).</summary>
        public IReadOnlyList<PixelRectangle> Rectangles { get; }

        public override string ToString() => "pixel rule '" + Name + "'";
    }
}
