using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Management.Automation;
using System.Threading;
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
        private ShareUploader _uploader;
        private SmbRouteCopier _copier;
        private string _destination;
        private ProgressWriter _progress;
        private readonly object _progressGate = new object();

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

        /// <summary>The share, e.g. cambridge-incoming; default AZURE SHARENAME of the site configuration or the SAS URL's share. HTTPS route only (like -Directory, -Target, -MaxParallelRanges and -LedgerPath): refused with -Destination.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string Share { get; set; }

        /// <summary>The directory inside the share (created when missing); default the share's root.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string Directory { get; set; }

        /// <summary>"share/directory" in one value, instead of -Share and -Directory.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string Target { get; set; }

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

        protected override string ShareValue => Share;
        protected override string DirectoryValue => Directory;
        protected override string TargetValue => Target;

        private bool SmbRoute => ParameterSetName == DestinationSet;

        private string Where => SmbRoute ? _destination : _share.Target.ToString();

        protected override void BeginProcessing()
        {
            if (SmbRoute)
            {
                RefuseHttpsOnlyParameters();
                _destination = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Destination);
                if (!System.IO.Directory.Exists(_destination))
                {
                    Terminate(new DirectoryNotFoundException("The destination folder '" + _destination + "' does not exist or the share is not mounted (Mount-HamletShare mounts it)."),
                        "DestinationNotFound", ErrorCategory.ObjectNotFound, Destination);
                }
                _copier = new SmbRouteCopier(new SmbCopyOptions { Force = Force, ConfirmOverwrite = ConfirmOverwrite });
                _progress = new ProgressWriter(EmitProgress, 1, "Copying to " + _destination);
                return;
            }
            _share = ResolveShare();
            var options = new ShareUploadOptions
            {
                Force = Force,
                ConfirmOverwrite = ConfirmOverwrite,
                LedgerFolder = LedgerPath != null
                    ? SessionState.Path.GetUnresolvedProviderPathFromPSPath(LedgerPath)
                    : ShareConnectionResolver.DefaultLedgerFolder(_share.ConfigPath),
            };
            if (_share.Config != null)
            {
                options.MaxParallelRanges = _share.Config.Upload.Parallelism;
                options.RangeSize = _share.Config.Upload.RangeSize;
                options.MaxAttemptsPerRange = Math.Max(1, _share.Config.Upload.Retries);
            }
            if (MyInvocation.BoundParameters.ContainsKey(nameof(MaxParallelRanges))) options.MaxParallelRanges = MaxParallelRanges;
            _uploader = new ShareUploader(_share.Connection, _share.Target, options);
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
                if (!ShouldProcess(file, (SmbRoute ? "Copy to " : "Upload to ") + Where)) continue;
                SendOne(file);
            }
        }

        protected override void EndProcessing()
        {
            _progress?.Complete();
        }

        private void SendOne(string file)
        {
            var progress = new Reporter(this);
            RunOffPipelineThread(async ct =>
            {
                try
                {
                    if (SmbRoute)
                    {
                        SmbCopyResult copied = await _copier.CopyAsync(file, _destination, null, progress, ct).ConfigureAwait(false);
                        if (copied.Status == SmbCopyStatus.NotOverwritten) EmitError(NotOverwritten(file, copied.DestinationPath));
                        else Emit(copied);
                    }
                    else
                    {
                        ShareUploadResult result = await _uploader.UploadFileAsync(file, null, progress, ct).ConfigureAwait(false);
                        if (result.Status == ShareUploadStatus.NotOverwritten) EmitError(NotOverwritten(file, _share.Target.ShareName + "/" + result.RemotePath));
                        else Emit(result);
                    }
                }
                catch (Exception ex) when (!(ex is OperationCanceledException && ct.IsCancellationRequested))
                {
                    ErrorRecord record = NewShareError(file, ex, _share);
                    if (record == null) throw;
                    EmitError(record);
                }
            });
        }

        /// <summary>
        /// The HTTPS route's parameters are declared once for every parameter set (so a new way of authenticating needs no
        /// change here); the SMB route (-Destination) refuses them instead of ignoring them.
        /// </summary>
        private void RefuseHttpsOnlyParameters()
        {
            var given = new List<string>();
            foreach (string name in HttpsOnlyParameters)
                if (MyInvocation.BoundParameters.ContainsKey(name)) given.Add("-" + name);
            if (given.Count == 0) return;
            Terminate(new PSArgumentException(string.Join(", ", given) + (given.Count == 1 ? " applies" : " apply") +
                    " to the HTTPS upload only; with -Destination (the SMB route) the file is copied into that folder as it is."),
                "ParameterNotValidWithDestination", ErrorCategory.InvalidArgument, string.Join(",", given));
        }

        internal static readonly string[] HttpsOnlyParameters = { nameof(Share), nameof(Directory), nameof(Target), nameof(MaxParallelRanges), nameof(LedgerPath) };

        private ErrorRecord NotOverwritten(string file, string remote) =>
            new ErrorRecord(new IOException("'" + remote + "' already exists with different content; it was not replaced. Use -Force to replace it (or -Confirm to be asked)."),
                "RemoteFileDiffers", ErrorCategory.ResourceExists, file);

        /// <summary>Asked from the worker when the remote file differs: -Force replaces; -Confirm asks; otherwise it is left alone.</summary>
        private bool ConfirmOverwrite(string remote)
        {
            if (Force) return true;
            if (!MyInvocation.BoundParameters.TryGetValue("Confirm", out object confirm) || !((SwitchParameter)confirm).IsPresent) return false;
            return AskShouldProcess(remote, "Overwrite (the existing file has different content)");
        }

        private void Report(UploadProgress p)
        {
            string status = p.Name + ": " + Megabytes(p.BytesDone) + " of " + Megabytes(p.TotalBytes) + " MB, " +
                            p.MegabytesPerSecond.ToString("0.0", CultureInfo.InvariantCulture) + " MB/s" +
                            (p.Eta.HasValue && !p.Completed ? ", ETA " + FormatEta(p.Eta.Value) : "");
            int seconds = p.Eta.HasValue ? (int)Math.Min(int.MaxValue, Math.Ceiling(p.Eta.Value.TotalSeconds)) : -1;
            lock (_progressGate) _progress.Report(status, p.PercentComplete, seconds, force: p.Completed);
        }

        internal static string Megabytes(long bytes) => (bytes / 1e6).ToString("0.0", CultureInfo.InvariantCulture);

        internal static string FormatEta(TimeSpan eta) =>
            eta.TotalHours >= 1 ? ((int)eta.TotalHours).ToString(CultureInfo.InvariantCulture) + eta.ToString("\\:mm\\:ss", CultureInfo.InvariantCulture)
                                : eta.ToString("m\\:ss", CultureInfo.InvariantCulture);

        /// <summary>Core reports from worker threads; records go to the pipeline thread through EmitProgress (marshalled).</summary>
        private sealed class Reporter : IProgress<UploadProgress>
        {
            private readonly SendAzureShareCommand _owner;
            public Reporter(SendAzureShareCommand owner) => _owner = owner;
            public void Report(UploadProgress value) => _owner.Report(value);
        }
    }
}
