using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using HamletPS.Cli.JsonLines;
using HamletPS.Core;
using HamletPS.Core.Configuration;
using HamletPS.Core.Heartbeat;

namespace HamletPS.Cli.Verbs
{
    /// <summary>
    /// `hamlet heartbeat`: Test-HamletService for the command line and for monitoring. Exit code 0 when no check failed, 1 when
    /// one did (its error line names the peer), 2 when the configuration cannot be used (no check ran).
    /// </summary>
    public static class HeartbeatVerb
    {
        public const string CmdletName = "Test-HamletService";

        public sealed class Arguments
        {
            public string ConfigPath { get; set; }
            public IList<string> Check { get; set; }
            public int TimeoutSeconds { get; set; } = HeartbeatSetup.DefaultTimeoutSeconds;
            public bool Quiet { get; set; }
            public bool Json { get; set; }

            /// <summary>Environment lookup (tests pass their own); default the process environment.</summary>
            public Func<string, string> Environment { get; set; }
        }

        public static Command Create()
        {
            var config = new Option<string>("--config-path", "--config") { Description = "config.yaml (default: $HAMLET_CONFIG, then ./config.yaml)." };
            var check = new Option<string[]>("--check") { Description = "Only these checks: Pacs, Receiver, Incoming, Share (case ignored; default: every configured one).", AllowMultipleArgumentsPerToken = true };
            var timeout = new Option<int>("--timeout-seconds") { Description = "Seconds each check may take (1-600).", DefaultValueFactory = _ => HeartbeatSetup.DefaultTimeoutSeconds };
            var quiet = new Option<bool>("--quiet", "-q") { Description = "Print nothing; the exit code tells (0 all answered, 1 a check failed, 2 bad configuration)." };
            var json = new Option<bool>("--json") { Description = "One JSON object per check." };
            var command = new Command("heartbeat", "Check the configured PACS, our own receiver, its incoming folder and the share in one step, with an exit code for monitoring (Test-HamletService).")
                { config, check, timeout, quiet, json };
            command.SetAction((parse, ct) => Task.FromResult(Run(new Arguments
            {
                ConfigPath = parse.GetValue(config), Check = parse.GetValue(check), TimeoutSeconds = parse.GetValue(timeout),
                Quiet = parse.GetValue(quiet), Json = parse.GetValue(json),
            }, CliOutput.Console, ct)));
            return command;
        }

        public static int Run(Arguments args, CliOutput output, CancellationToken cancellationToken = default)
        {
            HeartbeatOptions options;
            try
            {
                HamletConfig config = WorkflowConfiguration.LoadOrNull(args.ConfigPath, Directory.GetCurrentDirectory(), args.Environment)
                    ?? throw new HamletException(ErrorIds.ConfigNotFound, "No configuration file found: the heartbeat checks what it names.", null,
                        "Pass {ConfigPath}, set $HAMLET_CONFIG, or run in the folder of config.yaml.");
                options = HeartbeatSetup.CreateOptions(new HeartbeatRequest
                {
                    Checks = args.Check, TimeoutSeconds = args.TimeoutSeconds, CurrentDirectory = Directory.GetCurrentDirectory(), Environment = args.Environment,
                }, config);
            }
            catch (Exception ex) when (SetupError.Classify(ex, ErrorIds.InvalidConfiguration) is HamletException setup)
            {
                if (!args.Quiet) output.Failure(setup);
                return ServiceHeartbeat.ExitBadConfiguration;
            }
            IReadOnlyList<HeartbeatResult> results;
            try
            {
                results = ServiceHeartbeat.RunAsync(options, cancellationToken).GetAwaiter().GetResult();
            }
            catch (OperationCanceledException)
            {
                if (!args.Quiet) output.Failure(ErrorIds.Cancelled, "the heartbeat was cancelled");
                return ServiceHeartbeat.ExitCheckFailed;
            }
            if (!args.Quiet)
            {
                foreach (HeartbeatResult r in results)
                {
                    if (args.Json) output.Json(r, CliJsonContext.Relaxed.HeartbeatResult);
                    else output.Line(Describe(r));
                }
                foreach (HeartbeatResult r in results)
                    if (!r.Ok) output.Failure(r.ErrorId, r.Reason);
            }
            return ServiceHeartbeat.ExitCode(results);
        }

        /// <summary>"ok      Pacs      QRSCP@pacs01:104  12.3 ms", or the status and the reason.</summary>
        private static string Describe(HeartbeatResult r)
        {
            string latency = r.LatencyMilliseconds.HasValue ? r.LatencyMilliseconds.Value.ToString("0.0", CultureInfo.InvariantCulture) + " ms" : "-";
            string line = (r.Status == HeartbeatStatus.Passed ? "ok" : r.Status == HeartbeatStatus.Failed ? "FAILED" : "skipped").PadRight(8) +
                r.Name.PadRight(10) + r.Target + "  " + latency;
            return r.Status == HeartbeatStatus.Skipped ? line + "  (" + r.Reason + ")" : line;
        }
    }
}
