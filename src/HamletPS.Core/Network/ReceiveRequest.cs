using System;
using System.Collections.Generic;

namespace HamletPS.Core.Network
{
    /// <summary>
    /// What Receive-Dicom or `hamlet receive` was given: each value as the face received it (the folder made full by the face),
    /// null when not given. <see cref="ReceiveSetup"/> fills the rest from the configuration's DICOMNODE section and the defaults.
    /// </summary>
    public sealed class ReceiveRequest
    {
        /// <summary>-Path / --path: the incoming folder.</summary>
        public string Folder { get; set; }

        public int? Port { get; set; }

        public string AETitle { get; set; }

        public IList<string> AllowedCallingAETitles { get; set; }

        public string ListenAddress { get; set; }

        public IList<string> AllowedPeerAddresses { get; set; }

        public int? MaxAssociations { get; set; }

        public int? MaxAssociationsPerPeer { get; set; }

        public int? MaxConnections { get; set; }

        public TimeSpan? AssociationRequestTimeout { get; set; }

        public TimeSpan? EvictIdleAfter { get; set; }

        public TimeSpan? IdleTimeout { get; set; }

        public int? Count { get; set; }

        public DuplicateFilePolicy? DuplicatePolicy { get; set; }

        public bool AcceptAllStorageClasses { get; set; }

        /// <summary>-DoseHistory / --dose-history: store received dose reports in the dose history (null: DICOMNODE.DOSEHISTORY).</summary>
        public bool? DoseHistory { get; set; }

        /// <summary>-DoseHistoryPath / --dose-history-path: the history's database (implies <see cref="DoseHistory"/>); default beside the configuration.</summary>
        public string DoseHistoryPath { get; set; }

        /// <summary>The TLS settings of the face's certificate parameters (null: no TLS).</summary>
        public DicomTlsSettings Tls { get; set; }
    }
}
