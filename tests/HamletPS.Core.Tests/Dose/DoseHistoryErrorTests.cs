using System;
using System.IO;
using System.Text.RegularExpressions;
using HamletPS.Core.Dose;
using HamletPS.Core.Tests.Deidentification;
using Xunit;

namespace HamletPS.Core.Tests.Dose
{
    /// <summary>
    /// The dose history speaks the one error vocabulary: each refusal is a <see cref="HamletException"/> with an id of
    /// <see cref="ErrorIds"/> (set-up or not, as the list says), and its message names the setting in braces, never a
    /// face's parameter syntax.
    /// </summary>
    public class DoseHistoryErrorTests
    {
        private static readonly Regex FaceParameter = new Regex(@"(?<![\w-])(-[A-Z][A-Za-z]+|--[a-z][a-z-]+)");

        private static void AssertNeutral(HamletException ex, string errorId, bool setup, params string[] settings)
        {
            Assert.Equal(errorId, ex.ErrorId);
            Assert.True(ErrorIds.IsKnown(ex.ErrorId), ex.ErrorId);
            Assert.Equal(setup, ex.IsSetup);
            Assert.False(FaceParameter.IsMatch(ex.Message), ex.Message);
            Assert.False(FaceParameter.IsMatch(ex.Remedy ?? ""), ex.Remedy);
            foreach (string setting in settings) Assert.Contains("{" + setting + "}", ex.Remedy);
        }

        [Fact]
        public void NoDatabaseAndNoConfiguration_IsASetUpError_NamingTheSettings()
        {
            HamletException ex = Assert.Throws<HamletException>(() => DoseHistorySetup.ResolveDatabasePath(new DoseHistoryRequest()));
            AssertNeutral(ex, ErrorIds.InvalidDoseHistorySettings, true, "DatabasePath", "ConfigPath");
        }

        [Fact]
        public void AnUnknownExportFormat_OrExtension_IsASetUpError_NamingTheFormatSetting()
        {
            AssertNeutral(Assert.Throws<HamletException>(() => DoseHistorySetup.ChooseExportFormat("out.csv", "pdf")),
                ErrorIds.InvalidDoseHistorySettings, true, "Format");
            AssertNeutral(Assert.Throws<HamletException>(() => DoseHistorySetup.ChooseExportFormat("out.txt", null)),
                ErrorIds.InvalidDoseHistorySettings, true, "Format");
        }

        [Fact]
        public void AnEmptyDateRange_IsASetUpError_NamingFromAndTo()
        {
            var filter = new DoseHistoryFilter { From = new DateTime(2026, 3, 2), To = new DateTime(2026, 3, 1) };
            HamletException ex = Assert.Throws<HamletException>(() => DoseHistorySetup.CreateFilter(new DoseHistoryRequest(), filter));
            AssertNeutral(ex, ErrorIds.InvalidDoseHistorySettings, true, "From", "To");
            Assert.Contains("2026-03-02", ex.Message);
        }

        [Fact]
        public void AnExistingExport_IsASetUpRefusalWithoutForce_AndLeftForForce()
        {
            string scratch = DeidTestSupport.NewScratch("dosehist-exists");
            string existing = Path.Combine(scratch, "dose.csv");
            File.WriteAllText(existing, "kept");
            HamletException ex = Assert.Throws<HamletException>(() => DoseHistorySetup.CheckExportDestination(existing, force: false));
            AssertNeutral(ex, ErrorIds.ExportExists, true, "Force"); // as ConfigExists: nothing was touched
            Assert.Contains(existing, ex.Message);
            DoseHistorySetup.CheckExportDestination(existing, force: true);
            DoseHistorySetup.CheckExportDestination(Path.Combine(scratch, "new.csv"), force: false);
            Assert.Equal("kept", File.ReadAllText(existing));
        }

        [Fact]
        public void AMissingDatabase_IsTheDoseHistoryUnavailableSetUpError()
        {
            string scratch = DeidTestSupport.NewScratch("dosehist-absent");
            string absent = Path.Combine(scratch, "absent.sqlite");
            DoseHistoryException ex = Assert.Throws<DoseHistoryException>(() => DoseHistoryStore.Open(absent, create: false).Dispose());
            AssertNeutral(ex, ErrorIds.DoseHistoryUnavailable, true);
            Assert.Contains(absent, ex.Message);
            Assert.False(File.Exists(absent));
        }

        [Fact]
        public void AnExportThatCannotBeWritten_IsExportFailed_NamingTheFile_AndLeavesNothing()
        {
            string scratch = DeidTestSupport.NewScratch("dosehist-exportfail");
            string database = Path.Combine(scratch, "h.sqlite");
            string blocker = Path.Combine(scratch, "not-a-folder");
            File.WriteAllText(blocker, "a file where the export's folder should be");
            string destination = Path.Combine(blocker, "dose.csv");
            using (DoseHistoryStore store = DoseHistoryStore.Open(database))
            {
                HamletException ex = Assert.Throws<HamletException>(() =>
                    DoseHistoryExport.WriteFile(store, new DoseHistoryFilter(), destination, DoseExportFormat.Csv));
                AssertNeutral(ex, ErrorIds.ExportFailed, false);
                Assert.Contains(destination, ex.Message);
            }
            Assert.Empty(Directory.GetFiles(scratch, "*.partial", SearchOption.AllDirectories));
            Assert.Equal("a file where the export's folder should be", File.ReadAllText(blocker));
        }
    }
}
