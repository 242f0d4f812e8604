using System;
using System.CommandLine;
using System.IO;
using System.Net.Sockets;
using System.Threading;
using HamletPS.Core;
using HamletPS.Cli.JsonLines;
using HamletPS.Core.Configuration;
using HamletPS.Core.Network;
using HamletPS.Core.Pipeline;

namespace HamletPS.Cli.Verbs
{
    /// <summary>
    /// `hamlet receive`: Receive-Dicom for the command line. Prints where to connect, then "RCV: &lt;SOPInstanceUID&gt;.dcm" per
    /// stored file (or one JSON object per file with --json) until Ctrl-C, SIGTERM, --idle-timeout or --count.
    /// </summary>
    public static class ReceiveVerb
    {
        public const string CmdletName = "Receive-Dicom";

        public static Command Create()
        {
            var path = new Option<string>("--path") { Description = "The incoming folder (default: DATAPATH.INCOMING of the site configuration)." };
            var port = new Option<int?>("--port", "-p") { Description = "TCP port (default: DICOMNODE.PORT, else 11112)." };
            var aeTitle = new Option<string>("--ae-title") { Description = "Our AE title (default: DICOMNODE.AET, else HAMLETPS)." };
            var allowed = new Option<string[]>("--allowed-calling-ae-title") { Description = "Calling AE titles let in (default: any).", AllowMultipleArgumentsPerToken = true };
            var listen = new Option<string>("--listen-address") { Description = "The one local IP address to listen on (default: DICOMNODE.LISTENADDRESS, else every address)." };
            var allowedPeers = new Option<string[]>("--allowed-peer-address") { Description = "Peer addresses or networks (10.1.2.0/24) let connect (default: DICOMNODE.ALLOWEDPEERADDRESSES, else any).", AllowMultipleArgumentsPerToken = true };
            var maxAssociations = new Option<int>("--max-associations") { Description = "Associations served at once.", DefaultValueFactory = _ => 16 };
            var maxPerPeer = new Option<int>("--max-associations-per-peer") { Description = "Associations served at once for one peer address.", DefaultValueFactory = _ => 8 };
            var maxConnections = new Option<int>("--max-connections") { Description = "TCP connections open at once (one thread each); 0: 4 x --max-associations.", DefaultValueFactory = _ => 0 };
            var requestTimeout = new Option<string>("--association-request-timeout") { Description = "How long a new connection may take to send its association request (seconds, or hh:mm:ss; default 10)." };
            var evictIdle = new Option<string>("--evict-idle-after") { Description = "At a limit, abort an association that stored nothing this long to let a new one in (seconds, or hh:mm:ss; default 10)." };
            var idle = new Option<string>("--idle-timeout") { Description = "Stop when no association has been open this long (seconds, or hh:mm:ss)." };
            var count = new Option<int?>("--count", "-n") { Description = "Stop after this many files were stored." };
            var duplicate = new Option<DuplicateFilePolicy>("--duplicate-policy") { Description = "Overwrite, KeepBoth or Reject an existing <SOPInstanceUID>.dcm.", DefaultValueFactory = _ => DuplicateFilePolicy.Overwrite };
            var acceptAll = new Option<bool>("--accept-all-storage-classes") { Description = "Accept every storage SOP class, not only the radiotherapy trial's list." };
            var doseHistory = new Option<bool>("--dose-history") { Description = "Store the dose reports received in the dose history, as `hamlet dose import` (default: DICOMNODE.DOSEHISTORY)." };
            var doseHistoryPath = new Option<string>("--dose-history-path") { Description = "The dose history database (implies --dose-history; default: dose-history.sqlite beside the configuration)." };
            var tls = new TlsOptionSet("Our certificate for DICOM TLS (PFX, or PEM with --key-path); TLS is used when given.", "Client certificates (or their CAs) to trust.");
            var requireClient = new Option<bool>("--require-client-certificate") { Description = "Close TLS connections without a trusted client certificate." };
            var config = new Option<string>("--config-path") { Description = "The site configuration file (default: $HAMLET_CONFIG, else config.yaml here)." };
            var whatIf = new Option<bool>("--what-if") { Description = "Show where the receiver would listen and write; receive nothing." };
            var json = new Option<bool>("--json") { Description = "One JSON object per received file." };
            var command = new Command("receive", "Run a DICOM receiver writing every received file into the incoming folder (Receive-Dicom).")
            {
                path, port, aeTitle, allowed, listen, allowedPeers, maxAssociations, maxPerPeer, maxConnections, requestTimeout, evictIdle, idle, count, duplicate, acceptAll, doseHistory, doseHistoryPath, tls.Certificate, tls.Key, tls.Password, tls.Trusted, requireClient, config, whatIf, json,
            };
            command.SetAction(parse =>
            {
                DicomReceiverOptions options;
                try
                {
                    options = ResolveOptions(new ReceiveRequest
                    {
                        Folder = parse.GetValue(path),
                        Port = parse.GetValue(port),
                        AETitle = parse.GetValue(aeTitle),
                        AllowedCallingAETitles = parse.GetValue(allowed),
                        ListenAddress = parse.GetValue(listen),
                        AllowedPeerAddresses = parse.GetValue(allowedPeers),
                        MaxAssociations = parse.GetValue(maxAssociations),
                        MaxAssociationsPerPeer = parse.GetValue(maxPerPeer),
                        MaxConnections = parse.GetValue(maxConnections),
                        AssociationRequestTimeout = NetworkOptions.ParseDuration(parse.GetValue(requestTimeout)),
                        EvictIdleAfter = NetworkOptions.ParseDuration(parse.GetValue(evictIdle)),
                        IdleTimeout = NetworkOptions.ParseDuration(parse.GetValue(idle)),
                        Count = parse.GetValue(count),
                        DuplicatePolicy = parse.GetValue(duplicate),
                        AcceptAllStorageClasses = parse.GetValue(acceptAll),
                        DoseHistory = parse.GetValue(doseHistory) ? true : (bool?)null,
                        DoseHistoryPath = parse.GetValue(doseHistoryPath),
                        Tls = tls.Settings(parse, false, parse.GetValue(requireClient)),
                    }, parse.GetValue(config), Directory.GetCurrentDirectory());
                }
                catch (Exception ex) when (SetupError.Classify(ex, ErrorIds.InvalidConfiguration) is HamletException setup)
                {
                    return CliOutput.Console.Failure(setup); // ConfigNotFound, InvalidConfiguration, a bad duration or TLS file
                }
                if (parse.GetValue(whatIf))
                {
                    CliOutput.Console.Line("What if: receive DICOM files as " + options.AETitle + " on port " + options.Port +
                        (string.IsNullOrWhiteSpace(options.ListenAddress) ? string.Empty : " of " + options.ListenAddress.Trim()) + " into " + options.Folder);
                    return 0;
                }
                using var signal = new ShutdownSignal();
                return Run(options, parse.GetValue(json), CliOutput.Console, signal.Token);
            });
            return command;
        }

