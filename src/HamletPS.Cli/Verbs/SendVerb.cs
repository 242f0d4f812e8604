using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.Linq;
using System.Threading;
using HamletPS.Core;
using HamletPS.Cli.JsonLines;
using HamletPS.Core.Inspection;
using HamletPS.Core.Network;

namespace HamletPS.Cli.Verbs
{
    /// <summary>`hamlet send`: Send-Dicom for the command line. One line (or JSON object) per file; exit code 1 when any file was not stored.</summary>
    public static class SendVerb
    {
        public const string CmdletName = "Send-Dicom";

        public static Command Create()
        {
            var path = new Argument<string[]>("path") { Description = "Files or folders to send.", Arity = ArgumentArity.OneOrMore };
            var recurse = new Option<bool>("--recurse", "-r") { Description = "Send the files of sub-folders too." };
            var computerName = new Option<string>("--computer-name") { Description = "Host name or IP address of the remote AE.", Required = true };
            var peerOptions = new PeerOptionSet();
            var whatIf = new Option<bool>("--what-if") { Description = "List the files that would be sent; send nothing." };
            var json = new Option<bool>("--json") { Description = "One JSON object per file." };
            var command = new Command("send", "Send DICOM files to another DICOM node (Send-Dicom).")
            {
                path, recurse, computerName, whatIf, json,
            };
            peerOptions.AddTo(command, parse => parse.GetValue(computerName), (parse, peer, token) =>
                Run(parse.GetValue(path), parse.GetValue(recurse), peer, parse.GetValue(whatIf), parse.GetValue(json), CliOutput.Console, token));
            return command;
        }

        public static int Run(string[] paths, bool recurse, DicomPeer peer, bool whatIf, bool json, CliOutput output, CancellationToken cancellationToken)
        {
            List<string> files;
            try
            {
                files = DicomFileEnumerator.Enumerate(paths, recurse).ToList();
            }
            catch (System.IO.FileNotFoundException ex)
            {
                output.Failure("PathNotFound", ex.Message);
                return output.ExitCode;
            }
            if (whatIf)
            {
                foreach (string file in files) output.Line("What if: send " + file + " to " + peer);
                return output.ExitCode;
            }
            if (files.Count == 0) return output.ExitCode;
            var failures = new SendFailureReport();
            DicomSendProgress last = null;
            var progress = new Reporter(p =>
            {
                last = p;
                SentDicomFile f = p.File;
                if (f == null) return;
                if (f.Status != null)
                {
                    if (json) output.Json(f, CliJsonContext.Relaxed.SentDicomFile);
                    else output.Line(f.Status + "  " + f.StatusText + "  " + f.Path);
                }
                if (f.Success) return;
                string message = failures.MessageFor(f);
                if (message != null) output.Failure(f.FailureReason == "InvalidDicomFile" || f.FailureReason == "DicomStoreRefused" ? f.FailureReason : "DicomSendFailed", message);
            });
            try
            {
                DicomSender.SendAsync(peer, files, progress, cancellationToken).GetAwaiter().GetResult();
            }
            catch (OperationCanceledException)
            {
                output.Failure("Cancelled", "stopped before every file was sent");
                return output.ExitCode;
            }
            catch (Exception ex) when (NetworkOptions.SettingsError(ex) is HamletException setup)
            {
                return output.Failure(setup);
            }
            if (failures.SuppressedMessage != null) output.Warning(failures.SuppressedMessage);
            if (last != null && !json)
            {
                output.Line(string.Format(CultureInfo.InvariantCulture, "Sent {0} files in {1:0.0} s ({2:0.0} files/s, {3:0.0} MB/s)",
                    last.FilesDone, last.Elapsed.TotalSeconds, last.FilesPerSecond, last.MegabytesPerSecond));
            }
            return output.ExitCode;
        }

        private sealed class Reporter : IProgress<DicomSendProgress>
        {
            private readonly Action<DicomSendProgress> _action;

            public Reporter(Action<DicomSendProgress> action) => _action = action;

            public void Report(DicomSendProgress value) => _action(value);
        }
    }
}
