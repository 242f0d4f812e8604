using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.Runtime.ExceptionServices;
using HamletPS.Cli.JsonLines;
using HamletPS.Core;
using HamletPS.Core.Dose;
using HamletPS.Core.Inspection;

namespace HamletPS.Cli.Verbs
{
    /// <summary>
    /// `hamlet dose`: Get-DicomDoseReport for the command line. Reports are read on every core and printed in input order;
    /// DICOM files that are not dose reports are skipped, a report's warnings go to standard error.
    /// </summary>
    public static class DoseVerb
    {
        public const string CmdletName = "Get-DicomDoseReport";

        public static Command Create()
        {
            var path = new Argument<string[]>("path") { Description = "Files or folders to read.", Arity = ArgumentArity.OneOrMore };
            var recurse = new Option<bool>("--recurse", "-r") { Description = "Read the files of sub-folders too." };
            var filter = new Option<string>("--filter") { Description = "Only files in folders whose name matches this wildcard (e.g. *.dcm)." };
            var json = new Option<bool>("--json") { Description = "One JSON object per dose report, with its irradiation events." };
            var command = new Command("dose", "Read X-Ray Radiation Dose SRs: CT, fluoroscopy, radiography, mammography (Get-DicomDoseReport).") { path, recurse, filter, json };
            command.SetAction(parse =>
            {
                CliOutput output = CliOutput.CreateBufferedConsole();
                try
                {
                    return Run(parse.GetValue(path), parse.GetValue(recurse), parse.GetValue(filter), parse.GetValue(json), output);
                }
                finally
                {
                    output.Flush();
                }
            });
            return command;
        }

        public static int Run(string[] paths, bool recurse, string filter, bool json, CliOutput output) =>
            Run(paths, recurse, filter, json, output, 0);

        /// <param name="degreeOfParallelism">Files read at once; 0 for one per core.</param>
        public static int Run(string[] paths, bool recurse, string filter, bool json, CliOutput output, int degreeOfParallelism)
        {
            try
            {
                IEnumerable<string> files = DicomFileEnumerator.Enumerate(paths, recurse, filter);
                var mammography = new MammographyStudyMerger(); // image-header studies: one report each, after the RDSRs
                foreach (var outcome in OrderedParallel.Map(files, DoseReportReader.Read, degreeOfParallelism))
                {
                    if (outcome.Error != null)
                    {
                        FileFailure failure = FileFailure.Classify(outcome.Item, outcome.Error);
                        if (failure == null) ExceptionDispatchInfo.Capture(outcome.Error).Throw();
                        if (failure.Reason != DoseReportReader.NotADoseReportReason) output.Failure(failure);
                        continue;
                    }
                    if (!mammography.TryAdd(outcome.Result)) Write(outcome.Result, json, output);
                }
                foreach (DoseReport study in mammography.Complete()) Write(study, json, output);
            }
            catch (System.IO.FileNotFoundException ex)
            {
                output.Failure("PathNotFound", ex.Message);
            }
            return output.ExitCode;
        }

        private static void Write(DoseReport report, bool json, CliOutput output)
        {
            foreach (string warning in report.Warnings) output.Warning(report.Path + ": " + warning);
            if (json)
            {
                output.Json(report, CliJsonContext.Relaxed.DoseReport);
                return;
            }
            string total = report.TotalDlp != null ? Number(report.TotalDlp) + " mGy.cm"
                : report.TotalDap != null ? Number(report.TotalDap) + " Gy.m2"
                : report.AccumulatedAverageGlandularDose != null ? Number(report.AccumulatedAverageGlandularDose) + " mGy AGD" : "-";
            output.Line(string.Join("  ",
                report.Kind,
                report.StudyDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "-",
                report.StationName ?? "-",
                report.EventCount.ToString(CultureInfo.InvariantCulture) + " events",
                total,
                report.Path));
        }

        private static string Number(double? value) => value.Value.ToString("G6", CultureInfo.InvariantCulture);
    }
}
