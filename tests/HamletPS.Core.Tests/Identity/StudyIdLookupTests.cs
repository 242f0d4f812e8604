using System;
using System.IO;
using System.Linq;
using System.Text;
using HamletPS.Core.Identity;
using Xunit;

namespace HamletPS.Core.Tests.Identity
{
    public class StudyIdLookupTests
    {
        private static StudyIdLookup Parse(string text, StudyIdLookupOptions options = null)
            => StudyIdLookup.Parse(new StringReader(text), "mapping.csv", options);

        private static MappingFileException Reject(string text, StudyIdLookupOptions options = null)
            => Assert.Throws<MappingFileException>(() => Parse(text, options));

        [Fact]
        public void Load_ReadsTheGuidesExample()
        {
            var lookup = Parse("MRN,Study_ID\n1234567,180_1001\n1122334,180_1002\n4003503,180_1003\n4005405,180_1004\n");
            Assert.Equal(4, lookup.Count);
            Assert.Equal(LookupKeyKind.Mrn, lookup.KeyKind);
            Assert.True(lookup.TryGetStudyId("4003503", out var id));
            Assert.Equal("180_1003", id);
            Assert.True(lookup.TryGetKey("180_1004", out var mrn));
            Assert.Equal("4005405", mrn);
            Assert.False(lookup.TryGetStudyId("9999999", out _));
            Assert.Equal(7, lookup.LongestKeyLength);
        }

        [Fact]
        public void Load_ToleratesExcelOutput_BomCrlfSemicolonsQuotesBlankRows()
        {
            using var tmp = new TempFolder();
            var path = tmp.File("mapping.csv");
            // A line break inside quotes is read (here in a notes column: a key with a control character is refused, see PatientIdRulesTests).
            var text = "\"mrn\" ; \" Study ID \";Notes\r\n \"12;34\" ; 180_1001 \r\n\"AB\"\"7\";\"180_1002\"\r\n\"MLT3\";180_1003;\"MULTI\r\nLINE\"\r\n;;;\r\n\r\n ; \r\n";
            File.WriteAllBytes(path, new UTF8Encoding(true).GetBytes(text));
            var lookup = StudyIdLookup.Load(path);
            Assert.Equal(3, lookup.Count);
            Assert.True(lookup.TryGetStudyId("12;34", out var a)); Assert.Equal("180_1001", a);
            Assert.True(lookup.TryGetStudyId("AB\"7", out var b)); Assert.Equal("180_1002", b);
            Assert.True(lookup.TryGetStudyId("MLT3", out var c)); Assert.Equal("180_1003", c);
            Assert.True(lookup.TryGetStudyId("  12;34 ", out _));
        }

        [Fact]
        public void Load_ReadsTabDelimitedAndExtraColumns()
        {
            var lookup = Parse("Name\tMRN\tStudy_ID\tNotes\nx\t555\t180_1009\tsome, note\n");
            Assert.True(lookup.TryGetStudyId("555", out var id));
            Assert.Equal("180_1009", id);
        }

        [Fact]
        public void Load_AcceptsTheSamePairTwice()
        {
            var lookup = Parse("MRN,Study_ID\n111,180_1001\n111,180_1001\n");
            Assert.Equal(1, lookup.Count);
        }

        [Fact]
        public void Load_RejectsAnMrnWithTwoStudyIdsNamingBothRowsButNotTheMrn()
        {
            var ex = Reject("MRN,Study_ID\n8881234,180_1001\n2222,180_1002\n8881234,180_1003\n");
            Assert.Equal("mapping.csv", ex.File);
            Assert.Equal(4, ex.Line);
            Assert.Contains("row 4 repeats the MRN of row 2 with a different Study ID", ex.Message);
            Assert.StartsWith("mapping.csv:4:", ex.Message);
            Assert.DoesNotContain("8881234", ex.Message);
        }

        [Fact]
        public void Load_RejectsOneStudyIdForTwoMrns()
        {
            var ex = Reject("MRN,Study_ID\n7771111,180_1001\n7772222,180_1001\n");
            Assert.Equal(3, ex.Line);
            Assert.Contains("uses the Study ID of row 2 for a different MRN", ex.Message);
            Assert.DoesNotContain("7772222", ex.Message);
            Assert.DoesNotContain("7771111", ex.Message);
        }

