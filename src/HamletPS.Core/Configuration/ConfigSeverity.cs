namespace HamletPS.Core.Configuration
{
    /// <summary>How serious a configuration finding is. Errors stop the workflow; warnings and information do not.</summary>
    public enum ConfigSeverity
    {
        Information = 0,
        Warning,
        Error,
    }
}
