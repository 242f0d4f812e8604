using System;
using System.CommandLine;
using System.IO;
using System.Threading;
using HamletPS.Cli.JsonLines;
using HamletPS.Core;
using HamletPS.Core.Configuration;
using HamletPS.Core.Pipeline;
using HamletPS.Core.Sorting;

namespace HamletPS.Cli.Verbs
{
    /// <summary>`hamlet process`: Invoke-HamletPipeline for the command line (the old tool's "Process data" button).</summary>
    public static class ProcessVerb
    {
        public const string CmdletName = "Invoke-HamletPipeline";

        public sealed class Arguments
        {
            public string ConfigPath { get; set; }
            public bool PerPatient { get; set; }
            public int CompressionLevel { get; set; } = 6;
            public int SettleSeconds { get; set; } = DicomSortOptions.DefaultSettleSeconds;
            public bool WhatIf { get; set; }
            public bool Json { get; set; }
        }

        public static Command Create()
        {
            var config = new Option<string>("--config-path", "--config") { Description = "config.yaml (default: $HAMLET_CONFIG, then ./config.yaml)." };
            var perPatient = new Option<bool>("--per-patient") { Description = "One archive per Study ID." };
            var level = new Option<int>("--compression-level") { Description = "Deflate level 0-9 (0 = store).", DefaultValueFactory = _ => 6 };
            var settle = new Option<int>("--settle-seconds") { Description = "Leave files changed less than this many seconds ago for the next run.", DefaultValueFactory = _ => DicomSortOptions.DefaultSettleSeconds };
            var whatIf = new Option<bool>("--what-if") { Description = "Say what would be processed; change nothing." };
            var json = new Option<bool>("--json") { Description = "Print the summary as one JSON object (steps go to standard error)." };
            var command = new Command("process", "Sort, protect, check and archive in one step, like the old tool's Process data (Invoke-HamletPipeline).")
                { config, perPatient, level, settle, whatIf, json };
            command.SetAction((parse, ct) =>
            {
                // Ctrl-C and SIGTERM cancel ct; ShutdownSignal adds SIGHUP (the console window closed).
                using var signal = new ShutdownSignal();
                using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct, signal.Token);
                return System.Threading.Tasks.Task.FromResult(Run(new Arguments
                {
                    ConfigPath = parse.GetValue(config), PerPatient = parse.GetValue(perPatient), CompressionLevel = parse.GetValue(level),
                    SettleSeconds = parse.GetValue(settle), WhatIf = parse.GetValue(whatIf), Json = parse.GetValue(json),
                }, CliOutput.Console, stop.Token));
            });
            return command;
        }

        public static int Run(Arguments args, CliOutput output, CancellationToken cancellationToken = default)
        {
            HamletPipelineOptions options;
            HamletConfig config;
            try
            {
                config = WorkflowConfiguration.LoadOrNull(args.ConfigPath, Directory.GetCurrentDirectory())
                    ?? throw new FileNotFoundException("No configuration file found: pass --config-path, set $HAMLET_CONFIG, or run in the folder of config.yaml.");
                options = HamletPipelineOptions.FromConfig(config);
                options.PerPatient = args.PerPatient;
                options.CompressionLevel = args.CompressionLevel;
                options.SettleTime = TimeSpan.FromSeconds(args.SettleSeconds);
            }
            catch (Exception ex) when (SetupError.Classify(ex, ErrorIds.ConfigurationMissing) is HamletException setup)
            {
                // Ours name no patient value; a BCL message (a sorted path may hold a Patient ID) only through SafeMessage.
                output.Failure(setup.ErrorId, ReferenceEquals(setup, ex) || ex is ArgumentException ? CliOutput.Describe(setup) : HamletPipeline.SafeMessage(ex));
                return 2;
            }
            catch (Exception ex) when (!(ex is OutOfMemoryException))
            {
                output.Failure(ErrorIds.InvalidConfiguration, HamletPipeline.SafeMessage(ex));
                return 2;
            }
            if (args.WhatIf)
            {
                output.Line("What if: process " + options.Incoming + " into " + options.Sorted + " and an archive in " + options.Outgoing);
                return 0;
            }
            var steps = new Immediate<string>(line => { if (args.Json) output.Warning(line); else output.Line(line); });
            var failures = new Immediate<FileFailure>(output.Failure);
            if (config.Pacs.IsConfigured && !Pull(config, steps, output, cancellationToken)) return output.ExitCode;
            try
            {
                PipelineSummary summary = new HamletPipeline(options).Run(steps, failures, cancellationToken);
                if (args.Json) output.Json(ProcessSummaryLine.From(summary), CliJsonContext.Relaxed.ProcessSummaryLine);
            }
            catch (OperationCanceledException)
            {
                output.Failure(ErrorIds.Cancelled, "processing was cancelled; the next run resumes it");
                return 1;
            }
            catch (HamletException ex) when (ex.IsSetup)
            {
                output.Failure(ex.ErrorId, CliOutput.Describe(ex) + " (nothing was moved)"); // InvalidPipelineSettings
                return 2;
            }
            catch (Exception ex) when (FileFailure.Classify(null, ex) != null || ex is InvalidOperationException)
            {
                output.Failure("PipelineFailed", HamletPipeline.SafeMessage(ex) + " (the next run resumes this one)");
                return 1;
            }
            catch (Exception ex) when (!(ex is OutOfMemoryException))
            {
                // Not ours to describe: its message may name a sorted path (which holds a Patient ID) or a value.
                output.Failure("PipelineFailed", "processing stopped (" + ex.GetType().Name + "); the next run resumes it");
                return 1;
            }
            return output.ExitCode;
        }

        /// <summary>
        /// The optional pull step (PACS section), Core's one step for both faces: a PACS that cannot be reached is reported and
        /// processing goes on with what is already there; false only when cancelled.
        /// </summary>
        private static bool Pull(HamletConfig config, IProgress<string> steps, CliOutput output, CancellationToken cancellationToken)
        {
            try
            {
                Core.Retrieve.PacsPull.RunStep(config, steps, output.Failure, cancellationToken);
                return true;
            }
            catch (OperationCanceledException)
            {
                output.Failure(ErrorIds.Cancelled, "the pull was cancelled; the next run fetches the rest");
                return false;
            }
        }

        private sealed class Immediate<T> : IProgress<T>
        {
            private readonly Action<T> _action;
            private readonly object _gate = new object();
            public Immediate(Action<T> action) { _action = action; }
            public void Report(T value) { lock (_gate) _action(value); }
        }
    }
}
