using System;
using System.Collections.Generic;
using System.IO;
using HamletPS.Dicom.IO;
using Xunit;

namespace HamletPS.Dicom.Tests.IO
{
    /// <summary>The one rule for names of files still being written: how they are made and how every walker recognises them.</summary>
    public class TemporaryFileNameTests
    {
        [Fact]
        public void Beside_IsAHiddenUniqueNameInTheSameFolder_EndingInPartial_WithTheBudgetedOverhead()
        {
            string final = Path.Combine(Path.GetTempPath(), "series", "2.25.1.dcm");
            string a = TemporaryFileName.Beside(final);
            string b = TemporaryFileName.Beside(final);

            Assert.Equal(Path.GetDirectoryName(final), Path.GetDirectoryName(a));
            Assert.Matches(@"^\.2\.25\.1\.dcm\.[0-9a-f]{12}\.partial$", Path.GetFileName(a));
            Assert.NotEqual(a, b);
            Assert.Equal(final.Length + TemporaryFileName.BesideOverhead, a.Length);
            Assert.Equal(22, TemporaryFileName.BesideOverhead); // what PathLengthBudget has always reserved for protected files
        }

        [Fact]
        public void InFolder_IsAHiddenUniqueName_ForAFileNotNamedYet()
        {
            string folder = Path.Combine(Path.GetTempPath(), "rx");
            string name = TemporaryFileName.InFolder(folder);

            Assert.Equal(folder, Path.GetDirectoryName(name));
            Assert.Matches(@"^\.[0-9a-f]{12}\.partial$", Path.GetFileName(name));
        }

        [Fact]
        public void Fixed_AddsOnlyTheSuffix()
        {
            Assert.Equal("/x/a.zip.partial", TemporaryFileName.Fixed("/x/a.zip"));
            Assert.Equal(TemporaryFileName.FixedOverhead, TemporaryFileName.Fixed("a").Length - 1);
        }

        [Theory]
        [InlineData(".2.25.1.dcm.0123456789ab.partial", true)]    // Beside
        [InlineData(".0123456789ab.partial", true)]                // InFolder (receiver)
        [InlineData("archive.zip.partial", true)]                  // Fixed
        [InlineData("ARCHIVE.ZIP.PARTIAL", true)]                  // case changed by a copy through Windows
        [InlineData(".c.dcm.3f9c0a6e12b7d054.tmp", true)]          // DicomFile's name before this rule
        [InlineData("c.dcm", false)]
        [InlineData("notes.tmp", false)]                           // a visible .tmp is not ours
        [InlineData(".hidden.dcm", false)]
        [InlineData("partial", false)]
        [InlineData("", false)]
        public void IsTemporary_RecognisesEveryShapeOfTheRule(string name, bool expected)
        {
            Assert.Equal(expected, TemporaryFileName.IsTemporary(name));
        }

        [Fact]
        public void EveryMadeName_IsRecognised()
        {
            Assert.True(TemporaryFileName.IsTemporary(Path.GetFileName(TemporaryFileName.Beside("/x/a.dcm"))));
            Assert.True(TemporaryFileName.IsTemporary(Path.GetFileName(TemporaryFileName.InFolder("/x"))));
            Assert.True(TemporaryFileName.IsTemporary(Path.GetFileName(TemporaryFileName.Fixed("/x/a.zip"))));
        }

        [Fact]
        public void UniqueParts_AreTwelveHexDigitsAndNeverRepeatInAProcess()
        {
            var names = new HashSet<string>(StringComparer.Ordinal);
            for (int i = 0; i < 200000; i++)
            {
                string name = TemporaryFileName.Unique();
                Assert.Matches("^[0-9a-f]{12}$", name);
                Assert.True(names.Add(name), "repeated: " + name);
            }
        }
    }
}
