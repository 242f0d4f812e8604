namespace HamletPS.Core.Deidentification
{
    /// <summary>Where an attribute's action came from (for reports and documentation).</summary>
    public enum RuleSource
    {
        /// <summary>PS3.15 Table E.1-1 with the profile's options.</summary>
        ConfidentialityTable = 0,
        /// <summary>A per-tag override of the profile.</summary>
        Override,
        /// <summary>Not in the table: the fail-closed rule for standard attributes (<see cref="SafeStandardAttributes"/>).</summary>
        StandardAttribute,
        /// <summary>A private element: safe-private list or removal.</summary>
        Private,
        /// <summary>Identity replacement (Patient ID and Patient's Name become the Study ID or pseudonym).</summary>
        Identity,
    }

    /// <summary>The resolved action for one tag.</summary>
    public sealed class AttributeRule
    {
        public AttributeRule(AttributeAction action, RuleSource source, string value = null)
        {
            Action = action;
            Source = source;
            Value = value;
        }

        public AttributeAction Action { get; }

        public RuleSource Source { get; }

        /// <summary>Replacement value (Replace only).</summary>
        public string Value { get; }

        public override string ToString() => Action + " (" + Source + ")";
    }
}
