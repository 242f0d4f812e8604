using System;
using System.Collections.Generic;
using System.Management.Automation;
using HamletPS.Core;
using HamletPS.Core.Archive;
using HamletPS.Core.Configuration;
using HamletPS.Core.Pipeline;
using HamletPS.Internal;

namespace HamletPS.Commands
{
    /// <summary>
    /// Zips protected trees (or protected files from the pipeline) into OUTGOING with a manifest, one archive for all or one per
    /// Study ID. Emits the <see cref="ArchiveResult"/> of each archive (its Path binds to Send-AzureShare).
    /// </summary>
    [Cmdlet(VerbsCommon.New, "HamletArchive", DefaultParameterSetName = PathSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(ArchiveResult))]
    public sealed class NewHamletArchiveCommand : HamletPathCmdlet
    {
        private readonly List<string> _inputs = new List<string>();

        /// <summary>Protected tree folders or protected files; wildcards allowed. A piped object without a Path (a
        /// Protect-DicomPatient result that is Planned under -WhatIf, Failed or excluded: already reported upstream) is skipped.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [AllowNull]
        [AllowEmptyString]
        [AllowEmptyCollection]
        public override string[] Path { get; set; }

        /// <summary>Protected tree folders or files taken literally; also binds DestinationPath (Protect-DicomPatient's results).</summary>
        [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = true)]
        [Alias("PSPath", "LP", "FullName", "DestinationPath")]
        [ValidateNotNullOrEmpty]
        public override string[] LiteralPath { get; set; }

        /// <summary>The folder the archives go to. Default: OUTGOING.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string Destination { get; set; }

        /// <summary>Archive name template. Default: HAMLET.ARCHIVENAME, else {SITE}_{USER}-{UUID}.zip ({STUDYID}.zip with -PerPatient).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string NameTemplate { get; set; }

        /// <summary>One archive per Study ID.</summary>
        [Parameter]
        public SwitchParameter PerPatient { get; set; }

        /// <summary>Deflate level 0-9.</summary>
        [Parameter]
        [ValidateRange(0, 9)]
        public int CompressionLevel { get; set; } = 6;

        /// <summary>Re-read every entry (CRC, manifest hashes) before the archive is renamed into place.</summary>
        [Parameter]
        public SwitchParameter Verify { get; set; }

        /// <summary>{SITE} of the name. Default: APP.SITE.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string Site { get; set; }

        /// <summary>{USER} of the name. Default: APP.USER.</summary>
        [Parameter]
        public string User { get; set; }

        /// <summary>The site secret, to check each file's protect seal; default $env:HAMLET_SITE_KEY, $env:HAMLET_FOLDERKEY, then the configuration.</summary>
        [Parameter]
        public System.Security.SecureString Key { get; set; }

        /// <summary>The configuration file. Default: $env:HAMLET_CONFIG, then config.yaml in the current folder.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string ConfigPath { get; set; }

        protected override void ProcessRecord()
        {
            if (!IsLiteralPath && (Path == null || Array.TrueForAll(Path, string.IsNullOrEmpty)))
            {
                if (MyInvocation.ExpectingInput) return; // an upstream result with no file: nothing to archive
                Terminate(new PSArgumentException("Give the protected tree or files with -Path or -LiteralPath."), "PathRequired", ErrorCategory.InvalidArgument, null);
            }
            _inputs.AddRange(ResolveInputPaths());
        }

        protected override void EndProcessing()
        {
            if (_inputs.Count == 0) return;
            HamletConfig config = LoadSiteConfig(ConfigPath, required: false);
            HamletArchiveOptions options = Setup(() => ArchiveSetup.CreateOptions(new ArchiveRequest
            {
                Destination = Destination == null ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(Destination),
                NameTemplate = NameTemplate, PerPatient = PerPatient, CompressionLevel = CompressionLevel, Verify = Verify, Site = Site, User = User,
            }, config), ConfigPath);
            char[] key = SecureStringReader.ToChars(Key);
            Func<string, ArchiveEntryInfo> describe;
            try
            {
                // Only files this site's protect step sealed go out: the seal is checked with the site secret.
                describe = Setup(() => ArchiveSetup.CreateDescriber(config, key), ConfigPath, ex =>
                    ex is InvalidOperationException || ex is ArgumentException || ex is System.IO.IOException || ex is HamletConfigException ? "SiteKeyRequired" : null);
            }
            finally
            {
                if (key != null) Array.Clear(key, 0, key.Length);
            }
            options.FileRefused = failure => EmitError(NewError(failure));
            List<ProtectedTreeSelection.Job> jobs;
            try
            {
                jobs = ProtectedTreeSelection.Plan(_inputs, describe);
            }
            catch (Exception ex)
            {
                FileFailure failure = FileFailure.Classify(null, ex);
                if (failure == null) throw;
                Terminate(ex, failure.Reason, ErrorCategory.InvalidData, null);
                return;
            }
            var builder = new HamletArchiveBuilder(options);
            RunOffPipelineThread(ct =>
            {
                var progress = new ProgressWriter(EmitProgress, 1, "Creating archive in " + options.OutputDirectory);
                foreach (ProtectedTreeSelection.Job job in jobs)
                {
                    if (!AskShouldProcess(job.Root, "Archive " + (job.Files == null ? "the protected tree" : job.Files.Count + " protected files") + " into " + options.OutputDirectory)) continue;
                    try
                    {
                        var reporter = new CallbackProgress<ArchiveProgress>(p => progress.Report(p.EntriesWritten + " of " + p.EntriesTotal + " files",
                            p.EntriesTotal > 0 ? 100.0 * p.EntriesWritten / p.EntriesTotal : -1, currentOperation: p.ArchivePath));
                        foreach (ArchiveResult result in builder.Build(job.Root, job.Describe, reporter, ct)) Emit(result);
                    }
                    catch (Exception ex) when (!(ex is OperationCanceledException))
                    {
                        FileFailure failure = FileFailure.Classify(job.Root, ex);
                        EmitError(failure != null ? NewError(failure) : NewError(ex, "ArchiveFailed", ErrorCategory.WriteError, job.Root));
                    }
                }
                progress.Complete();
                return System.Threading.Tasks.Task.CompletedTask;
            });
        }
    }
}
