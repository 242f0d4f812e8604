using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using HamletPS.Cli.JsonLines;
using HamletPS.Core;
using HamletPS.Core.Configuration;
using HamletPS.Core.Dose;
using HamletPS.Core.Inspection;
using HamletPS.Core.Pipeline;

namespace HamletPS.Cli.Verbs
{
    /// <summary>
    /// `hamlet dose import`, `hamlet dose history` and `hamlet dose export`: Import-DicomDoseReport, Get-DoseHistory and
    /// Export-DoseHistory. The set-up (database, patient keys, test-patient rule, filter) is <see cref="DoseHistorySetup"/>'s.
    /// </summary>
    public static class DoseHistoryVerbs
    {
        public const string Parent = "dose";

        public static Command Import()
        {
            var path = new Argument<string[]>("path") { Description = "Dose report files or folders.", Arity = ArgumentArity.OneOrMore };
            var recurse = new Option<bool>("--recurse", "-r") { Description = "Read the files of sub-folders too." };
            var filter = new Option<string>("--filter") { Description = "Only files in folders whose name matches this wildcard (e.g. *.dcm)." };
            var database = DatabaseOption();
            var config = ConfigVerbs.ConfigPathOption();
            var mappingFile = new Option<string>("--mapping-file") { Description = "The lookup table MRN,Study_ID that gives patient keys (default HAMLET.MAPPINGFILE)." };
            var key = new Option<string>("--key") { Description = "Name of an environment variable holding the site secret (pseudonyms are keyed as Protect keys them)." };
            var profile = new Option<string>("--profile") { Description = "Profile whose test-patient patterns apply (default HAMLET.PROFILE)." };
            var includeTests = new Option<bool>("--include-test-patients") { Description = "Store test/QA patients too, flagged (left out by default)." };
            var replace = new Option<bool>("--replace") { Description = "A changed report replaces the stored one with its SOP Instance UID (default: reported as a conflict)." };
            var whatIf = new Option<bool>("--what-if") { Description = "Read and key the reports; store nothing." };
            var json = new Option<bool>("--json") { Description = "One JSON object per report." };
            var command = new Command("import", "Store dose reports in the dose history, deduplicated, patients keyed (Import-DicomDoseReport).")
                { path, recurse, filter, database, config, mappingFile, key, profile, includeTests, replace, whatIf, json };
            command.SetAction(p => RunImport(p.GetValue(path), p.GetValue(recurse), p.GetValue(filter), p.GetValue(config), new DoseHistoryRequest
            {
                DatabasePath = p.GetValue(database),
                MappingFile = p.GetValue(mappingFile),
                Profile = p.GetValue(profile),
                IncludeTestPatients = p.GetValue(includeTests),
                Replace = p.GetValue(replace),
                WhatIf = p.GetValue(whatIf),
            }, p.GetValue(json), CliOutput.Console, p.GetValue(key)));
            return command;
        }

        public static Command History()
        {
            var database = DatabaseOption();
            var config = ConfigVerbs.ConfigPathOption();
            var filters = new FilterOptions();
            var summary = new Option<bool>("--summary") { Description = "One line per station and kind: studies, latest study, median and quartiles of DLP, CTDIvol, DAP." };
            var json = new Option<bool>("--json") { Description = "One JSON object per study (or per station with --summary)." };
            var command = new Command("history", "List the dose history, filtered (Get-DoseHistory).") { database, config };
            filters.AddTo(command);
            command.Options.Add(summary);
            command.Options.Add(json);
            command.SetAction(p => RunHistory(p.GetValue(config), new DoseHistoryRequest
            {
                DatabasePath = p.GetValue(database),
                IncludeTestPatients = p.GetValue(filters.IncludeTestPatients),
            }, filters.Read(p), p.GetValue(summary), p.GetValue(json), CliOutput.Console));
            return command;
        }

        public static Command Export()
        {
            var path = new Argument<string>("path") { Description = "The file to write: .csv or .xlsx (may be left out with --chart-path).", Arity = ArgumentArity.ZeroOrOne };
            var charts = new Option<string>("--chart-path", "--charts") { Description = "A folder to write the charts into: SVG box plots of DLP, DAP and AGD per protocol, studies per station and month, and index.html." };
            var format = new Option<string>("--format") { Description = "Csv or Xlsx (default: from the file's extension)." };
            var database = DatabaseOption();
            var config = ConfigVerbs.ConfigPathOption();
            var filters = new FilterOptions();
            var force = new Option<bool>("--force") { Description = "Replace the file, and the charts, if they exist." };
            var whatIf = new Option<bool>("--what-if") { Description = "Say what would be written; write nothing." };
            var command = new Command("export", "Write the dose history as a pseudonymised CSV or XLSX workbook, and charts (Export-DoseHistory).") { path, charts, format, database, config };
            filters.AddTo(command);
            command.Options.Add(force);
            command.Options.Add(whatIf);
            command.SetAction(p => RunExport(p.GetValue(path), p.GetValue(format), p.GetValue(config), new DoseHistoryRequest
            {
                DatabasePath = p.GetValue(database),
                IncludeTestPatients = p.GetValue(filters.IncludeTestPatients),
                WhatIf = p.GetValue(whatIf),
            }, filters.Read(p), p.GetValue(force), CliOutput.Console, p.GetValue(charts)));
            return command;
        }

