using System;
using System.Collections.Generic;
using System.Net;

namespace HamletPS.Dicom.Network
{
    /// <summary>Configuration of <see cref="StorageScp"/>.</summary>
    public sealed class StorageScpOptions
    {
        /// <summary>Folder the received files are written to (created when missing).</summary>
        public string Folder { get; set; }

        /// <summary>Our AE title; associations calling another AE title are rejected (called AE not recognized).</summary>
        public string AeTitle { get; set; } = "HAMLET";

        /// <summary>TCP port; 0 lets the system choose (see <see cref="StorageScp.Port"/>).</summary>
        public int Port { get; set; } = 104;

        /// <summary>Address to listen on; default: every IPv4 and IPv6 address.</summary>
        public IPAddress BindAddress { get; set; } = IPAddress.IPv6Any;

        /// <summary>Calling AE titles allowed in; empty allows any.</summary>
        public IList<string> AllowedCallingAeTitles { get; set; } = new List<string>();

        /// <summary>Concurrent associations served; one more is answered with A-ASSOCIATE-RJ transient "local limit exceeded".</summary>
        public int MaxAssociations { get; set; } = 16;

        /// <summary>Storage SOP classes accepted (default: <see cref="StorageSopClasses.RadiotherapyTrial"/>).</summary>
        public IList<string> SopClasses { get; set; } = new List<string>(StorageSopClasses.RadiotherapyTrial);

        /// <summary>Accept every storage SOP class of the UID registry (<see cref="StorageSopClasses.All"/>) instead of <see cref="SopClasses"/>.</summary>
        public bool AcceptAllStorageClasses { get; set; }

        /// <summary>Transfer syntaxes accepted, in our order of preference.</summary>
        public IList<string> TransferSyntaxes { get; set; } = new List<string>(TransferSyntaxPreference.Default);

        public DuplicatePolicy DuplicatePolicy { get; set; } = DuplicatePolicy.Overwrite;

        /// <summary>PDU size, ARTIM, DIMSE and network-idle timeouts.</summary>
        public AssociationOptions Association { get; set; } = new AssociationOptions();

        /// <summary>DICOM TLS; null for plain TCP.</summary>
        public DicomTlsOptions Tls { get; set; }

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
