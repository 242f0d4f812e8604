using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using HamletPS.Cli.JsonLines;
using HamletPS.Core;
using HamletPS.Core.Upload;

namespace HamletPS.Cli.Verbs
{
    /// <summary>`hamlet send-azure`: Send-AzureShare for the command line.</summary>
    public static class SendAzureVerb
    {
        public const string CmdletName = "Send-AzureShare";

        /// <summary>What `hamlet send-azure` was asked to do (everything but the connection).</summary>
        public sealed class Arguments
        {
            public string[] Paths { get; set; }
            public ShareConnectionRequest Connection { get; set; } = new ShareConnectionRequest();
            public string Destination { get; set; }
            public bool Force { get; set; }
            public int? MaxParallelRanges { get; set; }
            public string LedgerPath { get; set; }
            public bool WhatIf { get; set; }
            public bool Json { get; set; }
        }

        public static Command Create()
        {
            var path = new Argument<string[]>("path") { Description = "Files to send (shell wildcards expand them).", Arity = ArgumentArity.OneOrMore };
            var share = new Option<string>("--share") { Description = "File share (default: the configuration's AZURE SHARENAME)." };
            var directory = new Option<string>("--directory") { Description = "Directory inside the share, created when missing." };
            var target = new Option<string>("--target") { Description = "share/dir in one value." };
            var destination = new Option<string>("--destination") { Description = "SMB route: copy into this folder of the mounted share instead of uploading over HTTPS." };
            var force = new Option<bool>("--force") { Description = "Replace a remote file whose content differs." };
            var parallel = new Option<int?>("--max-parallel-ranges") { Description = "4 MiB ranges in flight (1-64; default UPLOAD PARALLELISM or 8)." };
            var ledger = new Option<string>("--ledger-path") { Description = "Folder of the resume ledgers." };
            var whatIf = new Option<bool>("--what-if") { Description = "Show what would be sent, send nothing." };
            var json = new Option<bool>("--json") { Description = "One JSON object per file." };
            var shareOptions = new ShareOptions();
            var command = new Command("send-azure", "Upload archives to the site's Azure Files share, verified and resumable (Send-AzureShare).")
            {
                path, share, directory, target, destination, force, parallel, ledger, whatIf, json,
            };
            shareOptions.AddTo(command);
            command.SetAction((parse, ct) => Task.FromResult(Run(new Arguments
            {
                Paths = parse.GetValue(path),
                Connection = shareOptions.Build(parse, parse.GetValue(share), parse.GetValue(directory), parse.GetValue(target)),
                Destination = parse.GetValue(destination),
                Force = parse.GetValue(force),
                MaxParallelRanges = parse.GetValue(parallel),
                LedgerPath = parse.GetValue(ledger),
                WhatIf = parse.GetValue(whatIf),
                Json = parse.GetValue(json),
            }, CliOutput.Console, ProgressLine.ForConsole(), ct)));
            return command;
        }

        /// <summary>Sends every file; exit code 0 when all were sent or skipped, 1 when any failed, 2 for usage/configuration errors.</summary>
        public static int Run(Arguments a, CliOutput output, IProgress<UploadProgress> progress, CancellationToken cancellationToken = default)
        {
            ResolvedShare share = null;
            try
            {
                List<string> files = ExistingFiles(a.Paths, output);
                var request = new UploadRequest { Force = a.Force, MaxParallelRanges = a.MaxParallelRanges, LedgerPath = a.LedgerPath };
                ShareFileSender sender;
                if (a.Destination != null)
                {
                    try
                    {
                        sender = UploadSetup.CreateSmbSender(request, a.Destination);
                    }
                    catch (HamletException ex)
                    {
                        return output.Failure(ex); // DestinationNotFound
                    }
                }
                else
                {
                    share = ShareConnectionResolver.Resolve(a.Connection);
                    sender = UploadSetup.CreateSender(request, share, a.Connection.Environment);
                }
                foreach (string file in files)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (a.WhatIf) { output.Line("What if: " + (sender.IsSmbRoute ? "copy " : "upload ") + file + " to " + sender.Where); continue; }
                    Send(file, share, output, async () =>
                    {
                        SentShareFile sent = await sender.SendAsync(file, progress, cancellationToken).ConfigureAwait(false);
                        if (sent.NotReplaced != null) NotOverwritten(output, sent.NotReplaced);
                        else if (sent.Uploaded is ShareUploadResult r)
                            Write(output, a.Json, r.Status.ToString(), r.Name, r.Uri.ToString(), r.Bytes, r.Md5Base64, r.Duration, r.MegabytesPerSecond,
                                () => output.Json(ShareUploadLine.From(r), CliJsonContext.Relaxed.ShareUploadLine));
                        else if (sent.Copied is SmbCopyResult c)
                            Write(output, a.Json, c.Status.ToString(), c.Name, c.DestinationPath, c.Bytes, c.Md5Base64, c.Duration, c.MegabytesPerSecond,
                                () => output.Json(SmbCopyLine.From(c), CliJsonContext.Relaxed.SmbCopyLine));
                    });
                }
                return output.ExitCode;
            }
            catch (HamletException ex) when (ex.IsSetup)
            {
                return output.Failure(ex); // NoStorageCredentials, ConfigNotFound, …
            }
            catch (ArgumentException ex)
            {
                output.Failure(ErrorIds.InvalidArgument, share == null ? SecretRedactor.Redact(ex.Message) : share.Redact(ex.Message));
                return 2;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                output.Failure(ErrorIds.Cancelled, "Stopped; the resume ledger is kept: run the same command again to send only what is missing.");
                return 130;
            }
        }

        private static void Send(string file, ResolvedShare share, CliOutput output, Func<Task> work)
        {
            try
            {
                work().GetAwaiter().GetResult();
            }
            catch (Exception ex) when (!(ex is OperationCanceledException))
            {
                ShareFailure failure = ShareFailure.Classify(file, ex);
                if (failure != null) { output.Failure(failure.Reason, share == null ? failure.Message : share.Redact(failure.Message)); return; }
                FileFailure fileFailure = FileFailure.Classify(file, ex);
                if (fileFailure == null) throw;
                output.Failure(fileFailure);
            }
        }

        private static void NotOverwritten(CliOutput output, string remote) =>
            output.Failure("RemoteFileDiffers", "'" + remote + "' already exists with different content; it was not replaced (use --force to replace it).");

        private static void Write(CliOutput output, bool json, string status, string name, string where, long bytes, string md5, TimeSpan duration, double mbps, Action writeJson)
        {
            if (json) { writeJson(); return; }
            output.Line(string.Join("  ", status, name, bytes.ToString(System.Globalization.CultureInfo.InvariantCulture) + " bytes",
                "md5 " + md5, mbps.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + " MB/s", duration.ToString("hh\\:mm\\:ss\\.f"), where));
        }

        private static List<string> ExistingFiles(IEnumerable<string> paths, CliOutput output)
        {
            var files = new List<string>();
            foreach (string p in paths ?? Enumerable.Empty<string>())
            {
                if (File.Exists(p)) files.Add(Path.GetFullPath(p));
                else if (Directory.Exists(p)) output.Failure("PathIsFolder", "'" + p + "' is a folder: send the archives inside it.");
                else output.Failure("PathNotFound", "Cannot find path '" + p + "' because it does not exist.");
            }
            return files;
        }
    }
}
