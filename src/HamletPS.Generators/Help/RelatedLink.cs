namespace HamletPS.Generators.Help
{
    /// <summary>A RELATED LINKS entry: `[text](uri)` or plain text (another command's name).</summary>
    public sealed class RelatedLink
    {
        public string Text { get; set; }

        public string Uri { get; set; } = string.Empty;
    }
}
