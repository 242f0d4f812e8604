using System;
using System.IO;
using HamletPS.Cli.Verbs;
using HamletPS.Core.Dose;
using Xunit;

namespace HamletPS.Cli.Tests
{
    /// <summary>`hamlet dose import|history|export` in-process: exit codes and messages of the refusals.</summary>
    public sealed class DoseHistoryVerbTests : ScratchFolderTest
    {
        public DoseHistoryVerbTests() : base("hamlet-dosehist-verb-") { }

        private static (int Exit, string Out, string Err) Capture(Func<CliOutput, int> run)
        {
            var stdout = new StringWriter();
            var stderr = new StringWriter();
            int exit = run(new CliOutput(stdout, stderr));
            return (exit, stdout.ToString(), stderr.ToString());
        }

        [Fact]
        public void Import_WithAMissingConfiguration_IsConfigNotFound_AndWritesNothing()
        {
            DoseReportFiles.Make(Path.Combine(Root, "in", "ct.dcm"), "ct", 1);
            var r = Capture(o => DoseHistoryVerbs.RunImport(new[] { Path.Combine(Root, "in") }, false, null, Path.Combine(Root, "absent.yaml"),
                new DoseHistoryRequest(), false, o));
            Assert.Equal(2, r.Exit);
            Assert.Contains("error: ConfigNotFound:", r.Err); // the engine's own set-up id, as Import-DicomDoseReport gives it
            Assert.Contains("absent.yaml", r.Err);
            Assert.Empty(Directory.GetFiles(Root, "*.sqlite", SearchOption.AllDirectories));
        }

        [Fact]
        public void Import_WithoutASiteSecret_IsRefused_NothingStoredUnkeyed()
        {
            DoseReportFiles.Make(Path.Combine(Root, "in", "ct.dcm"), "ct", 1);
            string db = Path.Combine(Root, "h.sqlite");
            var r = Capture(o => DoseHistoryVerbs.RunImport(new[] { Path.Combine(Root, "in") }, false, null, null,
                new DoseHistoryRequest { DatabasePath = db }, false, o, keyVariable: "HAMLET_TEST_UNSET_" + Guid.NewGuid().ToString("N")));
            Assert.Equal(2, r.Exit);
            Assert.Contains("environment variable that is not set", r.Err);
            Assert.False(File.Exists(db));
        }

        [Fact]
        public void ImportThenExport_RefusesToReplaceAnExportWithoutForce_AndHistoryOfAMissingDatabaseIsExit2()
        {
            DoseReportFiles.Make(Path.Combine(Root, "in", "ct.dcm"), "ct", 1);
            string db = Path.Combine(Root, "h.sqlite");
            string variable = "HAMLET_TEST_KEY_" + Guid.NewGuid().ToString("N");
            Environment.SetEnvironmentVariable(variable, "verb-test-site-secret");
            try
            {
                var import = Capture(o => DoseHistoryVerbs.RunImport(new[] { Path.Combine(Root, "in") }, false, null, null,
                    new DoseHistoryRequest { DatabasePath = db }, false, o, variable));
                Assert.True(import.Exit == 0, import.Err);
                Assert.Contains("1 Added", import.Out);
            }
            finally
            {
                Environment.SetEnvironmentVariable(variable, null);
            }
            string csv = Path.Combine(Root, "out.csv");
            Assert.Equal(0, Capture(o => DoseHistoryVerbs.RunExport(csv, null, null, new DoseHistoryRequest { DatabasePath = db }, new DoseHistoryFilter(), false, o)).Exit);
            var again = Capture(o => DoseHistoryVerbs.RunExport(csv, null, null, new DoseHistoryRequest { DatabasePath = db }, new DoseHistoryFilter(), false, o));
            Assert.Equal(2, again.Exit); // a set-up refusal, as `hamlet config new` refuses an existing file
            Assert.Contains("error: ExportExists:", again.Err);
            Assert.Contains("--force", again.Err);
            Assert.DoesNotContain("-Force", again.Err);
            Assert.Equal(2, Capture(o => DoseHistoryVerbs.RunExport(Path.Combine(Root, "out.txt"), null, null, new DoseHistoryRequest { DatabasePath = db }, new DoseHistoryFilter(), false, o)).Exit);

            var missing = Capture(o => DoseHistoryVerbs.RunHistory(null, new DoseHistoryRequest { DatabasePath = Path.Combine(Root, "none.sqlite") }, new DoseHistoryFilter(), false, false, o));
            Assert.Equal(2, missing.Exit);
            Assert.Contains("error: DoseHistoryUnavailable:", missing.Err);
            Assert.Contains("does not exist", missing.Err);
        }

