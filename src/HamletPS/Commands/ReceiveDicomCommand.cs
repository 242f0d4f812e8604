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
    public sealed class ReceiveDicomCommand : DicomReceiverCmdlet
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

        /// <summary>Store the dose reports received (X-Ray Radiation Dose SRs, whose classes are then accepted) in the dose history,
        /// as Import-DicomDoseReport does; default DICOMNODE.DOSEHISTORY.</summary>
        [Parameter]
        public SwitchParameter DoseHistory { get; set; }

        /// <summary>The dose history database (implies -DoseHistory); default dose-history.sqlite beside the site configuration.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string DoseHistoryPath { get; set; }

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
                catch (Core.HamletException ex) when (ex.IsSetup)
                {
                    Terminate(ex, receiver.DoseHistoryPath); // DoseHistoryUnavailable: the dose history cannot be opened
                    return;
                }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
                {
                    Terminate(ex, "IncomingFolderUnavailable", ErrorCategory.WriteError, receiver.Folder);
                    return;
                }
                foreach (string address in receiver.ListeningAddresses) WriteInformation(HostMessage.Create(receiver.ConnectMessage(address), CommandName));
                WriteInformation(HostMessage.Create("Data will be written to: " + receiver.Folder, CommandName));
                if (receiver.DoseHistoryPath != null) WriteInformation(HostMessage.Create("Dose reports go into the dose history: " + receiver.DoseHistoryPath, CommandName));
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
                        receiver.Log = new RelayProgress<string>(EmitVerbose, ct);
                        receiver.Refused = new RelayProgress<RefusedDicomFile>(r => EmitWarning(r.ToString()), ct);
                        receiver.DoseImported = new RelayProgress<Core.Dose.DoseHistoryImportResult>(r =>
                        {
                            if (r.Status == Core.Dose.DoseHistoryImportStatus.Conflict) EmitWarning(r.Path + ": " + r.Message);
                            else EmitVerbose("Dose history: " + r.Status + " " + r.Kind + " " + r.Path);
                        }, ct);
                        receiver.DoseImportFailed = new RelayProgress<Core.FileFailure>(f => EmitWarning("Not in the dose history: " + f.Path + ": " + f.Message), ct);
                        await receiver.RunAsync(new RelayProgress<ReceivedDicomFile>(Emit, ct), ct).ConfigureAwait(false);
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

        /// <summary>The receiver's options from these parameters and the site configuration (always read when there is one: its
        /// DICOMNODE access keys restrict the receiver even when -Path, -Port and -AETitle are given).</summary>
        private DicomReceiverOptions BuildOptions()
        {
            Core.Configuration.HamletConfig config = LoadSiteConfig(ConfigPath, required: false);
            ReceiveRequest request = AdmissionRequest();
            request.Folder = string.IsNullOrEmpty(Path) ? null : NetworkParameters.FileSystemPath(this, Path);
            request.Port = IsBound(nameof(Port)) ? Port : (int?)null;
            request.AETitle = IsBound(nameof(AETitle)) ? AETitle : null;
            request.IdleTimeout = IsBound(nameof(IdleTimeout)) ? IdleTimeout : (TimeSpan?)null;
            request.Count = IsBound(nameof(Count)) ? Count : (int?)null;
            request.DuplicatePolicy = (DuplicateFilePolicy)Enum.Parse(typeof(DuplicateFilePolicy), DuplicatePolicy, ignoreCase: true);
            request.AcceptAllStorageClasses = AcceptAllStorageClasses;
            request.DoseHistory = IsBound(nameof(DoseHistory)) ? DoseHistory.IsPresent : (bool?)null;
            request.DoseHistoryPath = string.IsNullOrEmpty(DoseHistoryPath) ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(DoseHistoryPath);
            return Setup(() => ReceiveSetup.CreateOptions(request, config), null, ex => ex is ArgumentException ? "IncomingFolderRequired" : null);
        }

        private bool IsBound(string name) => MyInvocation.BoundParameters.ContainsKey(name);
    }
}
