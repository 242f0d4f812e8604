using System.Collections.Generic;

namespace HamletPS.Core.Configuration
{
    /// <summary>
    /// DICOMNODE section: the receiver's AE title and TCP port (the old tool's keys), and the optional keys of HamletPS that
    /// restrict who may connect: LISTENADDRESS, ALLOWEDPEERADDRESSES, ALLOWEDCALLINGAETITLES (comma-separated lists), and
    /// DOSEHISTORY (true: received dose reports go into the dose history).
    /// </summary>
    public sealed class DicomNodeSettings
    {
        public const string DefaultAeTitle = "HAMLETPS";
        public const int DefaultPort = 11112;

        public string AeTitle { get; set; } = DefaultAeTitle;
        public int Port { get; set; } = DefaultPort;

        /// <summary>The one local address to listen on; null: every address.</summary>
        public string ListenAddress { get; set; }

        /// <summary>Peer addresses or CIDR networks allowed to connect; empty: any.</summary>
        public IList<string> AllowedPeerAddresses { get; set; } = new List<string>();

        /// <summary>Calling AE titles let in; empty: any.</summary>
        public IList<string> AllowedCallingAeTitles { get; set; } = new List<string>();

        /// <summary>DOSEHISTORY: the receiver stores the dose reports it receives in the dose history beside the configuration.</summary>
        public bool DoseHistory { get; set; }
    }
}
