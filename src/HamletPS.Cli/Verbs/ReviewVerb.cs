using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using HamletPS.Cli.JsonLines;
using HamletPS.Core;
using HamletPS.Core.Configuration;
using HamletPS.Core.Review;

namespace HamletPS.Cli.Verbs
{
    /// <summary>`hamlet review`: New-HamletReviewReport for the command line (one self-contained HTML page of protected folders and archives).</summary>
    public static class ReviewVerb
    {
        public const string CmdletName = "New-HamletReviewReport";

        public static Command Create()
        {
            var path = new Argument<string[]>("path") { Description = "Protected folders, archives (.zip) or folders of archives.", Arity = ArgumentArity.OneOrMore };
            var output = new Option<string>("--output-path", "-o") { Description = "The HTML file to write (default: hamlet-review.html here)." };
            var quarantine = new Option<string>("--quarantine-path") { Description = "A quarantine folder whose files the page lists by reason." };
            var profile = new Option<string>("--profile") { Description = "The profile protect used (name or YAML file): its mask rules are outlined (default HAMLET.PROFILE, else hamlet-rt)." };
            var journal = new Option<string>("--journal-path") { Description = "A run journal of `hamlet process` (or its logs folder: the newest): the page counts what the run held back, by reason." };
            var config = ConfigVerbs.ConfigPathOption();
            var whatIf = new Option<bool>("--what-if") { Description = "Say which page would be written; write nothing." };
            var json = new Option<bool>("--json") { Description = "One JSON object: the page's path and what it covers." };
            var command = new Command("review", "Write one self-contained HTML page showing what protected data will send (New-HamletReviewReport).")
                { path, output, quarantine, journal, profile, config, whatIf, json };
            command.SetAction(parse =>
            {
                CliOutput console = CliOutput.CreateBufferedConsole();
                try
                {
                    return Run(parse.GetValue(path), parse.GetValue(output), parse.GetValue(quarantine), parse.GetValue(profile), parse.GetValue(config),
                        parse.GetValue(whatIf), parse.GetValue(json), console, parse.GetValue(journal));
                }
                finally
                {
                    console.Flush();
                }
            });
            return command;
        }

        /// <summary>One protected folder or archive, with the default profile and no configuration file named.</summary>
        public static int Run(string folder, string outputPath, string quarantinePath, bool whatIf, bool json, CliOutput output) =>
            Run(new[] { folder }, outputPath, quarantinePath, null, null, whatIf, json, output);

        public static int Run(string[] inputs, string outputPath, string quarantinePath, string profile, string configPath, bool whatIf, bool json, CliOutput output,
            string journalPath = null)
        {
            HamletConfig config;
            try
            {
                config = WorkflowConfiguration.LoadOrNull(configPath, Directory.GetCurrentDirectory());
            }
            catch (Exception ex) when (ex is FileNotFoundException || ex is HamletConfigException)
            {
                output.Failure(WorkflowConfiguration.ClassifyFailure(ex), ex.Message);
                return 2;
            }
            ReviewOptions options;
            try
            {
                options = ReviewSetup.Options(new ReviewRequest
                {
                    Inputs = inputs.Select(Path.GetFullPath).ToList(),
                    OutputPath = Path.GetFullPath(outputPath ?? ReviewReportBuilder.DefaultFileName),
                    QuarantinePath = quarantinePath == null ? null : Path.GetFullPath(quarantinePath),
                    JournalPath = journalPath == null ? null : Path.GetFullPath(journalPath),
                    Profile = profile,
                    Config = config,
                });
            }
            catch (Exception ex) when (SetupError.Classify(ex, ErrorIds.InvalidReviewSettings) is HamletException setup)
            {
                return output.Failure(setup); // InvalidProfile (malformed) or InvalidReviewSettings (a profile file or journal not there)
            }
            string what = inputs.Length == 1 ? inputs[0] : inputs.Length + " inputs";
            if (whatIf)
            {
                output.Line("What if: would write the review page of " + what + " to " + options.OutputPath);
                return 0;
            }
            try
            {
                ReviewReportResult result = ReviewReportBuilder.Build(options);
                if (json) output.Json(result, CliJsonContext.Relaxed.ReviewReportResult);
                else
                    output.Line(string.Join("  ",
                        result.Patients + " patients", result.Studies + " studies", result.Series + " series", result.Instances + " instances",
                        result.Thumbnails + " thumbnail strips", result.Masked + " masked", result.Archives + " archives", result.Quarantined + " quarantined", result.HeldBack + " held back", result.Path));
            }
            catch (DirectoryNotFoundException ex)
            {
                output.Failure("PathNotFound", ex.Message);
            }
            catch (Exception ex)
            {
                FileFailure failure = FileFailure.Classify(inputs[0], ex);
                if (failure == null) throw;
                output.Failure(failure);
            }
            return output.ExitCode;
        }
    }
}
