using System;
using System.CommandLine;
using System.Globalization;
using HamletPS.Core;
using HamletPS.Core.Inspection;

namespace HamletPS.Cli.Verbs
{
    /// <summary>`hamlet inspect`: Get-DicomFile for the command line.</summary>
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
            command.SetAction(parse => Run(parse.GetValue(path), parse.GetValue(recurse), parse.GetValue(filter), parse.GetValue(elements), parse.GetValue(json), CliOutput.Console));
            return command;
        }

        public static int Run(string[] paths, bool recurse, string filter, bool elements, bool json, CliOutput output)
        {
            try
            {
                foreach (string file in DicomFileEnumerator.Enumerate(paths, recurse, filter))
                {
                    try
                    {
                        if (elements) WriteElements(file, json, output);
                        else WriteSummary(DicomFileInspector.Summarize(file), json, output);
                    }
                    catch (Exception ex)
                    {
                        FileFailure failure = FileFailure.Classify(file, ex);
                        if (failure == null) throw;
                        output.Failure(failure);
                    }
                }
            }
            catch (System.IO.FileNotFoundException ex)
            {
                output.Failure("PathNotFound", ex.Message);
            }
            return output.ExitCode;
        }

        private static void WriteSummary(DicomFileSummary summary, bool json, CliOutput output)
        {
            if (json)
            {
                output.Json(summary);
                return;
            }
            output.Line(string.Join("  ",
                summary.Modality ?? "-",
                summary.SOPClassName ?? "-",
                summary.StudyDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "-",
                summary.SOPInstanceUID ?? "-",
                summary.Path));
        }

        private static void WriteElements(string file, bool json, CliOutput output)
        {
            foreach (DicomElementRow row in DicomFileInspector.ListElements(file))
            {
                if (json) output.Json(row);
                else output.Line(new string(' ', row.Depth * 2) + row.Tag + " " + row.VR + " [" + row.Value + "]  # " + row.Length + ", " + row.Keyword);
            }
        }
    }
}
