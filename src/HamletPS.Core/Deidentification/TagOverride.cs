namespace HamletPS.Core.Deidentification
{
    /// <summary>A per-tag override of a profile: the selector, the action, and the value for <see cref="AttributeAction.Replace"/>.</summary>
    public sealed class TagOverride
    {
        public TagOverride(TagPattern pattern, AttributeAction action, string value = null)
        {
            Pattern = pattern ?? throw new System.ArgumentNullException(nameof(pattern));
            Action = action;
            Value = value;
        }

        public TagPattern Pattern { get; }

        public AttributeAction Action { get; }

        /// <summary>The replacement value (Replace only).</summary>
        public string Value { get; }

        public override string ToString() => Pattern + ": " + Action + (Value != null ? " '" + Value + "'" : "");
    }
}