        [Fact]
        public void Export_WithNeitherFileNorCharts_IsASettingsError_AndChartsAloneAreWritten()
        {
            string db = Path.Combine(Root, "h.sqlite");
            using (DoseHistoryStore.Open(db)) { }
            var neither = Capture(o => DoseHistoryVerbs.RunExport(null, null, null, new DoseHistoryRequest { DatabasePath = db }, new DoseHistoryFilter(), false, o));
            Assert.Equal(2, neither.Exit);
            Assert.Contains("error: InvalidDoseHistorySettings:", neither.Err);
            Assert.Contains("--chart-path", neither.Err);

            string charts = Path.Combine(Root, "charts");
            var whatIf = Capture(o => DoseHistoryVerbs.RunExport(null, null, null, new DoseHistoryRequest { DatabasePath = db, WhatIf = true }, new DoseHistoryFilter(), false, o, charts));
            Assert.Equal(0, whatIf.Exit);
            Assert.False(Directory.Exists(charts));
            var written = Capture(o => DoseHistoryVerbs.RunExport(null, null, null, new DoseHistoryRequest { DatabasePath = db }, new DoseHistoryFilter(), false, o, charts));
            Assert.True(written.Exit == 0, written.Err);
            Assert.True(File.Exists(Path.Combine(charts, DoseHistoryCharts.IndexFile))); // an empty history: the page alone
            Assert.Equal(2, Capture(o => DoseHistoryVerbs.RunExport(null, null, null, new DoseHistoryRequest { DatabasePath = db }, new DoseHistoryFilter(), false, o, charts)).Exit);
        }

        [Fact]
        public void History_OfAnEmptyDateRange_IsASettingsError_NamingTheOptions_Exit2()
        {
            var filter = new DoseHistoryFilter { From = new DateTime(2026, 3, 2), To = new DateTime(2026, 3, 1) };
            var r = Capture(o => DoseHistoryVerbs.RunHistory(null, new DoseHistoryRequest { DatabasePath = Path.Combine(Root, "h.sqlite") }, filter, false, false, o));
            Assert.Equal(2, r.Exit);
            Assert.Contains("error: InvalidDoseHistorySettings:", r.Err);
            Assert.Contains("--from", r.Err);
            Assert.Contains("--to", r.Err);
            Assert.DoesNotContain("-From", r.Err);
            Assert.False(File.Exists(Path.Combine(Root, "h.sqlite")));
        }

        [Fact]
        public void History_OfAnEmptyAgeRange_IsASettingsError_NamingTheAgeOptions_Exit2()
        {
            var filter = new DoseHistoryFilter { MinimumAge = 16, MaximumAge = 2 };
            var r = Capture(o => DoseHistoryVerbs.RunHistory(null, new DoseHistoryRequest { DatabasePath = Path.Combine(Root, "age.sqlite") }, filter, false, false, o));
            Assert.Equal(2, r.Exit);
            Assert.Contains("error: InvalidDoseHistorySettings:", r.Err);
            Assert.Contains("--minimum-age", r.Err);
            Assert.Contains("--maximum-age", r.Err);
            Assert.False(File.Exists(Path.Combine(Root, "age.sqlite")));
        }

        [Fact]
        public void Export_ThatCannotBeWritten_IsExportFailed_Exit1_AndABadFormatIsASettingsError_Exit2()
        {
            string db = Path.Combine(Root, "h.sqlite");
            using (DoseHistoryStore.Open(db)) { }
            string blocker = Path.Combine(Root, "not-a-folder");
            File.WriteAllText(blocker, "x");
            var failed = Capture(o => DoseHistoryVerbs.RunExport(Path.Combine(blocker, "out.csv"), null, null, new DoseHistoryRequest { DatabasePath = db }, new DoseHistoryFilter(), false, o));
            Assert.Equal(1, failed.Exit);
            Assert.Contains("error: ExportFailed:", failed.Err);
            Assert.Contains(Path.Combine(blocker, "out.csv"), failed.Err);

            var format = Capture(o => DoseHistoryVerbs.RunExport(Path.Combine(Root, "out.txt"), null, null, new DoseHistoryRequest { DatabasePath = db }, new DoseHistoryFilter(), false, o));
            Assert.Equal(2, format.Exit);
            Assert.Contains("error: InvalidDoseHistorySettings:", format.Err);
            Assert.Contains("--format", format.Err);
        }

        [Fact]
        public void Import_OfAPathThatDoesNotExist_IsPathNotFound_Exit1()
        {
            string db = Path.Combine(Root, "h.sqlite");
            string variable = "HAMLET_TEST_KEY_" + Guid.NewGuid().ToString("N");
            Environment.SetEnvironmentVariable(variable, "verb-test-site-secret");
            try
            {
                var r = Capture(o => DoseHistoryVerbs.RunImport(new[] { Path.Combine(Root, "absent") }, false, null, null,
                    new DoseHistoryRequest { DatabasePath = db }, false, o, variable));
                Assert.Equal(1, r.Exit);
                Assert.Contains("error: PathNotFound:", r.Err);
                Assert.Contains("absent", r.Err);
            }
            finally
            {
                Environment.SetEnvironmentVariable(variable, null);
            }
        }
    }
}
