using System;
using System.Collections.Generic;

namespace HamletPS.Core.Network
{
    /// <summary>How Receive-Dicom / <c>hamlet receive</c> listens and where it writes.</summary>
    public sealed class DicomReceiverOptions
    {
        /// <summary>The incoming folder (created when missing).</summary>
        public string Folder { get; set; }

        /// <summary>TCP port; 0 lets the system choose (see <see cref="DicomReceiver.Port"/>).</summary>
        public int Port { get; set; } = Configuration.DicomNodeSettings.DefaultPort;

        /// <summary>Our AE title; associations calling another one are rejected.</summary>
        public string AETitle { get; set; } = Configuration.DicomNodeSettings.DefaultAeTitle;

        /// <summary>Calling AE titles let in; empty lets any in.</summary>
        public IList<string> AllowedCallingAETitles { get; set; } = new List<string>();

        /// <summary>The one local address to listen on (an IPv4 or IPv6 address); null or empty: every address.</summary>
        public string ListenAddress { get; set; }

        /// <summary>Peer addresses or CIDR networks (<c>10.1.2.0/24</c>) allowed to connect; empty lets any in.</summary>
        public IList<string> AllowedPeerAddresses { get; set; } = new List<string>();

        /// <summary>
        /// Associations served at once; one more is rejected (transient, local limit exceeded) unless it can displace an
        /// association without progress for <see cref="EvictIdleAfter"/>.
        /// </summary>
        public int MaxAssociations { get; set; } = 16;

        /// <summary>Associations served at once for one peer address (same rules as <see cref="MaxAssociations"/>).</summary>
        public int MaxAssociationsPerPeer { get; set; } = Dicom.Network.StorageScpOptions.DefaultMaxAssociationsPerPeer;

        /// <summary>TCP connections open at once (one thread each); 0: 4 × <see cref="MaxAssociations"/>. More are closed at once.</summary>
        public int MaxConnections { get; set; }

        /// <summary>How long a new connection may take to send its A-ASSOCIATE-RQ (TLS handshake included) before it is closed.</summary>
        public TimeSpan AssociationRequestTimeout { get; set; } = Dicom.Network.StorageScpOptions.DefaultAssociationRequestTimeout;

        /// <summary>At a limit, an association that stored nothing for this long is aborted to let a new one in.</summary>
        public TimeSpan EvictIdleAfter { get; set; } = Dicom.Network.StorageScpOptions.DefaultEvictIdleAfter;

        /// <summary>Stop when no association has been open for this long; null: never.</summary>
        public TimeSpan? IdleTimeout { get; set; }

        /// <summary>Stop after this many files were stored; null: no limit.</summary>
        public int? Count { get; set; }

        public DuplicateFilePolicy DuplicatePolicy { get; set; } = DuplicateFilePolicy.Overwrite;

        /// <summary>Accept every storage SOP class of the UID registry, not just the radiotherapy trial's list.</summary>
        public bool AcceptAllStorageClasses { get; set; }

        /// <summary>
        /// Store the X-Ray Radiation Dose SRs received (and accept their SOP classes) in this dose history as they land; null:
        /// no dose history. The files are written to the incoming folder all the same.
        /// </summary>
        public Dose.DoseHistoryImportOptions DoseHistory { get; set; }

        /// <summary>DICOM TLS; used when a certificate is set.</summary>
        public DicomTlsSettings Tls { get; set; } = new DicomTlsSettings();
    }
}
