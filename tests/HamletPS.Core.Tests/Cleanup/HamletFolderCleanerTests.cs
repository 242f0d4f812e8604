using System;
using System.IO;
using System.Linq;
using HamletPS.Core.Cleanup;
using Xunit;
using HamletPS.Dicom.IO;

namespace HamletPS.Core.Tests.Cleanup
{
    /// <summary>The OUTGOING guard of Clear compares paths by the operating system's rule (case-insensitive on Windows).</summary>
    public class HamletFolderCleanerTests
    {
        [Fact]
        public void Clear_UnderTheWindowsRule_RefusesOutgoingNamedInAnotherCase()
        {
            using var tmp = new TempFolder();
            string outgoing = Path.Combine(tmp.Path, "Site", "OUTGOING");
            Directory.CreateDirectory(outgoing);
            File.WriteAllText(Path.Combine(outgoing, "archive.zip"), "not sent yet");
            var cleaner = new HamletFolderCleaner(outgoing, null, PathRules.Windows);

            var ex = Assert.Throws<ArgumentException>(() => cleaner.Clear(Path.Combine(tmp.Path, "site", "outgoing"), "x", force: true).ToList());
            Assert.Contains("OUTGOING", ex.Message);
            Assert.Throws<ArgumentException>(() => cleaner.Clear(Path.Combine(tmp.Path, "SITE"), "x", force: true).ToList());
            Assert.True(File.Exists(Path.Combine(outgoing, "archive.zip")));
        }

        [Fact]
        public void Clear_UnderTheLinuxRule_TakesAFolderDifferingOnlyInCaseForAnotherFolder()
        {
            using var tmp = new TempFolder();
            string outgoing = Path.Combine(tmp.Path, "Site", "OUTGOING");
            Directory.CreateDirectory(outgoing);
            var cleaner = new HamletFolderCleaner(outgoing, null, PathRules.Linux);

            // On Linux "site/outgoing" is another (here absent) folder: nothing to clear, and no refusal.
            Assert.Empty(cleaner.Clear(Path.Combine(tmp.Path, "site", "outgoing"), "x", force: true).ToList());
            Assert.Throws<ArgumentException>(() => cleaner.Clear(Path.Combine(tmp.Path, "Site"), "x", force: true).ToList());
        }

        [Fact]
        public void Clear_TheCurrentRule_IsTheOperatingSystemsRule()
        {
            Assert.Equal(Path.DirectorySeparatorChar == '\\' || OperatingSystem.IsMacOS(), PathRules.Current.IgnoreCase);
        }
    }
}
