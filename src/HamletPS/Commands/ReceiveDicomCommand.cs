using System;
using System.IO;
using System.Management.Automation;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using HamletPS.Core.Network;
using HamletPS.Internal;

namespace HamletPS.Commands
{
    /// <summary>
    /// Runs a DICOM receiver (storage SCP) in the foreground and writes one object per received file into the pipeline as it
    /// lands, until Ctrl-C, -IdleTimeout or -Count. Files are written as &lt;SOPInstanceUID&gt;.dcm into -Path; defaults come
    /// from the site configuration (DATAPATH.INCOMING, DICOMNODE.AET, DICOMNODE.PORT).
    /// </summary>
    [Cmdlet(VerbsCommunications.Receive, "Dicom", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(ReceivedDicomFile))]
    public sealed class ReceiveDicomCommand : DicomTlsCmdlet
    {
        /// <summary>The incoming folder; default DATAPATH.INCOMING of the site configuration.</summary>
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Incoming")]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; }

        /// <summary>TCP port; default DICOMNODE.PORT, else 11112.</summary>
        [Parameter]
        [ValidateRange(0, 65535)]
        public int Port { get; set; }

        /// <summary>Our AE title; default DICOMNODE.AET, else HAMLETPS.</summary>
        [Parameter]
        [ValidateLength(1, 16)]
        public string AETitle { get; set; }

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

        /// <summary>Stop when no association has been open for this long (seconds, or a TimeSpan).</summary>
        [Parameter]
        [SecondsToTimeSpan]
        public TimeSpan IdleTimeout { get; set; }

        /// <summary>Stop after this many files were stored.</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int Count { get; set; }

        /// <summary>What to do when &lt;SOPInstanceUID&gt;.dcm already exists (a DuplicateFilePolicy name). A string, not the
        /// enum: a field of a Core value type would make this class unloadable before the module initializer has run.</summary>
        [Parameter]
        [ValidateSet("Overwrite", "KeepBoth", "Reject", IgnoreCase = true)]
        public string DuplicatePolicy { get; set; } = "Overwrite";

        /// <summary>Accept every storage SOP class, not only the radiotherapy trial's list.</summary>
        [Parameter]
        public SwitchParameter AcceptAllStorageClasses { get; set; }

        /// <summary>Close TLS connections that offer no trusted client certificate.</summary>
        [Parameter]
        public SwitchParameter RequireClientCertificate { get; set; }

        /// <summary>The site configuration file (default: $HAMLET_CONFIG, else config.yaml in the current folder).</summary>
        [Parameter]
        public string ConfigPath { get; set; }

        protected override void ProcessRecord()
        {
            DicomReceiverOptions options = BuildOptions();
            DicomReceiver receiver;
            try
            {
                receiver = new DicomReceiver(options);
            }
            catch (Exception ex) when (NetworkParameters.SettingsError(ex) is Core.HamletException setup)
            {
                Terminate(setup, options.Folder);
                return;
            }
            using (receiver)
            {
                string action = "Receive DICOM files as " + receiver.AETitle + " on port " + receiver.Port + " (" + (Count > 0 ? Count + " files" : "until stopped") + ")";
                if (!ShouldProcess(receiver.Folder, action)) return;
                try
                {
                    receiver.Start();
                }
                catch (SocketException ex)
                {
                    Terminate(new IOException("Cannot listen on port " + receiver.Port + ": " + ex.Message, ex), "PortUnavailable", ErrorCategory.ResourceUnavailable, receiver.Port);
                    return;
                }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
                {
                    Terminate(ex, "IncomingFolderUnavailable", ErrorCategory.WriteError, receiver.Folder);
                    return;
                }
                foreach (string address in receiver.ListeningAddresses) WriteInformation(HostMessage.Create(receiver.ConnectMessage(address), CommandName));
                WriteInformation(HostMessage.Create("Data will be written to: " + receiver.Folder, CommandName));
                WriteInformation(HostMessage.Create("Press <CTRL-C> to stop the receiver", CommandName));
                Serve(receiver);
            }
        }

