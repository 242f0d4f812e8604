using System;
using System.CommandLine;
using System.IO;
using HamletPS.Cli.JsonLines;
using HamletPS.Core;
using HamletPS.Core.Review;

namespace HamletPS.Cli.Verbs
{
    /// <summary>`hamlet review`: New-HamletReviewReport for the command line (one self-contained HTML page of a protected folder).</summary>
    public static class ReviewVerb
    {
        public const string CmdletName = "New-HamletReviewReport";

        public static Command Create()
        {
            var path = new Argument<string>("path") { Description = "The protected folder to review." };
            var output = new Option<string>("--output-path", "-o") { Description = "The HTML file to write (default: hamlet-review.html here)." };
            var quarantine = new Option<string>("--quarantine-path") { Description = "A quarantine folder whose files the page lists by reason." };
            var whatIf = new Option<bool>("--what-if") { Description = "Say which page would be written; write nothing." };
            var json = new Option<bool>("--json") { Description = "One JSON object: the page's path and what it covers." };
            var command = new Command("review", "Write one self-contained HTML page showing what a protected folder will send (New-HamletReviewReport).")
                { path, output, quarantine, whatIf, json };
            command.SetAction(parse =>
            {
                CliOutput console = CliOutput.CreateBufferedConsole();
                try
                {
                    return Run(parse.GetValue(path), parse.GetValue(output), parse.GetValue(quarantine), parse.GetValue(whatIf), parse.GetValue(json), console);
                }
                finally
                {
                    console.Flush();
                }
            });
            return command;
        }

        public static int Run(string folder, string outputPath, string quarantinePath, bool whatIf, bool json, CliOutput output)
        {
            string target = Path.GetFullPath(outputPath ?? ReviewReportBuilder.DefaultFileName);
            if (whatIf)
            {
                output.Line("What if: would write the review page of " + folder + " to " + target);
                return 0;
            }
            try
            {
                ReviewReportResult result = ReviewReportBuilder.Build(folder, target, quarantinePath);
                if (json) output.Json(result, CliJsonContext.Relaxed.ReviewReportResult);
                else
                    output.Line(string.Join("  ",
                        result.Patients + " patients", result.Studies + " studies", result.Series + " series", result.Instances + " instances",
                        result.Thumbnails + " thumbnail strips", result.Quarantined + " quarantined", result.Path));
            }
            catch (DirectoryNotFoundException ex)
            {
                output.Failure("PathNotFound", ex.Message);
            }
            catch (Exception ex)
            {
                FileFailure failure = FileFailure.Classify(folder, ex);
                if (failure == null) throw;
                output.Failure(failure);
            }
            return output.ExitCode;
        }
    }
}
