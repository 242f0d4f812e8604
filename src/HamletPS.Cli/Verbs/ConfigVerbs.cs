using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using HamletPS.Core;
using HamletPS.Cli.JsonLines;
using HamletPS.Core.Configuration;

namespace HamletPS.Cli.Verbs
{
    /// <summary>`hamlet config show|new|test`: Get-HamletConfig, New-HamletConfig and Test-HamletConfig.</summary>
    public static class ConfigVerbs
    {
        public const string Parent = "config";

        internal static Option<string> ConfigPathOption() =>
            new Option<string>("--config-path", "--config") { Description = "The configuration file (default: $HAMLET_CONFIG, then config.yaml in the current folder)." };

        public static Command Show()
        {
            var configPath = ConfigPathOption();
            var json = new Option<bool>("--json") { Description = "Print the settings as one JSON object (secrets masked)." };
            var command = new Command("show", "Read and validate the site configuration (Get-HamletConfig).") { configPath, json };
            command.SetAction(p => RunShow(p.GetValue(configPath), p.GetValue(json), CliOutput.Console));
            return command;
        }

        public static Command New()
        {
            var configPath = new Option<string>("--config-path", "--config") { Description = "Where to write the file.", DefaultValueFactory = _ => "config.yaml" };
            var site = new Option<string>("--site") { Description = "Site name (one word), used in archive names.", Required = true };
            var user = new Option<string>("--user") { Description = "User's initials, used in archive names." };
            var dataFolder = new Option<string>("--data-folder") { Description = "Folder holding incoming, sorted and outgoing (default: the config file's folder)." };
            var aeTitle = new Option<string>("--ae-title") { Description = "AE title of the DICOM receiver.", DefaultValueFactory = _ => DicomNodeSettings.DefaultAeTitle };
            var port = new Option<int>("--port") { Description = "TCP port of the DICOM receiver.", DefaultValueFactory = _ => DicomNodeSettings.DefaultPort };
            var noFolders = new Option<bool>("--no-folders") { Description = "Do not create the data folders." };
            var force = new Option<bool>("--force") { Description = "Replace an existing configuration file." };
            var whatIf = new Option<bool>("--what-if") { Description = "Say what would be written, write nothing." };
            var command = new Command("new", "Write a commented configuration template (New-HamletConfig).") { configPath, site, user, dataFolder, aeTitle, port, noFolders, force, whatIf };
            command.SetAction(p => RunNew(new ConfigTemplateOptions
            {
                Site = p.GetValue(site),
                User = p.GetValue(user) ?? string.Empty,
                DataFolder = p.GetValue(dataFolder),
                AeTitle = p.GetValue(aeTitle),
                Port = p.GetValue(port),
                CreateFolders = !p.GetValue(noFolders),
                Force = p.GetValue(force),
            }, p.GetValue(configPath), p.GetValue(whatIf), CliOutput.Console));
            return command;
        }

        public static Command Test()
        {
            var configPath = ConfigPathOption();
            var quiet = new Option<bool>("--quiet") { Description = "Print nothing; the exit code says it (0 valid, 1 errors)." };
            var json = new Option<bool>("--json") { Description = "One JSON object per finding." };
            var command = new Command("test", "Check a configuration file; every problem with its file and line (Test-HamletConfig).") { configPath, quiet, json };
            command.SetAction(p => RunTest(p.GetValue(configPath), p.GetValue(quiet), p.GetValue(json), CliOutput.Console));
            return command;
        }

        public static int RunShow(string configPath, bool json, CliOutput output)
        {
            HamletConfig config;
            try
            {
                config = HamletConfigLoader.Load(HamletConfigLocator.Resolve(configPath));
            }
            catch (HamletException ex) when (ex.IsSetup)
            {
                return output.Failure(ex); // ConfigNotFound, InvalidConfiguration (the first finding, and how many more)
            }
            ConfigLine view = ConfigLine.From(config);
            if (json) output.Json(view, CliJsonContext.Relaxed.ConfigLine);
            else foreach (var property in CliJsonContext.Relaxed.ConfigLine.Properties) output.Line(property.Name.PadRight(12) + ": " + property.Get(view));
            return 0;
        }

        public static int RunNew(ConfigTemplateOptions options, string configPath, bool whatIf, CliOutput output)
        {
            string path = Path.GetFullPath(configPath ?? "config.yaml");
            if (whatIf)
            {
                output.Line("What if: would write configuration template " + path);
                return 0;
            }
            if (File.Exists(path) && !options.Force)
            {
                output.Failure(ErrorIds.ConfigExists, "The configuration file " + path + " already exists (use --force to replace it).");
                return 1;
            }
            try
            {
                output.Line(HamletConfigTemplate.Write(path, options));
            }
            catch (HamletException ex)
            {
                output.Failure(ex); // ConfigExists (written meanwhile)
                return 1;
            }
            return 0;
        }

        public static int RunTest(string configPath, bool quiet, bool json, CliOutput output)
        {
            string path;
            try
            {
                path = HamletConfigLocator.Resolve(configPath);
            }
            catch (HamletException ex) when (ex.IsSetup)
            {
                if (!quiet) output.Failure(ex); // ConfigNotFound
                return 2;
            }
            var findings = HamletConfigValidator.ValidateFile(path);
            if (!quiet)
            {
                foreach (ConfigFinding f in findings)
                {
                    if (json) output.Json(ConfigFindingLine.From(f), CliJsonContext.Relaxed.ConfigFindingLine);
                    else output.Line(f.ToString());
                }
            }
            return findings.Any(f => f.Severity == ConfigSeverity.Error) ? 1 : 0;
        }
    }
}
