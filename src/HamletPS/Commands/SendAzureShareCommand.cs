using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using HamletPS.Core.Upload;
using HamletPS.Internal;

namespace HamletPS.Commands
{
    /// <summary>
    /// Uploads files (archives) to the site's Azure Files share over HTTPS, verified (MD5 per range and for the whole file)
    /// and resumable; or, with -Destination, copies them into a mounted share or UNC path (the SMB route) through a
    /// .partial name and a hash check. One result per file.
    /// </summary>
    [Cmdlet(VerbsCommunications.Send, "AzureShare", DefaultParameterSetName = ConfigurationSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(ShareUploadResult))]
    [OutputType(typeof(SmbCopyResult), ParameterSetName = new[] { DestinationSet })]
    public sealed class SendAzureShareCommand : AzureShareCommand
    {
        private const string DestinationSet = "Destination";

        private ResolvedShare _share;
        private ShareFileSender _sender;
        private ProgressWriter _progress;

        /// <summary>Files to send; wildcards allowed. Binds the Path property of piped objects, e.g. New-HamletArchive's results.</summary>
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[] Path { get; set; }

        /// <summary>Files to send, taken literally (no wildcards); binds the FullName/PSPath of Get-ChildItem's files.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("PSPath", "LP", "FullName")]
        [ValidateNotNullOrEmpty]
        public string[] LiteralPath { get; set; }

        /// <summary>The directory inside the share (created when missing); default the share's root.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string Directory { get; set; }

        /// <summary>The SMB route: a folder on the mounted share (drive or UNC path) to copy into instead of uploading over HTTPS.</summary>
        [Parameter(Mandatory = true, ParameterSetName = DestinationSet)]
        [ValidateNotNullOrEmpty]
        public string Destination { get; set; }

        /// <summary>Replace a remote file whose content differs without asking.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>4 MiB ranges in flight at once (1–64); default UPLOAD PARALLELISM of the site configuration, else 8.</summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int MaxParallelRanges { get; set; }

        /// <summary>Folder of the resume ledgers; default state/upload-ledgers beside the configuration file, else under LOCALAPPDATA or XDG_STATE_HOME.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string LedgerPath { get; set; }

        protected override string DirectoryValue => Directory;

        private bool SmbRoute => ParameterSetName == DestinationSet;

        protected override void BeginProcessing()
        {
            if (SmbRoute)
            {
                // Declared once for every parameter set (a new way of authenticating needs no change here); refused, not ignored, here.
                RefuseParameters(HttpsOnlyParameters, "to the HTTPS upload only; with -Destination (the SMB route) the file is copied into that folder as it is", "ParameterNotValidWithDestination");
                string destination = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Destination);
                _sender = Setup(() => UploadSetup.CreateSmbSender(Request(), destination), Destination,
                    ex => ex is DirectoryNotFoundException ? "DestinationNotFound" : null, ErrorCategory.ObjectNotFound);
                _progress = new ProgressWriter(EmitProgress, 1, "Copying to " + destination);
                return;
            }
            _share = ResolveShare();
            _sender = UploadSetup.CreateSender(Request(), _share);
            _progress = new ProgressWriter(EmitProgress, 1, "Uploading to " + _share.Target);
            WriteVerbose("Sending to " + _share.Connection + " " + _share.Target + (_share.ConfigPath == null ? "" : " (configuration " + _share.ConfigPath + ")") + ".");
        }

        protected override void ProcessRecord()
        {
            bool literal = LiteralPath != null && LiteralPath.Length > 0;
            if (!literal && (Path == null || Path.Length == 0))
            {
                Terminate(new PSArgumentException("Give the files to send with -Path or -LiteralPath, or pipe them in."), "PathRequired", ErrorCategory.InvalidArgument, null);
            }
            List<string> files = PathResolver.Resolve(this, literal ? LiteralPath : Path, literal, WriteError);
            foreach (string file in files)
            {
                StopToken.ThrowIfCancellationRequested();
                if (System.IO.Directory.Exists(file))
                {
                    WriteError(new ErrorRecord(new PSArgumentException("'" + file + "' is a folder: send the archives inside it (e.g. -Path <folder>\\*.zip)."),
                        "PathIsFolder", ErrorCategory.InvalidArgument, file));
                    continue;
                }
                if (!ShouldProcess(file, (SmbRoute ? "Copy to " : "Upload to ") + _sender.Where)) continue;
                SendOne(file);
            }
        }

        protected override void EndProcessing()
        {
            _progress?.Complete();
        }

        private void SendOne(string file)
        {
            var progress = new UploadProgressReporter(_progress);
            RunOffPipelineThread(async ct =>
            {
                try
                {
                    SentShareFile sent = await _sender.SendAsync(file, progress, ct).ConfigureAwait(false);
                    if (sent.NotReplaced != null) EmitError(NotOverwritten(file, sent.NotReplaced));
                    else Emit(sent.Result);
                }
                catch (Exception ex) when (!(ex is OperationCanceledException && ct.IsCancellationRequested))
                {
                    ErrorRecord record = NewShareError(file, ex, _share);
                    if (record == null) throw;
                    EmitError(record);
                }
            });
        }

        private UploadRequest Request() => new UploadRequest
        {
            Force = Force,
            ConfirmOverwrite = remote => ConfirmReplace(Force, remote),
            MaxParallelRanges = MyInvocation.BoundParameters.ContainsKey(nameof(MaxParallelRanges)) ? MaxParallelRanges : (int?)null,
            LedgerPath = LedgerPath == null ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(LedgerPath),
        };

        internal static readonly string[] HttpsOnlyParameters = { nameof(Share), nameof(Directory), nameof(Target), nameof(MaxParallelRanges), nameof(LedgerPath) };

        private ErrorRecord NotOverwritten(string file, string remote) =>
            new ErrorRecord(new IOException("'" + remote + "' already exists with different content; it was not replaced. Use -Force to replace it (or -Confirm to be asked)."),
                "RemoteFileDiffers", ErrorCategory.ResourceExists, file);
    }
}