        /// <summary>The receiver's options from the folder, port and AE title given (null: not given) and the site configuration.</summary>
        public static DicomReceiverOptions ResolveOptions(string path, int? port, string aeTitle, string configPath, string currentDirectory) =>
            ResolveOptions(new ReceiveRequest { Folder = path, Port = port, AETitle = aeTitle }, configPath, currentDirectory);

        /// <summary>
        /// The receiver's options: Core's <see cref="ReceiveSetup"/> over the request (the folder taken relative to
        /// <paramref name="currentDirectory"/>) and the site configuration (always read when there is one: its DICOMNODE access
        /// keys restrict the receiver even when everything else is given).
        /// </summary>
        public static DicomReceiverOptions ResolveOptions(ReceiveRequest request, string configPath, string currentDirectory)
        {
            HamletConfig config = WorkflowConfiguration.LoadOrNull(configPath, currentDirectory);
            if (!string.IsNullOrEmpty(request.Folder)) request.Folder = Path.GetFullPath(Path.Combine(currentDirectory, request.Folder));
            if (!string.IsNullOrEmpty(request.DoseHistoryPath)) request.DoseHistoryPath = Path.GetFullPath(Path.Combine(currentDirectory, request.DoseHistoryPath));
            return ReceiveSetup.CreateOptions(request, config);
        }

        /// <summary>Runs the receiver until <paramref name="cancellationToken"/> is cancelled, the idle timeout passes or the count is reached.</summary>
        public static int Run(DicomReceiverOptions options, bool json, CliOutput output, CancellationToken cancellationToken)
        {
            var gate = new object();
            DicomReceiver receiver;
            try
            {
                receiver = new DicomReceiver(options);
            }
            catch (Exception ex) when (NetworkOptions.SettingsError(ex) is HamletException setup)
            {
                return output.Failure(setup);
            }
            using (receiver)
            {
                try
                {
                    receiver.Start();
                }
                catch (SocketException ex)
                {
                    output.Failure("PortUnavailable", "Cannot listen on port " + receiver.Port + ": " + ex.Message);
                    return 2;
                }
                catch (HamletException ex) when (ex.IsSetup)
                {
                    return output.Failure(ex); // DoseHistoryUnavailable: the dose history cannot be opened
                }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
                {
                    output.Failure("IncomingFolderUnavailable", receiver.Folder + ": " + ex.Message);
                    return 2;
                }
                if (!json)
                {
                    output.Line("Hamlet.rt trial DICOM receiver (hamlet " + Core.ProductInfo.Version + ")");
                    foreach (string address in receiver.ListeningAddresses) output.Line(receiver.ConnectMessage(address));
                    output.Line("Data will be written to: " + receiver.Folder);
                    if (receiver.DoseHistoryPath != null) output.Line("Dose reports go into the dose history: " + receiver.DoseHistoryPath);
                    output.Line("Press <CTRL-C> to stop the receiver");
                }
                receiver.Refused = new Reporter<RefusedDicomFile>(r => { lock (gate) output.Warning(r.ToString()); });
                receiver.DoseImported = new Reporter<Core.Dose.DoseHistoryImportResult>(r =>
                {
                    lock (gate)
                    {
                        if (r.Status == Core.Dose.DoseHistoryImportStatus.Conflict) output.Warning(r.Path + ": " + r.Message);
                        else if (!json) output.Line("DOSE: " + r.Status + " " + r.Kind + " " + Path.GetFileName(r.Path));
                    }
                });
                receiver.DoseImportFailed = new Reporter<Core.FileFailure>(f => { lock (gate) output.Warning("not in the dose history: " + f.Path + ": " + f.Message); });
                var received = new Reporter<ReceivedDicomFile>(file =>
                {
                    lock (gate)
                    {
                        if (json) output.Json(file, CliJsonContext.Relaxed.ReceivedDicomFile);
                        else output.Line("RCV: " + Path.GetFileName(file.Path));
                    }
                });
                receiver.RunAsync(received, cancellationToken).GetAwaiter().GetResult();
                if (!json) output.Line("Receiver stopped: " + receiver.StoredFiles + " files received.");
            }
            return 0;
        }

        private sealed class Reporter<T> : IProgress<T>
        {
            private readonly Action<T> _action;

            public Reporter(Action<T> action) => _action = action;

            public void Report(T value) => _action(value);
        }
    }
}
