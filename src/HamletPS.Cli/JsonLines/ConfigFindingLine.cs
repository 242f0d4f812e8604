using HamletPS.Core.Configuration;

namespace HamletPS.Cli.JsonLines
{
    /// <summary>`hamlet config test --json`: one line per problem found.</summary>
    public sealed class ConfigFindingLine
    {
        public string Severity { get; set; }
        public string File { get; set; }
        public int Line { get; set; }
        public int Column { get; set; }
        public string Key { get; set; }
        public string Message { get; set; }

        public static ConfigFindingLine From(ConfigFinding f) => new ConfigFindingLine
        {
            Severity = f.Severity.ToString(), File = f.File, Line = f.Line, Column = f.Column, Key = f.Key, Message = f.Message,
        };
    }
}
