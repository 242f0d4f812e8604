namespace HamletPS.Core.Deidentification.Pixels
{
    /// <summary>What protect does with one instance's pixels: the matching rule (if any) and the risk found in its header.</summary>
    public sealed class PixelDecision
    {
        public PixelDecision(PixelRule rule, string risk)
        {
            Rule = rule;
            Risk = risk;
        }

        /// <summary>The first rule whose condition matches, or null.</summary>
        public PixelRule Rule { get; }

        /// <summary>Why the pixels may carry identifying text (<see cref="PixelRisk.Assess"/>), or null.</summary>
        public string Risk { get; }

        /// <summary>At risk and no rule covers it: the instance is withheld.</summary>
        public bool Withhold => Risk != null && Rule == null;

        public bool Drop => Rule != null && Rule.Action == PixelRuleAction.Drop;

        public bool Mask => Rule != null && Rule.Action == PixelRuleAction.Mask;
    }
}
