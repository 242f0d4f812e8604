using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using HamletPS.Dicom.Network;

namespace HamletPS.Core.Network
{
    /// <summary>
    /// The DICOM receiver of Receive-Dicom and <c>hamlet receive</c>: a storage SCP (with verification) writing every received
    /// data set to <c>&lt;SOPInstanceUID&gt;.dcm</c> in the incoming folder. Construct, <see cref="Start"/> (binds the port, so the
    /// banner can be shown), then <see cref="RunAsync"/> until cancelled, idle or the count is reached; files being received
    /// when it stops are finished first. With <see cref="DicomReceiverOptions.DoseHistory"/>, the dose reports received also go
    /// into the dose history (on a worker of their own, in arrival order). Never writes to the console.
    /// </summary>
    public sealed class DicomReceiver : IDisposable
    {
        private readonly DicomReceiverOptions _options;
        private readonly StorageScp _scp;

        public DicomReceiver(DicomReceiverOptions options)
        {
            _options = options ?? throw new ArgumentNullException(nameof(options));
            if (string.IsNullOrWhiteSpace(options.Folder)) throw new ArgumentException("The incoming folder is required.", nameof(options));
            if (options.Port < 0 || options.Port > 65535) throw new ArgumentOutOfRangeException(nameof(options), "Port must be 0..65535.");
            if (options.Count.HasValue && options.Count.Value < 1) throw new ArgumentOutOfRangeException(nameof(options), "Count must be at least 1.");
            if (options.IdleTimeout.HasValue && options.IdleTimeout.Value <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(options), "IdleTimeout must be positive.");
            string ae = (options.AETitle ?? string.Empty).Trim();
            if (ae.Length == 0 || ae.Length > 16) throw new ArgumentException("The AE title must have 1 to 16 characters.", nameof(options));
            IPAddress bind = ParseListenAddress(options.ListenAddress);
            Folder = System.IO.Path.GetFullPath(options.Folder);
            AETitle = ae;
            var scp = new StorageScpOptions
            {
                Folder = Folder,
                AeTitle = ae,
                Port = options.Port,
                BindAddress = bind,
                AllowedPeerAddresses = (options.AllowedPeerAddresses ?? new List<string>()).Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => t.Trim()).ToList(),
                AllowedCallingAeTitles = (options.AllowedCallingAETitles ?? new List<string>()).Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => t.Trim()).ToList(),
                MaxAssociations = options.MaxAssociations,
                MaxAssociationsPerPeer = options.MaxAssociationsPerPeer,
                MaxConnections = options.MaxConnections,
                AssociationRequestTimeout = options.AssociationRequestTimeout,
                EvictIdleAfter = options.EvictIdleAfter,
                SopClasses = SopClassesFor(options),
                AcceptAllStorageClasses = options.AcceptAllStorageClasses,
                DuplicatePolicy = Map(options.DuplicatePolicy),
                // -Count: the SCP stops accepting, lets the peer release (or requests the release itself): never an abort.
                StopAfterFiles = options.Count,
                StopWhenIdleFor = options.IdleTimeout,
            };
            if (options.Tls != null && options.Tls.IsServerEnabled) scp.Tls = options.Tls.ToOptions(null);
            UsesTls = scp.Tls != null;
            _scp = new StorageScp(scp);
        }

        private Dose.DoseHistoryFeed _doseHistory;

        /// <summary>The trial's storage classes, and the X-Ray Radiation Dose SR classes when received dose reports go to the dose history.</summary>
        private static List<string> SopClassesFor(DicomReceiverOptions options)
        {
            var classes = new List<string>(TrialStorageClasses.Radiotherapy);
            if (options.DoseHistory != null)
            {
                classes.Add(Dicom.Dictionary.DicomUids.XRayRadiationDoseSRStorage);
                classes.Add(Dicom.Dictionary.DicomUids.EnhancedXRayRadiationDoseSRStorage);
            }
            return classes;
        }

        /// <summary>The dose history received dose reports go into; null when none was asked for.</summary>
        public string DoseHistoryPath => _options.DoseHistory?.DatabasePath;

        /// <summary>Each received dose report the dose history took (stored, unchanged, conflicting, left out as a test patient).</summary>
        public IProgress<Dose.DoseHistoryImportResult> DoseImported { get; set; }

        /// <summary>A received dose report the dose history could not take (the file stays in the incoming folder).</summary>
        public IProgress<FileFailure> DoseImportFailed { get; set; }

        /// <summary>Full path of the incoming folder.</summary>
        public string Folder { get; }

        public string AETitle { get; }

        /// <summary>The port bound (after <see cref="Start"/>; the requested one before).</summary>
        public int Port => _scp.Port != 0 ? _scp.Port : _options.Port;

        public bool UsesTls { get; }

        /// <summary>Files stored since start.</summary>
        public int StoredFiles => _scp.StoredFiles;

        /// <summary>Association events (peer, AE titles, reasons; never a data value), for verbose output.</summary>
        public IProgress<string> Log { get; set; }

        /// <summary>C-STORE requests answered with a failure status.</summary>
        public IProgress<RefusedDicomFile> Refused { get; set; }

        /// <summary>Addresses peers can connect to: the listen address when one was given, else the IPv4 ones (loopback last).</summary>
        public IReadOnlyList<string> ListeningAddresses => _listenAddress != null ? new[] { _listenAddress.ToString() } : LocalAddresses.IPv4();

        private IPAddress _listenAddress;

        /// <summary>The listen address: null or empty for every address, else an IP address (host names are not accepted).</summary>
        [SuppressMessage("Usage", "CA2208", Justification = "The parameter name given is the options' setting at fault, which the message shows.")]
        private IPAddress ParseListenAddress(string text)
        {
            if (string.IsNullOrWhiteSpace(text)) return IPAddress.IPv6Any;
            if (!IPAddress.TryParse(text.Trim(), out IPAddress address) ||
                (address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork && address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6))
                throw new ArgumentException("The listen address '" + text.Trim() + "' is not an IPv4 or IPv6 address.", nameof(DicomReceiverOptions.ListenAddress));
            if (!address.Equals(IPAddress.Any) && !address.Equals(IPAddress.IPv6Any)) _listenAddress = address;
            return address;
        }

        /// <summary>The old receiver's banner line for one address.</summary>
        public string ConnectMessage(string address) =>
            "Connect to this DICOM receiver using IP Address: " + address + " and Port: " + Port.ToString(CultureInfo.InvariantCulture) +
            " (AE title " + AETitle + (UsesTls ? ", DICOM TLS" : string.Empty) + ")";

        /// <summary>
        /// Opens the dose history when asked for (a <see cref="HamletException"/> DoseHistoryUnavailable when it cannot be
        /// used: the receiver does not listen), creates the folder, removes temporary files an earlier run left, binds the port.
        /// </summary>
        public void Start()
        {
            if (_options.DoseHistory != null && _doseHistory == null) _doseHistory = new Dose.DoseHistoryFeed(_options.DoseHistory);
            _scp.Start();
        }

        /// <summary>
        /// Serves until <paramref name="cancellationToken"/> is cancelled, the idle timeout passes or the count is reached;
        /// reports each stored file as it lands (on the association's thread).
        /// </summary>
        public async Task RunAsync(IProgress<ReceivedDicomFile> received, CancellationToken cancellationToken)
        {
            _scp.Log = Log;
            if (_doseHistory != null)
            {
                _doseHistory.Imported = DoseImported;
                _doseHistory.Failed = DoseImportFailed;
            }
            try
            {
                await _scp.RunAsync(new CallbackProgress<ReceivedFile>(file => OnReceived(file, received)), cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                // The dose reports received are in the history before the receiver says it stopped.
                _doseHistory?.Complete();
            }
        }

        private void OnReceived(ReceivedFile file, IProgress<ReceivedDicomFile> received)
        {
            if (file.Stored)
            {
                received?.Report(new ReceivedDicomFile
                {
                    CallingAE = file.CallingAeTitle,
                    SOPClassUID = file.SopClassUid,
                    SOPClassName = SopClassName(file.SopClassUid),
                    SOPInstanceUID = file.SopInstanceUid,
                    Length = file.Length,
                    Path = file.Path,
                    ReceivedAt = file.ReceivedAt,
                });
                if (_doseHistory != null && IsDoseCandidate(file.SopClassUid)) _doseHistory.Add(file.Path);
            }
            else
            {
                Refused?.Report(new RefusedDicomFile
                {
                    CallingAE = file.CallingAeTitle,
                    SOPClassUID = file.SopClassUid,
                    SOPInstanceUID = file.SopInstanceUid,
                    Status = file.Status.ToString("X4", CultureInfo.InvariantCulture),
                    StatusText = DimseStatus.Describe(file.Status) + (string.IsNullOrEmpty(file.ErrorComment) ? string.Empty : " (" + file.ErrorComment + ")"),
                });
            }
        }

        /// <summary>SOP classes whose files may be dose reports: the dose SRs, and any other SR class (a report sent in Comprehensive SR).</summary>
        private static bool IsDoseCandidate(string sopClassUid) =>
            sopClassUid != null && sopClassUid.StartsWith("1.2.840.10008.5.1.4.1.1.88.", StringComparison.Ordinal);

        internal static string SopClassName(string uid) =>
            uid == null ? null : Dicom.Dictionary.DicomUids.GetName(uid) ?? uid;

        private static DuplicatePolicy Map(DuplicateFilePolicy policy)
        {
            switch (policy)
            {
                case DuplicateFilePolicy.KeepBoth: return DuplicatePolicy.KeepBoth;
                case DuplicateFilePolicy.Reject: return DuplicatePolicy.Reject;
                default: return DuplicatePolicy.Overwrite;
            }
        }

        public void Dispose()
        {
            _scp.Dispose();
            _doseHistory?.Dispose();
        }
    }
}
