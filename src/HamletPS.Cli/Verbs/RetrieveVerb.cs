using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Threading;
using HamletPS.Core;
using HamletPS.Cli.JsonLines;
using HamletPS.Core.Configuration;
using HamletPS.Core.Network;
using HamletPS.Core.Pipeline;
using HamletPS.Core.Retrieve;

namespace HamletPS.Cli.Verbs
{
    /// <summary>
    /// `hamlet retrieve`: Copy-DicomStudy for the command line. Copies a study, series or instance from a PACS into the incoming
    /// folder (C-GET, or C-MOVE with --method move), fetching only what is not there yet. Exit code 0 when everything arrived,
    /// 1 when an instance or the PACS failed, 2 for bad settings (and for a move the PACS refuses: its configuration must change).
    /// </summary>
    public static class RetrieveVerb
    {
        public const string CmdletName = "Copy-DicomStudy";

        public static Command Create()
        {
            var computerName = new Argument<string>("computer-name") { Description = "Host name or IP address of the PACS." };
            var peerOptions = new PeerOptionSet();
            var study = new Option<string>("--study-instance-uid") { Description = "Study Instance UID to copy.", Required = true };
            var series = new Option<string>("--series-instance-uid") { Description = "Copy only this series." };
            var sop = new Option<string>("--sop-instance-uid") { Description = "Copy only this instance (with --series-instance-uid)." };
            var level = new Option<DicomQueryLevel?>("--level") { Description = "Study, Series or Image (default: the deepest UID given)." };
            var method = new Option<string>("--method") { Description = "get (C-GET, default) or move (C-MOVE to --move-destination).", DefaultValueFactory = _ => "get" };
            method.AcceptOnlyFromAmong("get", "move", "Get", "Move");
            var moveDestination = new Option<string>("--move-destination") { Description = "C-MOVE: the AE title the PACS sends to (default: --calling-ae-title)." };
            var receiverPort = new Option<int?>("--receiver-port") { Description = "C-MOVE: run a receiver on this port for the move (else a running receiver must write to --destination); with TLS it serves --certificate-path." };
            var destination = new Option<string>("--destination") { Description = "Folder the files land in (default: DATAPATH.INCOMING of the site configuration)." };
            var force = new Option<bool>("--force") { Description = "Fetch instances already present again." };
            var config = new Option<string>("--config-path") { Description = "The site configuration file (default: $HAMLET_CONFIG, else config.yaml here)." };
            var whatIf = new Option<bool>("--what-if") { Description = "Show what would be copied where; copy nothing." };
            var json = new Option<bool>("--json") { Description = "One JSON object per file, then the summary." };
            var command = new Command("retrieve", "Copy a study from a PACS into the incoming folder with C-GET or C-MOVE (Copy-DicomStudy).")
            {
                computerName, study, series, sop, level, method, moveDestination, receiverPort, destination, force, config, whatIf, json,
            };
            peerOptions.AddTo(command, parse => parse.GetValue(computerName), (parse, peer, token) =>
            {
                string folder;
                try
                {
                    folder = ResolveDestination(parse.GetValue(destination), parse.GetValue(config), Directory.GetCurrentDirectory());
                }
                catch (Exception ex) when (SetupError.Classify(ex, ErrorIds.InvalidConfiguration) is HamletException setup)
                {
                    return CliOutput.Console.Failure(setup); // ConfigNotFound, InvalidConfiguration, DestinationRequired
                }
                string seriesUid = parse.GetValue(series), sopUid = parse.GetValue(sop);
                var request = new DicomRetrieveRequest
                {
                    Level = RetrieveSetup.Level(parse.GetValue(level), seriesUid, sopUid),
                    StudyInstanceUID = parse.GetValue(study),
                    SeriesInstanceUID = seriesUid,
                    SOPInstanceUID = sopUid,
                    UseMove = string.Equals(parse.GetValue(method), "move", StringComparison.OrdinalIgnoreCase),
                    MoveDestination = parse.GetValue(moveDestination),
                    ReceiverPort = parse.GetValue(receiverPort),
                    Destination = folder,
                    Force = parse.GetValue(force),
                };
                if (parse.GetValue(whatIf))
                {
                    CliOutput.Console.Line("What if: copy " + request.Level.ToString().ToLowerInvariant() + " " + request.StudyInstanceUID + " from " + peer + " with " + (request.UseMove ? "C-MOVE" : "C-GET") + " into " + folder);
                    return 0;
                }
                return Run(peer, request, parse.GetValue(json), CliOutput.Console, token);
            });
            return command;
        }

        /// <summary>The given folder, else the site configuration's DATAPATH.INCOMING.</summary>
        public static string ResolveDestination(string destination, string configPath, string currentDirectory)
        {
            if (!string.IsNullOrEmpty(destination)) return RetrieveSetup.Destination(Path.Combine(currentDirectory, destination), null);
            return RetrieveSetup.Destination(null, WorkflowConfiguration.LoadOrNull(configPath, currentDirectory));
        }

        public static int Run(DicomPeer peer, DicomRetrieveRequest request, bool json, CliOutput output, CancellationToken cancellationToken)
        {
            var gate = new object();
            try
            {
                DicomRetrieveSummary summary = DicomRetriever.RetrieveAsync(peer, request, null,
                    f => { lock (gate) { if (json) output.Json(f, CliJsonContext.Relaxed.ReceivedDicomFile); else output.Line("RCV: " + Path.GetFileName(f.Path)); } },
                    f => { lock (gate) output.Failure(f.Reason, f.Message); },
                    cancellationToken).GetAwaiter().GetResult();
                if (json) output.Json(summary, CliJsonContext.Relaxed.DicomRetrieveSummary);
                else
                    output.Line(summary.Method + " " + summary.Level.ToLowerInvariant() + " " + (summary.SeriesInstanceUID ?? summary.StudyInstanceUID) + " from " + summary.Peer + ": " +
                        summary.Instances.ToString(CultureInfo.InvariantCulture) + " instances, " + summary.AlreadyPresent.ToString(CultureInfo.InvariantCulture) + " already present, " +
                        summary.Retrieved.ToString(CultureInfo.InvariantCulture) + " retrieved, " + summary.Failed.ToString(CultureInfo.InvariantCulture) + " failed");
            }
            catch (OperationCanceledException)
            {
                return 1;
            }
            catch (Exception ex) when (NetworkOptions.SettingsError(ex) is HamletException setup)
            {
                return output.Failure(setup);
            }
            catch (Exception ex) when (QueryRetrieveError.Classify(ex) != null)
            {
                string id = QueryRetrieveError.Classify(ex);
                output.Failure(id, ex.Message);
                if (id == ErrorIds.MoveDestinationUnknown) return 2;
            }
            return output.ExitCode;
        }
    }
}