        private static Option<string> DatabaseOption() =>
            new Option<string>("--database-path") { Description = "The dose history database (default: " + DoseHistoryStore.DefaultFileName + " beside the configuration)." };

        /// <summary>The filter options Get-DoseHistory and Export-DoseHistory share.</summary>
        private sealed class FilterOptions
        {
            public readonly Option<string> Kind = new Option<string>("--kind") { Description = "CT, ProjectionXRay, Mammography or Unknown." };
            public readonly Option<string> Station = new Option<string>("--station-name") { Description = "Station name (wildcards * and ?)." };
            public readonly Option<string> Protocol = new Option<string>("--acquisition-protocol") { Description = "Studies with an event of this protocol (wildcards * and ?)." };
            public readonly Option<string> Description = new Option<string>("--study-description") { Description = "Study description (wildcards * and ?)." };
            public readonly Option<DateTime?> From = new Option<DateTime?>("--from") { Description = "Studies on or after this date (yyyy-MM-dd)." };
            public readonly Option<DateTime?> To = new Option<DateTime?>("--to") { Description = "Studies on or before this date (yyyy-MM-dd)." };
            public readonly Option<double?> MinimumAge = new Option<double?>("--minimum-age") { Description = "Patients at least this old at the study, in years." };
            public readonly Option<double?> MaximumAge = new Option<double?>("--maximum-age") { Description = "Patients at most this old at the study, in years." };
            public readonly Option<string> Sex = new Option<string>("--patient-sex") { Description = "Patients of this sex: M, F or O." };
            public readonly Option<bool> IncludeTestPatients = new Option<bool>("--include-test-patients") { Description = "Show test/QA patients stored flagged." };

            public void AddTo(Command command)
            {
                foreach (Option o in new Option[] { Kind, Station, Protocol, Description, From, To, MinimumAge, MaximumAge, Sex, IncludeTestPatients }) command.Options.Add(o);
            }

            public DoseHistoryFilter Read(ParseResult p) => new DoseHistoryFilter
            {
                Kind = p.GetValue(Kind),
                StationName = p.GetValue(Station),
                AcquisitionProtocol = p.GetValue(Protocol),
                StudyDescription = p.GetValue(Description),
                From = p.GetValue(From),
                To = p.GetValue(To),
                MinimumAge = p.GetValue(MinimumAge),
                MaximumAge = p.GetValue(MaximumAge),
                PatientSex = p.GetValue(Sex),
            };
        }

        public static int RunImport(string[] paths, bool recurse, string filter, string configPath, DoseHistoryRequest request, bool json,
            CliOutput output, string keyVariable = null)
        {
            DoseHistoryImportOptions options;
            try
            {
                if (keyVariable != null) request.Key = ProtectVerbs.KeyFromEnvironment(keyVariable);
                request.Config = WorkflowConfiguration.LoadOrNull(configPath, Directory.GetCurrentDirectory());
                options = DoseHistorySetup.CreateImportOptions(request);
            }
            catch (Exception ex) when (SetupError.Classify(ex, ErrorIds.InvalidDoseHistorySettings) is HamletException setup)
            {
                return output.Failure(setup);
            }
            finally
            {
                if (request.Key != null) Array.Clear(request.Key, 0, request.Key.Length);
            }
            try
            {
                var counts = new Dictionary<DoseHistoryImportStatus, int>();
                using (var importer = new DoseHistoryImporter(options))
                {
                    IEnumerable<string> files = DicomFileEnumerator.Enumerate(paths, recurse, filter);
                    IEnumerable<DoseReport> reports = DoseReportFiles.Read(files, output.Failure, databasePath: options.DatabasePath);
                    foreach (DoseHistoryImportResult r in importer.Import(reports))
                    {
                        counts[r.Status] = counts.TryGetValue(r.Status, out int n) ? n + 1 : 1;
                        if (r.Status == DoseHistoryImportStatus.Conflict) output.Warning(r.Path + ": " + r.Message);
                        if (json) output.Json(r, CliJsonContext.Relaxed.DoseHistoryImportResult);
                        else output.Line(r.Status + "  " + r.Kind + "  " + Date(r.StudyDate) + "  " + (r.StationName ?? "-") + "  " + (r.PatientKey ?? "-") + "  " + r.Path);
                    }
                }
                if (!json)
                    output.Line(options.DatabasePath + ": " + string.Join(", ", counts.OrderBy(c => c.Key).Select(c => c.Value + " " + c.Key)));
            }
            catch (HamletException ex)
            {
                return output.Failure(ex); // DoseHistoryUnavailable: exit 2
            }
            return output.ExitCode;
        }

