namespace HamletPS.Core.Configuration
{
    /// <summary>Where a key was written in the configuration file (1-based line and column of the key).</summary>
    public sealed class ConfigLocation
    {
        public ConfigLocation(int line, int column)
        {
            Line = line;
            Column = column;
        }

        public int Line { get; }
        public int Column { get; }
    }
}
