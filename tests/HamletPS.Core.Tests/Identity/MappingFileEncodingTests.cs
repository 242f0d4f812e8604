using System.IO;
using System.Linq;
using System.Text;
using HamletPS.Core.Identity;
using HamletPS.Core.Tests;
using Xunit;

namespace HamletPS.Core.Tests.Identity
{
    /// <summary>
    /// mapping.csv as Excel saves it on Windows: "CSV UTF-8" (BOM), "Unicode Text" (UTF-16 LE, BOM, tabs) and plain "CSV"
    /// (Windows-1252). A listed patient must map whatever the encoding; a byte neither encoding defines names its line.
    /// Fixtures are synthetic MRNs.
    /// </summary>
    public class MappingFileEncodingTests
    {
        private static byte[] Bytes(params object[] parts) =>
            parts.SelectMany(p => p is string s ? Encoding.ASCII.GetBytes(s) : new[] { (byte)(int)p }).ToArray();

        [Fact]
        public void Windows1252Mapping_MapsTheMrnWithAnAccentAndANonBreakingSpace()
        {
            using var tmp = new TempFolder();
            // É (0xC9) and a non-breaking space (0xA0) in 1252: invalid UTF-8, so a lenient UTF-8 read turned them into U+FFFD.
            File.WriteAllBytes(tmp.File("mapping.csv"), Bytes("MRN,Study_ID\r\nSYN", 0xC9, "0001,999_1001\r\nSYN", 0xA0, "0002,999_1002\r\n"));
            var lookup = StudyIdLookup.Load(tmp.File("mapping.csv"));
            Assert.True(lookup.TryGetStudyId("SYN\u00C90001", out string first));
            Assert.Equal("999_1001", first);
            Assert.True(lookup.TryGetStudyId("SYN\u00A00002", out string second));
            Assert.Equal("999_1002", second);
        }

        [Fact]
        public void Windows1252Mapping_WithAnUndefinedByte_NamesItsLineAndOffset_NotTheValue()
        {
            using var tmp = new TempFolder();
            File.WriteAllBytes(tmp.File("mapping.csv"), Bytes("MRN,Study_ID\r\nSYN0001,999_1001\r\nSYN", 0x81, "0002,999_1002\r\n"));
            var ex = Assert.Throws<MappingFileException>(() => StudyIdLookup.Load(tmp.File("mapping.csv")));
            MappingFileError error = Assert.Single(ex.Errors);
            Assert.Equal(3, error.Line);
            Assert.Contains("0x81", error.Reason);
            Assert.Contains("byte offset 35", error.Reason);
            Assert.DoesNotContain("SYN", ex.Message);
        }

        [Fact]
        public void Utf16Mapping_FromExcelUnicodeText_Maps()
        {
            using var tmp = new TempFolder();
            File.WriteAllText(tmp.File("mapping.txt"), "MRN\tStudy_ID\r\nSYN\u00C90001\t999_1001\r\n", new UnicodeEncoding(false, true));
            var lookup = StudyIdLookup.Load(tmp.File("mapping.txt"));
            Assert.True(lookup.TryGetStudyId("SYN\u00C90001", out string id));
            Assert.Equal("999_1001", id);
        }

        [Fact]
        public void Utf8Mapping_WithAReplacementCharacter_NamesItsLine()
        {
            using var tmp = new TempFolder();
            File.WriteAllText(tmp.File("mapping.csv"), "MRN,Study_ID\nSYN0001,999_1001\nSYN\uFFFD0002,999_1002\n", new UTF8Encoding(false));
            var ex = Assert.Throws<MappingFileException>(() => StudyIdLookup.Load(tmp.File("mapping.csv")));
            Assert.Equal(3, Assert.Single(ex.Errors).Line);
            Assert.Contains("U+FFFD", ex.Errors[0].Reason);
        }

        [Fact]
        public void Utf16MappingWithoutAMark_IsRefusedNamingNul()
        {
            using var tmp = new TempFolder();
            File.WriteAllBytes(tmp.File("mapping.csv"), Encoding.Unicode.GetBytes("MRN,Study_ID\r\nSYN0001,999_1001\r\n"));
            var ex = Assert.Throws<MappingFileException>(() => StudyIdLookup.Load(tmp.File("mapping.csv")));
            Assert.Contains("NUL", Assert.Single(ex.Errors).Reason);
        }
    }
}
