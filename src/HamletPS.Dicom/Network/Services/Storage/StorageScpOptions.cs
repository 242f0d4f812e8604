using System;
using System.Collections.Generic;
using System.Net;
using HamletPS.Dicom.Storage;

namespace HamletPS.Dicom.Network
{
    /// <summary>Configuration of <see cref="StorageScp"/>.</summary>
    public sealed class StorageScpOptions
    {
        /// <summary>Folder the received files are written to (created when missing).</summary>
        public string? Folder { get; set; }

        /// <summary>Our AE title; associations calling another AE title are rejected (called AE not recognized).</summary>
        public string AeTitle { get; set; } = "ANY-SCP";

        /// <summary>TCP port; 0 lets the system choose (see <see cref="StorageScp.Port"/>).</summary>
        public int Port { get; set; } = 104;

        /// <summary>Address to listen on; default: every IPv4 and IPv6 address (IPv6Any, dual mode).</summary>
        public IPAddress BindAddress { get; set; } = IPAddress.IPv6Any;

        /// <summary>Calling AE titles allowed in; empty allows any.</summary>
        public IList<string> AllowedCallingAeTitles { get; set; } = new List<string>();

        /// <summary>
        /// Peer addresses allowed to connect: addresses or networks in CIDR form (<c>10.1.2.0/24</c>); empty allows any.
        /// Other peers are closed right after the TCP accept, before any DICOM byte is read.
        /// </summary>
        public IList<string> AllowedPeerAddresses { get; set; } = new List<string>();

        /// <summary>
        /// Concurrent associations served; one more is answered with A-ASSOCIATE-RJ transient "local limit exceeded" unless
        /// an association without progress for <see cref="EvictIdleAfter"/> can be displaced.
        /// </summary>
        public int MaxAssociations { get; set; } = 16;

        /// <summary>Concurrent associations from one peer address (same rules as <see cref="MaxAssociations"/>).</summary>
        public int MaxAssociationsPerPeer { get; set; } = DefaultMaxAssociationsPerPeer;

        public const int DefaultMaxAssociationsPerPeer = 8;

        /// <summary>
        /// Concurrent TCP connections (one thread each), associations included; 0: 4 × <see cref="MaxAssociations"/>. A
        /// connection over the limit is closed at once, without a thread, unless it displaces a connection without association
        /// of a peer holding at least two more connections than the newcomer's. Must exceed <see cref="MaxAssociations"/>.
        /// </summary>
        public int MaxConnections { get; set; }

        /// <summary>The connection limit in effect (<see cref="MaxConnections"/>, or 4 × <see cref="MaxAssociations"/> for 0).</summary>
        public int EffectiveMaxConnections => MaxConnections > 0 ? MaxConnections : 4 * MaxAssociations;

        /// <summary>
        /// How long a new connection may take to deliver its A-ASSOCIATE-RQ (TLS handshake included) before it is closed
        /// (the acceptor's ARTIM; <see cref="AssociationOptions.ArtimTimeout"/> stays for the other waits).
        /// </summary>
        public TimeSpan AssociationRequestTimeout { get; set; } = DefaultAssociationRequestTimeout;

        public static readonly TimeSpan DefaultAssociationRequestTimeout = TimeSpan.FromSeconds(10);

        /// <summary>
        /// When a limit is reached, an association that made no progress (no C-STORE data, no stored file) for this long is
        /// aborted to let a new one in. Below the limits the <see cref="AssociationOptions.NetworkIdleTimeout"/> applies.
        /// </summary>
        public TimeSpan EvictIdleAfter { get; set; } = DefaultEvictIdleAfter;

        public static readonly TimeSpan DefaultEvictIdleAfter = TimeSpan.FromSeconds(10);

        /// <summary>Storage SOP classes accepted (default: every storage SOP class of the UID registry, <see cref="StorageSopClasses.All"/>).</summary>
        public IList<string> SopClasses { get; set; } = new List<string>(StorageSopClasses.All);

        /// <summary>Accept every storage SOP class of the UID registry (<see cref="StorageSopClasses.All"/>) instead of <see cref="SopClasses"/>.</summary>
        public bool AcceptAllStorageClasses { get; set; }

        /// <summary>Transfer syntaxes accepted, in our order of preference.</summary>
        public IList<string> TransferSyntaxes { get; set; } = new List<string>(TransferSyntaxPreference.Default);

        public DuplicatePolicy DuplicatePolicy { get; set; } = DuplicatePolicy.Overwrite;

        /// <summary>PDU size, ARTIM, DIMSE and network-idle timeouts.</summary>
        public AssociationOptions Association { get; set; } = new AssociationOptions();

        /// <summary>DICOM TLS; null for plain TCP.</summary>
        public DicomTlsOptions? Tls { get; set; }

        /// <summary>Where files go (the seam for fault injection in tests).</summary>
        public IStorageFileSystem FileSystem { get; set; } = LocalStorageFileSystem.Instance;

        /// <summary>
        /// Flush every file through to the storage device before renaming it and answering success (default true: a success
        /// status means the file survives a power cut). false leaves the flush to the operating system, as storescp does.
        /// </summary>
        public bool DurableWrites { get; set; } = true;

        /// <summary>
        /// Parse every received data set before it is made durable (large values skipped, so it costs little while the file
        /// is in the page cache): unparsable ones get C000, ones whose SOP class/instance differs from the command A900, and
        /// are deleted. Default true.
        /// </summary>
        public bool CheckDataSets { get; set; } = true;

        /// <summary>Stop after this many files were stored (for scheduled scripts); null: no limit.</summary>
        public int? StopAfterFiles { get; set; }

        /// <summary>Stop when no association has been open for this long; null: never.</summary>
        public TimeSpan? StopWhenIdleFor { get; set; }
    }
}
