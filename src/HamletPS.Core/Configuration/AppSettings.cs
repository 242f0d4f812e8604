namespace HamletPS.Core.Configuration
{
    /// <summary>APP section of the HTP config: SITE and USER, used only to name archives.</summary>
    public sealed class AppSettings
    {
        public string Site { get; set; }
        public string User { get; set; }
    }
}
