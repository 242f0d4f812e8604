using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using HamletPS.Core;
using HamletPS.Cli.JsonLines;
using HamletPS.Core.Configuration;
using HamletPS.Core.Pipeline;
using HamletPS.Core.Sorting;

namespace HamletPS.Cli.Verbs
{
    /// <summary>`hamlet sort`: Invoke-DicomSort for the command line.</summary>
    public static class SortVerb
    {
        public const string CmdletName = "Invoke-DicomSort";

        public sealed class Arguments
        {
            public string[] Paths { get; set; }
            public string Destination { get; set; }
            public string QuarantinePath { get; set; }
            public string Template { get; set; }
            public bool Copy { get; set; }
            public int SettleSeconds { get; set; } = DicomSortOptions.DefaultSettleSeconds;
            public string ConfigPath { get; set; }
            public bool WhatIf { get; set; }
            public bool Json { get; set; }
        }

        public static Command Create()
        {
            var path = new Argument<string[]>("path") { Description = "Files or folders to sort (default: INCOMING of the configuration).", Arity = ArgumentArity.ZeroOrMore };
            var destination = new Option<string>("--destination") { Description = "The sorted tree (default: DATAPATH.SORTED)." };
            var quarantine = new Option<string>("--quarantine-path") { Description = "Where unreadable DICOM goes (default: HAMLET.QUARANTINE)." };
            var template = new Option<string>("--template") { Description = "Layout of the sorted tree (default: HAMLET.SORTTEMPLATE)." };
            var copy = new Option<bool>("--copy") { Description = "Copy instead of move." };
            var settle = new Option<int>("--settle-seconds") { Description = "Leave files changed less than this many seconds ago for the next run.", DefaultValueFactory = _ => DicomSortOptions.DefaultSettleSeconds };
            var config = new Option<string>("--config-path", "--config") { Description = "config.yaml (default: $HAMLET_CONFIG, then ./config.yaml)." };
            var whatIf = new Option<bool>("--what-if") { Description = "List what would be sorted; move nothing." };
            var json = new Option<bool>("--json") { Description = "One JSON object per file." };
            var command = new Command("sort", "Sort received DICOM files into the per-patient tree (Invoke-DicomSort).")
                { path, destination, quarantine, template, copy, settle, config, whatIf, json };
            command.SetAction(parse => Run(new Arguments
            {
                Paths = parse.GetValue(path), Destination = parse.GetValue(destination), QuarantinePath = parse.GetValue(quarantine),
                Template = parse.GetValue(template), Copy = parse.GetValue(copy), SettleSeconds = parse.GetValue(settle),
                ConfigPath = parse.GetValue(config), WhatIf = parse.GetValue(whatIf), Json = parse.GetValue(json),
            }, CliOutput.Console));
            return command;
        }

        public static int Run(Arguments args, CliOutput output)
        {
            DicomSorter sorter;
            List<string> roots;
            try
            {
                HamletConfig config = WorkflowConfiguration.LoadOrNull(args.ConfigPath, Directory.GetCurrentDirectory());
                sorter = new DicomSorter(SortSetup.CreateOptions(new SortRequest
                {
                    Destination = CliPaths.FullOrNull(args.Destination),
                    QuarantinePath = CliPaths.FullOrNull(args.QuarantinePath),
                    Template = args.Template,
                    Copy = args.Copy,
                    SettleSeconds = args.SettleSeconds,
                }, config));
                roots = args.Paths != null && args.Paths.Length > 0 ? new List<string>(args.Paths) : new List<string> { SortSetup.DefaultInput(config) };
            }
            catch (Exception ex) when (SetupError.Classify(ex, ErrorIds.ConfigurationMissing) is HamletException setup)
            {
                return output.Failure(setup); // ConfigNotFound, InvalidConfiguration, ConfigurationMissing
            }

            int sorted = 0;
            try
            {
                foreach (string file in sorter.EnumerateFiles(roots))
                {
                    if (args.WhatIf)
                    {
                        output.Line("What if: " + (args.Copy ? "copy " : "move ") + file + " into " + sorter.Destination);
                        continue;
                    }
                    SortedDicomFile result = sorter.SortFile(file);
                    if (result.Status == SortStatus.Sorted) sorted++;
                    Write(result, args.Json, output);
                }
            }
            catch (FileNotFoundException ex)
            {
                output.Failure("PathNotFound", ex.Message);
            }
            if (!args.Json && !args.WhatIf) output.Line(sorted + " files sorted");
            return output.ExitCode;
        }

        private static void Write(SortedDicomFile result, bool json, CliOutput output)
        {
            switch (result.Status)
            {
                case SortStatus.Quarantined:
                    output.Failure("QuarantinedDicomFile", result.Source + ": quarantined to " + result.Path + ": " + result.Reason);
                    break;
                case SortStatus.Failed:
                    output.Failure("SortFailed", result.Source + ": " + result.Reason);
                    break;
                case SortStatus.Skipped:
                case SortStatus.NotDicom:
                case SortStatus.Duplicate:
                case SortStatus.Conflict:
                    output.Warning(result.Status + ": " + result.Source + ": " + result.Reason);
                    break;
            }
            if (json) output.Json(result, CliJsonContext.Relaxed.SortedDicomFile);
            else if (result.Status == SortStatus.Sorted || result.Status == SortStatus.Conflict || result.Status == SortStatus.Duplicate)
                output.Line(result.Status + "  " + result.Path);
        }
    }
}
