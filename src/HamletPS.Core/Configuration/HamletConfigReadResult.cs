using System.Collections.Generic;
using System.Linq;

namespace HamletPS.Core.Configuration
{
    /// <summary>The outcome of reading a config file: the model (null when the YAML could not be parsed) and what was found on the way.</summary>
    public sealed class HamletConfigReadResult
    {
        public HamletConfigReadResult(HamletConfig config, IReadOnlyList<ConfigFinding> findings)
        {
            Config = config;
            Findings = findings;
        }

        public HamletConfig Config { get; }
        public IReadOnlyList<ConfigFinding> Findings { get; }
        public bool HasErrors => Findings.Any(f => f.Severity == ConfigSeverity.Error);
    }
}
