using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Management.Automation;
using HamletPS.Core;
using HamletPS.Core.Inspection;
using HamletPS.Core.Network;
using HamletPS.Internal;

namespace HamletPS.Commands
{
    /// <summary>
    /// Sends DICOM files (files, folders, pipeline input) to a remote AE over one association, with per-file results and
    /// Write-Progress in files/s and MB/s. Every file the peer answered gives a SentDicomFile with its DIMSE status; every file
    /// not stored also gives a non-terminating error.
    /// </summary>
    [Cmdlet(VerbsCommunications.Send, "Dicom", DefaultParameterSetName = PathSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(SentDicomFile))]
    public sealed class SendDicomCommand : DicomSenderCmdlet
    {
        private const string PathSet = "Path";
        private const string LiteralPathSet = "LiteralPath";
        private readonly List<string> _files = new List<string>();
        private DicomPeer _peer;

        /// <summary>Files or folders; wildcards allowed.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("FullName")]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[] Path { get; set; }

        /// <summary>Files or folders taken literally.</summary>
        [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = true)]
        [Alias("PSPath", "LP")]
        [ValidateNotNullOrEmpty]
        public string[] LiteralPath { get; set; }

        /// <summary>Send the files of sub-folders too.</summary>
        [Parameter]
        public SwitchParameter Recurse { get; set; }

        /// <summary>Host name or IP address of the remote AE.</summary>
        [Parameter(Mandatory = true)]
        [Alias("CN", "HostName")]
        [ValidateNotNullOrEmpty]
        public string ComputerName { get; set; }

        [Parameter]
        [ValidateRange(1, 65535)]
        public int Port { get; set; } = DicomPeer.DefaultPort;

        /// <summary>The remote AE title.</summary>
        [Parameter]
        [Alias("CalledAE")]
        [ValidateLength(1, 16)]
        public string CalledAETitle { get; set; } = DicomPeer.DefaultCalledAETitle;

        protected override void BeginProcessing()
        {
            _peer = Peer(ComputerName, Port, CalledAETitle);
        }

        protected override void ProcessRecord()
        {
            bool literal = ParameterSetName == LiteralPathSet;
            var roots = PathResolver.Resolve(this, literal ? LiteralPath : Path, literal, WriteError);
            foreach (string file in DicomFileEnumerator.Enumerate(roots, Recurse, null))
            {
                StopToken.ThrowIfCancellationRequested();
                if (ShouldProcess(file, "Send to " + _peer)) _files.Add(file);
            }
        }

        protected override void EndProcessing()
        {
            if (_files.Count == 0) return;
            var progress = new ProgressWriter(EmitProgress, 2, "Sending DICOM to " + _peer);
            var failures = new SendFailureReport();
            try
            {
                RunOffPipelineThread(async ct =>
                {
                    await DicomSender.SendAsync(_peer, _files, new Reporter(p => OnProgress(p, progress, failures)), ct).ConfigureAwait(false);
                });
            }
            catch (Exception ex) when (NetworkParameters.SettingsError(ex) is Core.HamletException setup)
            {
                Terminate(setup, _peer.ToString());
            }
            progress.Complete();
            if (failures.SuppressedMessage != null) WriteWarning(Core.PrintableText.Escape(failures.SuppressedMessage));
        }

        private void OnProgress(DicomSendProgress p, ProgressWriter progress, SendFailureReport failures)
        {
            SentDicomFile file = p.File;
            if (file != null)
            {
                if (file.Status != null) Emit(file);
                if (!file.Success) ReportFailure(file, failures);
            }
            string status = string.Format(CultureInfo.InvariantCulture, "{0} of {1} files, {2:0.0} files/s, {3:0.0} MB/s",
                p.FilesDone, p.FilesTotal, p.FilesPerSecond, p.MegabytesPerSecond);
            progress.Report(status, p.PercentComplete, currentOperation: file?.Path, force: p.FilesDone == p.FilesTotal);
        }

        private void ReportFailure(SentDicomFile file, SendFailureReport failures)
        {
            string message = failures.MessageFor(file);
            if (message == null) return; // a peer that cannot be reached: one error, then a count
            if (file.FailureReason == "InvalidDicomFile") EmitError(NewError(new InvalidDataException(message), file.FailureReason, ErrorCategory.InvalidData, file.Path));
            else if (file.FailureReason == "DicomStoreRefused") EmitError(NewError(new IOException(message), file.FailureReason, ErrorCategory.WriteError, file.Path));
            else EmitError(NewError(new IOException(message), "DicomSendFailed", ErrorCategory.ConnectionError, file.Peer));
        }

        private sealed class Reporter : IProgress<DicomSendProgress>
        {
            private readonly Action<DicomSendProgress> _action;

            public Reporter(Action<DicomSendProgress> action) => _action = action;

            public void Report(DicomSendProgress value) => _action(value);
        }
    }
}