        [Fact]
        public void Load_RejectsMissingColumns()
        {
            Assert.Contains("no MRN column", Reject("Patient,Study_ID\n1,2\n").Message);
            Assert.Contains("no Study_ID column", Reject("MRN,Trial\n1,2\n").Message);
            var headerless = Reject("6661234,180_1001\n");
            Assert.Equal(1, headerless.Line);
            Assert.DoesNotContain("6661234", headerless.Message);
            Assert.Contains("empty", Reject("").Message);
        }

        [Fact]
        public void Load_RejectsEmptyCellsWithTheirLine()
        {
            var ex = Reject("MRN,Study_ID\n1,180_1001\n,180_1002\n5553333,\n");
            Assert.Equal(2, ex.Errors.Count);
            Assert.Equal(3, ex.Errors[0].Line);
            Assert.Contains("empty MRN cell", ex.Errors[0].Reason);
            Assert.Equal(4, ex.Errors[1].Line);
            Assert.Contains("empty Study_ID cell", ex.Errors[1].Reason);
            Assert.DoesNotContain("5553333", ex.Message);
        }

        [Fact]
        public void Load_AppliesTheStudyIdPattern()
        {
            var options = new StudyIdLookupOptions { StudyIdPattern = @"^\d{3}_\d{4}$" };
            Assert.Equal(1, Parse("MRN,Study_ID\n1,180_1001\n", options).Count);
            var ex = Reject("MRN,Study_ID\n1,180_1001\n2,180-1002\n", options);
            Assert.Equal(3, ex.Line);
            Assert.Contains(@"does not match the pattern ^\d{3}_\d{4}$", ex.Message);
            Assert.Contains("not a valid regular expression", Reject("MRN,Study_ID\n", new StudyIdLookupOptions { StudyIdPattern = "(" }).Message);
        }

        [Fact]
        public void Load_RejectsAnUnclosedQuote()
        {
            var ex = Reject("MRN,Study_ID\n1,180_1001\n\"2,180_1002\n3,180_1003\n");
            Assert.Equal(3, ex.Line);
            Assert.Contains("never closed", ex.Message);
        }

        [Fact]
        public void Load_SelectsAccessionModeFromTheHeaderOrOption()
        {
            var coupling = Parse("Accession_Number;Study_ID\nACC001;180_1001\n");
            Assert.Equal(LookupKeyKind.AccessionNumber, coupling.KeyKind);
            Assert.True(coupling.TryGetStudyId("ACC001", out _));

            var both = "MRN,AccessionNumber,Study_ID\n111,ACC9,180_1001\n";
            Assert.Equal(LookupKeyKind.Mrn, Parse(both).KeyKind);
            var byAccession = Parse(both, new StudyIdLookupOptions { KeyKind = LookupKeyKind.AccessionNumber });
            Assert.True(byAccession.TryGetStudyId("ACC9", out var id));
            Assert.Equal("180_1001", id);
            Assert.Contains("no AccessionNumber column", Reject("MRN,Study_ID\n1,2\n", new StudyIdLookupOptions { KeyKind = LookupKeyKind.AccessionNumber }).Message);
        }

        [Fact]
        public void Load_ReportsEveryErrorOnce()
        {
            var ex = Reject("MRN,Study_ID\n1,A\n1,B\n2,A\n,C\n");
            Assert.Equal(new[] { 3, 4, 5 }, ex.Errors.Select(e => e.Line).ToArray());
            Assert.Contains("and 2 more", ex.Message);
        }

        [Fact]
        public void Load_CanIgnoreKeyCase()
        {
            var lookup = Parse("MRN,Study_ID\nabc-123,180_1001\n", new StudyIdLookupOptions { IgnoreKeyCase = true });
            Assert.True(lookup.TryGetStudyId("ABC-123", out _));
            Assert.False(Parse("MRN,Study_ID\nabc-123,180_1001\n").TryGetStudyId("ABC-123", out _));
        }
    }
}
