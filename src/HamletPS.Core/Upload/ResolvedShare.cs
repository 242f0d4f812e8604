using HamletPS.Core.Configuration;

namespace HamletPS.Core.Upload
{
    /// <summary>A connection and target ready for <see cref="ShareUploader"/> or <see cref="ShareLister"/>, and where they came from.</summary>
    public sealed class ResolvedShare
    {
        public ResolvedShare(ShareConnection connection, ShareTarget target, string configPath, HamletConfig config)
        {
            Connection = connection;
            Target = target;
            ConfigPath = configPath;
            Config = config;
        }

        public ShareConnection Connection { get; }
        public ShareTarget Target { get; }
        /// <summary>The configuration file used (or found), null when none.</summary>
        public string ConfigPath { get; }
        /// <summary>The loaded configuration when it was needed, else null.</summary>
        public HamletConfig Config { get; }

        /// <summary>Removes this connection's secrets (and any key/SAS pattern) from a text.</summary>
        public string Redact(string text) => Connection.Redact(text);
    }
}
