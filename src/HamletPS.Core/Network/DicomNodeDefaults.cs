using System.Collections.Generic;
using System.IO;
using HamletPS.Core.Configuration;
using HamletPS.Core.Secrets;

namespace HamletPS.Core.Network
{
    /// <summary>
    /// Defaults of the receiver from the site configuration: DATAPATH.INCOMING, DICOMNODE.AET and DICOMNODE.PORT, and the
    /// optional access keys DICOMNODE.LISTENADDRESS, ALLOWEDPEERADDRESSES and ALLOWEDCALLINGAETITLES. The config
    /// is looked up the usual way (explicit path, $HAMLET_CONFIG, config.yaml in the current folder); without one, the built-in
    /// AE title and port apply and the incoming folder stays unknown.
    /// </summary>
    public sealed class DicomNodeDefaults
    {
        public string IncomingFolder { get; private set; }

        public string AETitle { get; private set; } = DicomNodeSettings.DefaultAeTitle;

        public int Port { get; private set; } = DicomNodeSettings.DefaultPort;

        /// <summary>DICOMNODE.LISTENADDRESS, or null (every address).</summary>
        public string ListenAddress { get; private set; }

        /// <summary>DICOMNODE.ALLOWEDPEERADDRESSES (empty: any).</summary>
        public IList<string> AllowedPeerAddresses { get; private set; } = new List<string>();

        /// <summary>DICOMNODE.ALLOWEDCALLINGAETITLES (empty: any).</summary>
        public IList<string> AllowedCallingAETitles { get; private set; } = new List<string>();

        /// <summary>The config file read, or null when none was found.</summary>
        public string ConfigPath { get; private set; }

        /// <summary>
        /// Reads the defaults. An explicit <paramref name="configPath"/> (or $HAMLET_CONFIG) that does not exist throws
        /// <see cref="FileNotFoundException"/>; a config with errors throws <see cref="HamletConfigException"/> (file:line).
        /// </summary>
        public static DicomNodeDefaults Load(string configPath, string currentDirectory)
        {
            var defaults = new DicomNodeDefaults();
            string found = HamletConfigLocator.TryResolve(configPath, currentDirectory, null, out var tried);
            if (found == null)
            {
                bool wasNamed = !string.IsNullOrWhiteSpace(configPath) ||
                                !string.IsNullOrWhiteSpace(System.Environment.GetEnvironmentVariable(HamletSecrets.ConfigPathVariable));
                if (wasNamed) HamletConfigLocator.Resolve(configPath, currentDirectory); // throws, listing what was tried
                return defaults;
            }
            HamletConfig config = HamletConfigLoader.Load(found);
            defaults.ConfigPath = found;
            defaults.IncomingFolder = config.DataPath.Incoming;
            defaults.AETitle = config.DicomNode.AeTitle;
            defaults.Port = config.DicomNode.Port;
            defaults.ListenAddress = config.DicomNode.ListenAddress;
            defaults.AllowedPeerAddresses = config.DicomNode.AllowedPeerAddresses;
            defaults.AllowedCallingAETitles = config.DicomNode.AllowedCallingAeTitles;
            return defaults;
        }
    }
}
