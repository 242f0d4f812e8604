using HamletPS.Core.Configuration;

namespace HamletPS.Cli.JsonLines
{
    /// <summary>`hamlet config show`: the settings that decide where data goes, as one JSON line or as `Name : value` lines.</summary>
    public sealed class ConfigLine
    {
        public string SourcePath { get; set; }
        public string Site { get; set; }
        public string User { get; set; }
        public string Incoming { get; set; }
        public string Sorted { get; set; }
        public string Outgoing { get; set; }
        public string AETitle { get; set; }
        public int Port { get; set; }
        public string Profile { get; set; }
        public string MappingFile { get; set; }
        public string Azure { get; set; }

        public static ConfigLine From(HamletConfig config) => new ConfigLine
        {
            SourcePath = config.SourcePath, Site = config.App.Site, User = config.App.User, Incoming = config.DataPath.Incoming,
            Sorted = config.DataPath.Sorted, Outgoing = config.DataPath.Outgoing, AETitle = config.DicomNode.AeTitle, Port = config.DicomNode.Port,
            Profile = config.Hamlet.Profile, MappingFile = config.Hamlet.MappingFile, Azure = config.Azure.ToString(),
        };
    }
}
