using System.Collections.Generic;
using System.Globalization;
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

        /// <summary>Name and value of each setting, in the order of the JSON properties.</summary>
        public IEnumerable<KeyValuePair<string, string>> Fields()
        {
            yield return Field(nameof(SourcePath), SourcePath);
            yield return Field(nameof(Site), Site);
            yield return Field(nameof(User), User);
            yield return Field(nameof(Incoming), Incoming);
            yield return Field(nameof(Sorted), Sorted);
            yield return Field(nameof(Outgoing), Outgoing);
            yield return Field(nameof(AETitle), AETitle);
            yield return Field(nameof(Port), Port.ToString(CultureInfo.InvariantCulture));
            yield return Field(nameof(Profile), Profile);
            yield return Field(nameof(MappingFile), MappingFile);
            yield return Field(nameof(Azure), Azure);
        }

        private static KeyValuePair<string, string> Field(string name, string value) => new KeyValuePair<string, string>(name, value);
    }
}
