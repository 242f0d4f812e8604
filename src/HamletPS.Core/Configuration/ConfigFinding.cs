namespace HamletPS.Core.Configuration
{
    /// <summary>One result of reading or validating a configuration file: severity, where (file, line, column), which key, and why.</summary>
    public sealed class ConfigFinding
    {
        public ConfigFinding(ConfigSeverity severity, string file, int line, int column, string key, string message)
        {
            Severity = severity;
            File = file;
            Line = line;
            Column = column;
            Key = key;
            Message = message;
        }

        public ConfigSeverity Severity { get; }
        public string File { get; }
        /// <summary>1-based line, or 0 when the finding concerns the file as a whole or a key that is absent.</summary>
        public int Line { get; }
        public int Column { get; }
        /// <summary>"SECTION.KEY" or "SECTION" the finding is about; null for the whole file.</summary>
        public string Key { get; }
        public string Message { get; }

        public override string ToString()
            => (File ?? "(config)") + (Line > 0 ? ":" + Line : "") + ": " + Severity.ToString().ToLowerInvariant() + ": " + Message;
    }
}