        private void Serve(DicomReceiver receiver)
        {
            var finished = new ManualResetEventSlim(false);
            try
            {
                RunOffPipelineThread(async ct =>
                {
                    try
                    {
                        receiver.Log = new Relay<string>(EmitVerbose, ct);
                        receiver.Refused = new Relay<RefusedDicomFile>(r => EmitWarning(r.ToString()), ct);
                        await receiver.RunAsync(new Relay<ReceivedDicomFile>(Emit, ct), ct).ConfigureAwait(false);
                    }
                    finally
                    {
                        finished.Set();
                    }
                });
            }
            finally
            {
                // When the pipeline is stopped while output is still being written, the engine leaves this method early:
                // wait for the receiver to finish the files in flight (and remove partial ones) before returning.
                finished.Wait(TimeSpan.FromSeconds(60));
            }
        }

        private DicomReceiverOptions BuildOptions()
        {
            // Always read (when there is one): its DICOMNODE access keys restrict the receiver even when -Path, -Port and -AETitle are given.
            DicomNodeDefaults defaults = null;
            {
                try
                {
                    defaults = DicomNodeDefaults.Load(ConfigPath == null ? null : NetworkParameters.FileSystemPath(this, ConfigPath), SessionState.Path.CurrentFileSystemLocation.ProviderPath);
                }
                catch (Exception ex) when (SetupError(ex, Core.ErrorIds.InvalidConfiguration) is Core.HamletException setup)
                {
                    Terminate(setup, ConfigPath); // ConfigNotFound, InvalidConfiguration
                }
            }
            string folder = !string.IsNullOrEmpty(Path) ? NetworkParameters.FileSystemPath(this, Path) : defaults?.IncomingFolder;
            if (string.IsNullOrEmpty(folder))
            {
                Terminate(new PSArgumentException("No incoming folder: give -Path, or a site configuration with DATAPATH.INCOMING (-ConfigPath, $HAMLET_CONFIG or config.yaml here)."),
                    "IncomingFolderRequired", ErrorCategory.InvalidArgument, null);
            }
            return new DicomReceiverOptions
            {
                Folder = folder,
                Port = IsBound(nameof(Port)) ? Port : defaults.Port,
                AETitle = IsBound(nameof(AETitle)) ? AETitle : defaults.AETitle,
                AllowedCallingAETitles = AllowedCallingAETitle ?? defaults.AllowedCallingAETitles,
                ListenAddress = IsBound(nameof(ListenAddress)) ? ListenAddress : defaults.ListenAddress,
                AllowedPeerAddresses = AllowedPeerAddress ?? defaults.AllowedPeerAddresses,
                MaxAssociations = MaxAssociations,
                MaxAssociationsPerPeer = MaxAssociationsPerPeer,
                MaxConnections = MaxConnections,
                AssociationRequestTimeout = AssociationRequestTimeout,
                EvictIdleAfter = EvictIdleAfter,
                IdleTimeout = IsBound(nameof(IdleTimeout)) ? IdleTimeout : (TimeSpan?)null,
                Count = IsBound(nameof(Count)) ? Count : (int?)null,
                DuplicatePolicy = (DuplicateFilePolicy)Enum.Parse(typeof(DuplicateFilePolicy), DuplicatePolicy, ignoreCase: true),
                AcceptAllStorageClasses = AcceptAllStorageClasses,
                Tls = TlsSettings(false, RequireClientCertificate),
            };
        }

        private bool IsBound(string name) => MyInvocation.BoundParameters.ContainsKey(name);

        /// <summary>
        /// Forwards reports from the receiver's threads to the pipeline thread (Emit… are thread-safe). Once the command is being
        /// stopped the pipeline may be gone: reports are then dropped, so the receiver can still finish its files.
        /// </summary>
        private sealed class Relay<T> : IProgress<T>
        {
            private readonly Action<T> _action;
            private readonly CancellationToken _stopping;

            public Relay(Action<T> action, CancellationToken stopping)
            {
                _action = action;
                _stopping = stopping;
            }

            public void Report(T value)
            {
                try
                {
                    _action(value);
                }
                catch (Exception) when (_stopping.IsCancellationRequested)
                {
                }
            }
        }
    }
}
