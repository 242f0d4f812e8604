using System;
using System.Collections.Generic;
using System.Linq;
using System.CommandLine;
using System.Globalization;
using System.Runtime.ExceptionServices;
using HamletPS.Cli.JsonLines;
using HamletPS.Core;
using HamletPS.Core.Inspection;

namespace HamletPS.Cli.Verbs
{
    /// <summary>
    /// `hamlet inspect`: Get-DicomFile for the command line. Headers are read on every core, a window of files at a time, and
    /// printed in input order through a buffered standard output.
    /// </summary>
    public static class InspectVerb
    {
        public const string CmdletName = "Get-DicomFile";

        public static Command Create()
        {
            var path = new Argument<string[]>("path") { Description = "Files or folders to read.", Arity = ArgumentArity.OneOrMore };
            var recurse = new Option<bool>("--recurse", "-r") { Description = "Read the files of sub-folders too." };
            var filter = new Option<string>("--filter") { Description = "Only files in folders whose name matches this wildcard (e.g. *.dcm)." };
            var elements = new Option<bool>("--elements") { Description = "List every element of each file, like dcmdump." };
            var json = new Option<bool>("--json") { Description = "One JSON object per line (per file, or per element with --elements)." };
            var command = new Command("inspect", "Read the headers of DICOM files and folders (Get-DicomFile).") { path, recurse, filter, elements, json };
            command.SetAction(parse =>
            {
                CliOutput output = CliOutput.CreateBufferedConsole();
                try
                {
                    return Run(parse.GetValue(path), parse.GetValue(recurse), parse.GetValue(filter), parse.GetValue(elements), parse.GetValue(json), output);
                }
                finally
                {
                    output.Flush();
                }
            });
            return command;
        }

        public static int Run(string[] paths, bool recurse, string filter, bool elements, bool json, CliOutput output) =>
            Run(paths, recurse, filter, elements, json, output, 0);

        /// <param name="degreeOfParallelism">Files read at once; 0 for one per core.</param>
        public static int Run(string[] paths, bool recurse, string filter, bool elements, bool json, CliOutput output, int degreeOfParallelism)
        {
            try
            {
                int found = 0;
                IEnumerable<string> files = DicomFileEnumerator.Enumerate(paths, recurse, filter).Select(f => { System.Threading.Interlocked.Increment(ref found); return f; });
                if (elements)
                {
                    foreach (var outcome in OrderedParallel.Map(files, f => DicomFileInspector.ListElements(f), degreeOfParallelism))
                        if (Succeeded(outcome.Item, outcome.Error, output)) WriteElements(outcome.Result, json, output);
                }
                else
                {
                    foreach (var outcome in OrderedParallel.Map(files, DicomFileInspector.Summarize, degreeOfParallelism))
                        if (Succeeded(outcome.Item, outcome.Error, output)) WriteSummary(outcome.Result, json, output);
                }
                // An empty folder (or a filter that matches nothing) is said, not passed over in silence.
                if (found == 0) output.Failure("NoFilesFound", "no files to inspect in the given paths" + (recurse ? "" : " (--recurse searches sub-folders)"));
            }
            catch (System.IO.FileNotFoundException ex)
            {
                output.Failure("PathNotFound", ex.Message);
            }
            return output.ExitCode;
        }

        /// <summary>True when the file was read; a per-file failure is reported and the run goes on; anything else propagates.</summary>
        private static bool Succeeded(string file, Exception error, CliOutput output)
        {
            if (error == null) return true;
            FileFailure failure = FileFailure.Classify(file, error);
            if (failure == null) ExceptionDispatchInfo.Capture(error).Throw();
            output.Failure(failure);
            return false;
        }

        private static void WriteSummary(DicomFileSummary summary, bool json, CliOutput output)
        {
            if (json)
            {
                output.Json(summary, CliJsonContext.Relaxed.DicomFileSummary);
                return;
            }
            output.Line(string.Join("  ",
                summary.Modality ?? "-",
                summary.SOPClassName ?? "-",
                summary.StudyDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "-",
                summary.SOPInstanceUID ?? "-",
                summary.Path));
        }

        private static void WriteElements(IEnumerable<DicomElementRow> rows, bool json, CliOutput output)
        {
            foreach (DicomElementRow row in rows)
            {
                if (json) output.Json(row, CliJsonContext.Relaxed.DicomElementRow);
                else output.Line(new string(' ', row.Depth * 2) + row.Tag + " " + row.VR + " [" + row.Value + "]  # " + row.Length + ", " + row.Keyword);
            }
        }
    }
}
