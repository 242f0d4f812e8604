using System;
using System.Management.Automation;
using HamletPS.Core.Network;

namespace HamletPS.Internal
{
    /// <summary>
    /// The parameters of a cmdlet that runs a DICOM receiver, besides its folder, port and AE title: who may connect (listen
    /// address, peer addresses, calling AE titles, client certificates) and how many at once (admission control and its
    /// timeouts). Defaults come from the site configuration's DICOMNODE section through Core's <see cref="ReceiveSetup"/>.
    /// </summary>
    public abstract class DicomReceiverCmdlet : DicomTlsCmdlet
    {
        /// <summary>Calling AE titles let in; default DICOMNODE.ALLOWEDCALLINGAETITLES, else any.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[] AllowedCallingAETitle { get; set; }

        /// <summary>The one local IP address to listen on; default DICOMNODE.LISTENADDRESS, else every address.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string ListenAddress { get; set; }

        /// <summary>Peer addresses or networks (10.1.2.0/24) let connect; default DICOMNODE.ALLOWEDPEERADDRESSES, else any.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[] AllowedPeerAddress { get; set; }

        /// <summary>Associations served at once.</summary>
        [Parameter]
        [ValidateRange(1, 1000)]
        public int MaxAssociations { get; set; } = 16;

        /// <summary>Associations served at once for one peer address.</summary>
        [Parameter]
        [ValidateRange(1, 1000)]
        public int MaxAssociationsPerPeer { get; set; } = 8;

        /// <summary>TCP connections open at once (one thread each); 0: 4 × MaxAssociations.</summary>
        [Parameter]
        [ValidateRange(0, 10000)]
        public int MaxConnections { get; set; }

        /// <summary>Seconds (or a TimeSpan) a new connection may take to send its association request.</summary>
        [Parameter]
        [SecondsToTimeSpan]
        public TimeSpan AssociationRequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

        /// <summary>At a limit, an association that stored nothing for this long (seconds, or a TimeSpan) is aborted to let a new one in.</summary>
        [Parameter]
        [SecondsToTimeSpan]
        public TimeSpan EvictIdleAfter { get; set; } = TimeSpan.FromSeconds(10);

        /// <summary>Close TLS connections that offer no trusted client certificate.</summary>
        [Parameter]
        public SwitchParameter RequireClientCertificate { get; set; }

        /// <summary>The part of the receiver's request these parameters give (null where not given: the configuration decides).</summary>
        protected ReceiveRequest AdmissionRequest() => new ReceiveRequest
        {
            AllowedCallingAETitles = AllowedCallingAETitle,
            ListenAddress = ListenAddress,
            AllowedPeerAddresses = AllowedPeerAddress,
            MaxAssociations = MaxAssociations,
            MaxAssociationsPerPeer = MaxAssociationsPerPeer,
            MaxConnections = MaxConnections,
            AssociationRequestTimeout = AssociationRequestTimeout,
            EvictIdleAfter = EvictIdleAfter,
            Tls = TlsSettings(false, RequireClientCertificate),
        };
    }
}
