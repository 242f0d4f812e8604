using System;
using System.IO;
using System.Management.Automation;
using HamletPS.Core;
using HamletPS.Core.Network;
using HamletPS.Core.Retrieve;
using HamletPS.Internal;

namespace HamletPS.Commands
{
    /// <summary>
    /// Copies a study (series, instance) from a PACS into the incoming folder with C-GET (default) or C-MOVE, writing each
    /// instance as &lt;SOPInstanceUID&gt;.dcm exactly as Receive-Dicom does and one object per file into the pipeline. Instances
    /// already there are not fetched again. Binds Find-DicomStudy's output by property name (UIDs, level and the PACS address).
    /// </summary>
    [Cmdlet(VerbsCommon.Copy, "DicomStudy", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(ReceivedDicomFile))]
    public sealed class CopyDicomStudyCommand : PacsCmdlet
    {
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string StudyInstanceUID { get; set; }

        /// <summary>Copy only this series.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string SeriesInstanceUID { get; set; }

        /// <summary>Copy only this instance (with -SeriesInstanceUID).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string SOPInstanceUID { get; set; }

        /// <summary>Study, Series or Image; default: the deepest UID given.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateSet("Study", "Series", "Image", IgnoreCase = true)]
        public string Level { get; set; }

        /// <summary>Get (C-GET, default: the PACS needs no entry for us) or Move (C-MOVE to -MoveDestination).</summary>
        [Parameter]
        [ValidateSet("Get", "Move", IgnoreCase = true)]
        public string Method { get; set; } = "Get";

        /// <summary>C-MOVE: the AE title the PACS sends to (default -CallingAETitle).</summary>
        [Parameter]
        [ValidateLength(1, 16)]
        public string MoveDestination { get; set; }

        /// <summary>C-MOVE: run a receiver on this port for the move; without it a receiver already running (DICOMNODE) must write to -Destination.</summary>
        [Parameter]
        [ValidateRange(1, 65535)]
        public int ReceiverPort { get; set; }

        /// <summary>Folder the files land in; default DATAPATH.INCOMING of the site configuration.</summary>
        [Parameter]
        [Alias("Incoming")]
        public string Destination { get; set; }

        /// <summary>Fetch instances already present again.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>The site configuration file (default: $HAMLET_CONFIG, else config.yaml in the current folder).</summary>
        [Parameter]
        public string ConfigPath { get; set; }

        private string _destination;

        protected override void BeginProcessing()
        {
            // The configuration is read only when it decides the destination.
            Core.Configuration.HamletConfig config = string.IsNullOrEmpty(Destination) ? LoadSiteConfig(ConfigPath, required: false) : null;
            _destination = Setup(() => RetrieveSetup.Destination(string.IsNullOrEmpty(Destination) ? null : NetworkParameters.FileSystemPath(this, Destination), config),
                null, ex => ex is ArgumentException ? "DestinationRequired" : null);
        }

        protected override void ProcessRecord()
        {
            DicomPeer peer = Pacs();
            var request = new DicomRetrieveRequest
            {
                Level = RetrieveSetup.Level(string.IsNullOrEmpty(Level) ? (DicomQueryLevel?)null : (DicomQueryLevel)Enum.Parse(typeof(DicomQueryLevel), Level, ignoreCase: true),
                    SeriesInstanceUID, SOPInstanceUID),
                StudyInstanceUID = StudyInstanceUID,
                SeriesInstanceUID = SeriesInstanceUID,
                SOPInstanceUID = SOPInstanceUID,
                UseMove = string.Equals(Method, "Move", StringComparison.OrdinalIgnoreCase),
                MoveDestination = MoveDestination,
                ReceiverPort = MyInvocation.BoundParameters.ContainsKey(nameof(ReceiverPort)) ? ReceiverPort : (int?)null,
                Destination = _destination,
                Force = Force,
            };
            string what = request.Level.ToString().ToLowerInvariant() + " " + (request.Level == DicomQueryLevel.Image ? SOPInstanceUID : request.Level == DicomQueryLevel.Series ? SeriesInstanceUID : StudyInstanceUID);
            if (!ShouldProcess(_destination, "Copy " + what + " from " + peer + " with " + (request.UseMove ? "C-MOVE" : "C-GET"))) return;

            var throttle = new ProgressWriter(EmitProgress, 1, "Copy-DicomStudy " + peer);
            Exception failure = null;
            DicomRetrieveSummary summary = null;
            RunOffPipelineThread(async ct =>
            {
                try
                {
                    summary = await DicomRetriever.RetrieveAsync(peer, request,
                        new CallbackProgress<DicomRetrieveProgress>(p =>
                        {
                            int todo = p.Total - p.AlreadyPresent;
                            int done = p.Completed + p.Failed + p.Warning;
                            throttle.Report(done + " of " + todo + " instances (" + p.AlreadyPresent + " already present, " + p.Failed + " failed)", todo == 0 ? 100 : 100.0 * done / todo);
                        }),
                        f => Emit(f),
                        f => EmitError(NewError(new IOException(f.Message), f.Reason, ErrorCategory.ReadError, f.SOPInstanceUID)),
                        ct).ConfigureAwait(false);
                }
                catch (Exception ex) when (!(ex is OperationCanceledException))
                {
                    failure = ex;
                }
            });
            throttle.Complete();
            if (summary != null)
                WriteVerbose(summary.Method + " " + what + " from " + summary.Peer + ": " + summary.Instances + " instances, " + summary.AlreadyPresent + " already present, " +
                    summary.Retrieved + " retrieved, " + summary.Failed + " failed");
            if (failure == null) return;
            if (NetworkParameters.SettingsError(failure) is Core.HamletException setup)
            {
                Terminate(setup, peer.ToString());
                return;
            }
            string id = QueryRetrieveError.Classify(failure);
            if (id == null) throw failure;
            if (id == Core.ErrorIds.MoveDestinationUnknown) Terminate(failure, id, ErrorCategory.PermissionDenied, peer.ToString());
            else WriteError(NewError(failure, id, ErrorCategory.ConnectionError, peer.ToString()));
        }
    }
}
