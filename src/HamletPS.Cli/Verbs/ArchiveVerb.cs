using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using HamletPS.Cli.JsonLines;
using HamletPS.Core;
using HamletPS.Core.Archive;
using HamletPS.Core.Configuration;
using HamletPS.Core.Pipeline;

namespace HamletPS.Cli.Verbs
{
    /// <summary>`hamlet archive`: New-HamletArchive for the command line.</summary>
    public static class ArchiveVerb
    {
        public const string CmdletName = "New-HamletArchive";

        public sealed class Arguments
        {
            public string[] Paths { get; set; }
            public string Destination { get; set; }
            public string NameTemplate { get; set; }
            public bool PerPatient { get; set; }
            public int CompressionLevel { get; set; } = 6;
            public bool Verify { get; set; }
            public string Site { get; set; }
            public string User { get; set; }
            public string ConfigPath { get; set; }
            /// <summary>The site secret (from the environment variable --key names); null: from the configuration, as Protect.</summary>
            public char[] Key { get; set; }
            public bool WhatIf { get; set; }
            public bool Json { get; set; }
        }

        public static Command Create()
        {
            var path = new Argument<string[]>("path") { Description = "Protected tree folders or protected files.", Arity = ArgumentArity.OneOrMore };
            var destination = new Option<string>("--destination") { Description = "Folder for the archives (default: DATAPATH.OUTGOING)." };
            var name = new Option<string>("--name-template") { Description = "Archive name template (default: HAMLET.ARCHIVENAME)." };
            var perPatient = new Option<bool>("--per-patient") { Description = "One archive per Study ID." };
            var level = new Option<int>("--compression-level") { Description = "Deflate level 0-9 (0 = store).", DefaultValueFactory = _ => 6 };
            var verify = new Option<bool>("--verify") { Description = "Re-read every entry before the archive is renamed into place." };
            var site = new Option<string>("--site") { Description = "{SITE} of the name (default: APP.SITE)." };
            var user = new Option<string>("--user") { Description = "{USER} of the name (default: APP.USER)." };
            var config = new Option<string>("--config-path", "--config") { Description = "config.yaml (default: $HAMLET_CONFIG, then ./config.yaml)." };
            var key = new Option<string>("--key") { Description = "Name of an environment variable holding the site secret, to check each file's protect seal (default: as Protect)." };
            var whatIf = new Option<bool>("--what-if") { Description = "Say what would be archived; write nothing." };
            var json = new Option<bool>("--json") { Description = "One JSON object per archive." };
            var command = new Command("archive", "Zip protected trees into OUTGOING with a manifest (New-HamletArchive).")
                { path, destination, name, perPatient, level, verify, site, user, config, key, whatIf, json };
            command.SetAction((parse, ct) => System.Threading.Tasks.Task.FromResult(Run(new Arguments
            {
                Paths = parse.GetValue(path), Destination = parse.GetValue(destination), NameTemplate = parse.GetValue(name),
                PerPatient = parse.GetValue(perPatient), CompressionLevel = parse.GetValue(level), Verify = parse.GetValue(verify),
                Site = parse.GetValue(site), User = parse.GetValue(user), ConfigPath = parse.GetValue(config),
                Key = ProtectVerbs.KeyFromEnvironment(parse.GetValue(key)),
                WhatIf = parse.GetValue(whatIf), Json = parse.GetValue(json),
            }, CliOutput.Console, ct)));
            return command;
        }

        public static int Run(Arguments args, CliOutput output, System.Threading.CancellationToken cancellationToken = default)
        {
            HamletArchiveOptions options;
            List<ProtectedTreeSelection.Job> jobs;
            HamletConfig config;
            try
            {
                config = WorkflowConfiguration.LoadOrNull(args.ConfigPath, Directory.GetCurrentDirectory());
                options = ArchiveSetup.CreateOptions(new ArchiveRequest
                {
                    Destination = CliPaths.FullOrNull(args.Destination), NameTemplate = args.NameTemplate, PerPatient = args.PerPatient,
                    CompressionLevel = args.CompressionLevel, Verify = args.Verify, Site = args.Site, User = args.User,
                }, config);
                options.FileRefused = output.Failure;
            }
            catch (Exception ex) when (SetupError.Classify(ex, ErrorIds.ConfigurationMissing) is HamletException setup)
            {
                return output.Failure(setup); // ConfigNotFound, InvalidConfiguration, ConfigurationMissing
            }
            Func<string, ArchiveEntryInfo> describe;
            try
            {
                // Only files this site's protect step sealed go out: the seal is checked with the site secret.
                describe = ArchiveSetup.CreateDescriber(config, args.Key);
            }
            catch (Exception ex) when (SetupError.Classify(ex, ErrorIds.SiteKeyRequired) is HamletException setup)
            {
                output.Failure(setup.ErrorId, "the archive proves each file was written by this site's protect step with the site secret: " + CliOutput.Describe(setup));
                return 2;
            }
            try
            {
                jobs = ProtectedTreeSelection.Plan(args.Paths ?? Array.Empty<string>(), describe);
            }
            catch (Exception ex)
            {
                // An input that does not exist or is no protected tree: a usage error, named as such (not as a configuration error).
                FileFailure failure = FileFailure.Classify(null, ex);
                if (failure == null) throw;
                output.Failure(failure.Reason, ex.Message);
                return 2;
            }
            var builder = new HamletArchiveBuilder(options);
            foreach (ProtectedTreeSelection.Job job in jobs)
            {
                if (args.WhatIf)
                {
                    output.Line("What if: archive " + job.Root + " into " + options.OutputDirectory);
                    continue;
                }
                try
                {
                    foreach (ArchiveResult r in builder.Build(job.Root, job.Describe, null, cancellationToken))
                    {
                        if (args.Json) output.Json(ArchiveLine.From(r), CliJsonContext.Relaxed.ArchiveLine);
                        else output.Line(r.ArchivePath);
                    }
                }
                catch (Exception ex) when (!(ex is OperationCanceledException))
                {
                    FileFailure failure = FileFailure.Classify(job.Root, ex);
                    if (failure != null) output.Failure(failure); // ArchiveRefused: each refused file was reported before

                    else if (ex is ArgumentException) output.Failure(ErrorIds.ArchiveFailed, ex.Message);
                    else throw;
                }
            }
            return output.ExitCode;
        }
    }
}