        public static int RunHistory(string configPath, DoseHistoryRequest request, DoseHistoryFilter filter, bool summary, bool json, CliOutput output)
        {
            string database;
            try
            {
                request.Config = WorkflowConfiguration.LoadOrNull(configPath, Directory.GetCurrentDirectory());
                database = DoseHistorySetup.ResolveDatabasePath(request);
                filter = DoseHistorySetup.CreateFilter(request, filter);
            }
            catch (Exception ex) when (SetupError.Classify(ex, ErrorIds.InvalidDoseHistorySettings) is HamletException setup)
            {
                return output.Failure(setup);
            }
            try
            {
                using (DoseHistoryStore store = DoseHistoryStore.Open(database, create: false))
                {
                    if (summary)
                    {
                        foreach (DoseStationSummary s in DoseHistoryExport.SummariseStations(store.Query(filter)))
                        {
                            if (json) output.Json(s, CliJsonContext.Relaxed.DoseStationSummary);
                            else output.Line(string.Join("  ", new[] { s.StationName ?? "(no station)", s.Kind, s.Studies + " studies", "latest " + Date(s.LatestStudy),
                                Stats("DLP", s.Dlp, "mGy.cm"), Stats("CTDIvol", s.CtdiVol, "mGy"), Stats("DAP", s.Dap, "Gy.m2"), Stats("AGD", s.AverageGlandularDose, "mGy") }.Where(x => x.Length > 0)));
                        }
                        return output.ExitCode;
                    }
                    foreach (DoseHistoryEntry e in store.Query(filter))
                    {
                        if (json) output.Json(e, CliJsonContext.Relaxed.DoseHistoryEntry);
                        else output.Line(string.Join("  ", Date(e.StudyDate), e.Kind, e.StationName ?? "-", e.PatientKey ?? "-", e.EventCount + " events", Total(e),
                            string.Join("; ", e.Events.Select(x => x.AcquisitionProtocol).Where(x => x != null).Distinct())));
                    }
                }
                return output.ExitCode;
            }
            catch (HamletException ex)
            {
                return output.Failure(ex); // DoseHistoryUnavailable: exit 2
            }
        }

        public static int RunExport(string path, string format, string configPath, DoseHistoryRequest request, DoseHistoryFilter filter, bool force, CliOutput output,
            string chartPath = null)
        {
            string database, destination = null, charts = null;
            DoseExportFormat chosen = DoseExportFormat.Csv;
            try
            {
                request.Config = WorkflowConfiguration.LoadOrNull(configPath, Directory.GetCurrentDirectory());
                database = DoseHistorySetup.ResolveDatabasePath(request);
                filter = DoseHistorySetup.CreateFilter(request, filter);
                DoseHistorySetup.CheckExportRequest(path, chartPath);
                if (!string.IsNullOrEmpty(path))
                {
                    destination = Path.GetFullPath(path);
                    chosen = DoseHistorySetup.ChooseExportFormat(destination, format);
                    DoseHistorySetup.CheckExportDestination(destination, force);
                }
                if (!string.IsNullOrEmpty(chartPath))
                {
                    charts = Path.GetFullPath(chartPath);
                    DoseHistoryCharts.CheckDestination(charts, force);
                }
            }
            catch (Exception ex) when (SetupError.Classify(ex, ErrorIds.InvalidDoseHistorySettings) is HamletException setup)
            {
                return output.Failure(setup);
            }
            if (request.WhatIf)
            {
                if (destination != null) output.Line("What if: would write the dose history of " + database + " to " + destination + " (" + chosen + ")");
                if (charts != null) output.Line("What if: would write the dose history charts of " + database + " into " + charts);
                return 0;
            }
            try
            {
                using (DoseHistoryStore store = DoseHistoryStore.Open(database, create: false))
                {
                    if (destination != null) Written(output, () => DoseHistoryExport.WriteFile(store, filter, destination, chosen).ToString());
                    if (charts != null) Written(output, () => DoseHistoryCharts.WriteFolder(store, filter, charts).ToString());
                }
                return output.ExitCode;
            }
            catch (HamletException ex)
            {
                return output.Failure(ex); // DoseHistoryUnavailable: exit 2
            }
        }

        /// <summary>One output of the export: its line, or (ExportFailed, nothing partial left) a failed output, exit 1, the other still written.</summary>
        private static void Written(CliOutput output, Func<string> write)
        {
            try
            {
                output.Line(write());
            }
            catch (HamletException ex) when (!ex.IsSetup)
            {
                output.Failure(ex);
            }
        }

        private static string Date(DateTime? value) => value?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "-";

        private static string Total(DoseHistoryEntry e) =>
            e.TotalDlp != null ? N(e.TotalDlp.Value) + " mGy.cm"
            : e.TotalDap != null ? N(e.TotalDap.Value) + " Gy.m2"
            : e.AccumulatedAverageGlandularDose != null ? N(e.AccumulatedAverageGlandularDose.Value) + " mGy AGD" : "-";

        private static string Stats(string name, DoseStatistics s, string unit) =>
            s == null ? "" : name + " " + N(s.Median) + " (" + N(s.FirstQuartile) + "-" + N(s.ThirdQuartile) + ") " + unit;

        private static string N(double value) => value.ToString("G4", CultureInfo.InvariantCulture);
    }
}
