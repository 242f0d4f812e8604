using System;
using System.CommandLine;
using System.Globalization;
using System.Threading;
using HamletPS.Core;
using HamletPS.Cli.JsonLines;
using HamletPS.Core.Network;

namespace HamletPS.Cli.Verbs
{
    /// <summary>`hamlet echo`: Test-DicomEcho for the command line. Exit code 0 when the peer answered, 1 when not, 2 for bad settings.</summary>
    public static class EchoVerb
    {
        public const string CmdletName = "Test-DicomEcho";

        public static Command Create()
        {
            var computerName = new Argument<string>("computer-name") { Description = "Host name or IP address of the remote AE." };
            var peerOptions = new PeerOptionSet();
            var quiet = new Option<bool>("--quiet", "-q") { Description = "Print nothing; the exit code tells (0 answered, 1 not)." };
            var json = new Option<bool>("--json") { Description = "Print the result as one JSON object." };
            var command = new Command("echo", "Check that a DICOM node answers a C-ECHO, with the round-trip time (Test-DicomEcho).")
            {
                computerName, quiet, json,
            };
            peerOptions.AddTo(command, parse => parse.GetValue(computerName), (parse, peer, token) =>
                Run(peer, parse.GetValue(quiet), parse.GetValue(json), CliOutput.Console, token));
            return command;
        }

        public static int Run(DicomPeer peer, bool quiet, bool json, CliOutput output, CancellationToken cancellationToken)
        {
            DicomEchoResult result;
            try
            {
                result = DicomEchoTester.EchoAsync(peer, cancellationToken).GetAwaiter().GetResult();
            }
            catch (OperationCanceledException)
            {
                return 1;
            }
            catch (Exception ex) when (NetworkOptions.SettingsError(ex) is HamletException setup)
            {
                return output.Failure(setup);
            }
            if (quiet) return result.Success ? 0 : 1;
            if (json) output.Json(result, CliJsonContext.Relaxed.DicomEchoResult);
            else if (result.Success)
                output.Line("C-ECHO " + result.Peer + ": success, round trip " + result.RoundTripMilliseconds.ToString("0.0", CultureInfo.InvariantCulture) + " ms");
            if (!result.Success) output.Failure("DicomEchoFailed", "C-ECHO to " + result.Peer + " failed: " + result.Error);
            return output.ExitCode;
        }
    }
}
