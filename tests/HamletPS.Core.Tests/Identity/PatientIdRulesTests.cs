using System;
using System.IO;
using HamletPS.Core.Configuration;
using HamletPS.Core.Identity;
using Xunit;
using HamletPS.Core.Secrets;

namespace HamletPS.Core.Tests.Identity
{
    /// <summary>Issue 14, finding 9: what a Patient ID, a mapping key and a Study ID may contain; finding 8: a configured
    /// mapping file that cannot be used stops protection instead of pseudonymising listed patients.</summary>
    public class PatientIdRulesTests
    {
        private static readonly byte[] Key = Convert.FromHexString("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");

        private static IdentityResolver Resolver(string mapping = "MRN,Study_ID\n1234567,180_1001\n") =>
            new IdentityResolver(StudyIdLookup.Parse(new StringReader(mapping), "mapping.csv"), MrnPseudonymizer.CreateFf1(Key));

        [Theory]
        [InlineData("SYN\u00000880123", "control character at position 4")]
        [InlineData("SYN0880\n123", "control character at position 8")]
        [InlineData("SYN\u001b[31m0880", "control character at position 4")]
        [InlineData("M\u00fcller123456", "non-ASCII character at position 2")]
        [InlineData("SYN0880\\123456", "backslash")]
        [InlineData("SYN/../0880123", "not allowed in file names")]
        [InlineData(".SYN0880123", "starts with a dot")]
        public void Resolve_RefusesToPseudonymiseAPatientIdWithCharactersTheCipherCannotProtect(string mrn, string reason)
        {
            var ex = Assert.Throws<PseudonymizationException>(() => Resolver().Resolve(mrn));
            Assert.Contains(reason, ex.Message);
            Assert.DoesNotContain("0880", ex.Message);
        }

        [Fact]
        public void Resolve_RefusesAPatientIdLongerThanSixtyFourCharactersInsteadOfPassingItOn()
        {
            string mrn = new string('7', 300);
            var ex = Assert.Throws<PseudonymizationException>(() => Resolver().Resolve(mrn));
            Assert.Contains("300 characters; at most 64", ex.Message);
            Assert.Equal(64, Resolver().Resolve(new string('7', 64)).NewId.Length);
        }

        [Fact]
        public void Resolve_DropsTrailingNulPaddingLikeSpaces()
        {
            var resolver = Resolver();
            Assert.Equal(resolver.Resolve("7654321").NewId, resolver.Resolve(" 7654321 \0\0").NewId);
            Assert.Equal("180_1001", resolver.Resolve("1234567\0").NewId);
        }

        [Fact]
        public void Resolve_AListedPatientIsProtectedEvenWhenTheIdCouldNotBePseudonymised()
        {
            // A Study ID from the table is not derived from the MRN's characters; only keys the rules accept can be listed.
            var ex = Assert.Throws<MappingFileException>(() => StudyIdLookup.Parse(new StringReader("MRN,Study_ID\n\"A\u0001B1234\",180_1001\n"), "mapping.csv"));
            Assert.Equal(2, ex.Line);
            Assert.Contains("control character", ex.Reason);
        }

        [Fact]
        public void Resolve_ANonAsciiMrnThatCannotBePseudonymised_IsProtectedWhenListed()
        {
            // The way out the refusal names: list the patient. A key is only compared, so an accented letter or a no-break space
            // (an Excel file in Windows-1252) is a valid key, while the Study ID that goes out stays ASCII.
            var resolver = Resolver("MRN,Study_ID\nM\u00fcller123456,180_1001\nSYN\u00a00002,180_1002\n");
            Assert.Equal("180_1001", resolver.Resolve("M\u00fcller123456").NewId);
            Assert.Equal("180_1002", resolver.Resolve("SYN\u00a00002").NewId);
        }

        [Theory]
        [InlineData("SYN\u202e0880", "invisible separator or format character")]
        [InlineData("SYN\u20280880", "invisible separator or format character")]
        [InlineData("SYN\u00850880", "control character")]
        [InlineData("SYN\ufffd0880", "replacement character")]
        public void Parse_RefusesKeysWithInvisibleOrControlCharactersNamingTheLine(string key, string reason)
        {
            var ex = Assert.Throws<MappingFileException>(() => StudyIdLookup.Parse(new StringReader("MRN,Study_ID\n" + key + ",180_1001\n"), "mapping.csv"));
            Assert.Equal(2, ex.Line);
            Assert.Contains(reason, ex.Reason);
            Assert.DoesNotContain("0880", ex.Message);
        }

        [Theory]
        [InlineData("x/../180", "not allowed in file names")]
        [InlineData("180/1001", "not allowed in file names")]
        [InlineData("..", "'.' or '..'")]
        [InlineData(".hidden", "starts with a dot")]
        [InlineData("180\u00a01001", "non-ASCII")]
        public void Parse_RejectsStudyIdsThatCannotBeFolderNamesNamingTheLine(string studyId, string reason)
        {
            var ex = Assert.Throws<MappingFileException>(() => StudyIdLookup.Parse(new StringReader("MRN,Study_ID\n1234567,180_0001\n7654321," + studyId + "\n"), "mapping.csv"));
            Assert.Equal(3, ex.Line);
            Assert.Contains(reason, ex.Reason);
            Assert.DoesNotContain("7654321", ex.Message);
        }

        [Fact]
        public void Parse_RejectsAnOverlongKey()
        {
            var ex = Assert.Throws<MappingFileException>(() => StudyIdLookup.Parse(new StringReader("MRN,Study_ID\n" + new string('1', 65) + ",180_1001\n"), "mapping.csv"));
            Assert.Contains("65 characters; at most 64", ex.Reason);
        }

        [Fact]
        public void LoadLookup_AConfiguredMappingFileThatIsAbsentOrAFolderIsAnError_TheDefaultMayBeAbsent()
        {
            using var tmp = new TempFolder();
            tmp.Write("config.yaml", "APP:\n  SITE: s\nCIPHER:\n  FOLDERKEY: SiteKey1234567890\nHAMLET:\n  MAPPINGFILE: lists/mapping.csv\n");
            HamletConfig configured = HamletConfigLoader.Load(tmp.File("config.yaml"));
            Assert.True(configured.Hamlet.MappingFileConfigured);
            var absent = Assert.Throws<MappingFileException>(() => SiteCrypto.LoadLookup(configured.Hamlet));
            Assert.Contains("does not exist", absent.Message);
            Assert.Throws<MappingFileException>(() => SiteCrypto.FromConfig(configured, environment: _ => null));

            Directory.CreateDirectory(tmp.File("lists/mapping.csv"));
            Assert.Contains("is a folder", Assert.Throws<MappingFileException>(() => SiteCrypto.LoadLookup(configured.Hamlet)).Message);

            tmp.Write("plain/config.yaml", "APP:\n  SITE: s\nCIPHER:\n  FOLDERKEY: SiteKey1234567890\n");
            HamletConfig plain = HamletConfigLoader.Load(tmp.File("plain/config.yaml"));
            Assert.False(plain.Hamlet.MappingFileConfigured);
            Assert.Null(SiteCrypto.LoadLookup(plain.Hamlet));
            using (SiteCrypto.FromConfig(plain, environment: _ => null)) { }
        }

        [Fact]
        public void Validate_AConfiguredMappingFileThatIsAbsentIsAnErrorNotAWarning()
        {
            using var tmp = new TempFolder();
            tmp.Write("config.yaml", "APP:\n  SITE: s\n  USER: u\nDATAPATH:\n  INCOMING: in\n  SORTED: so\n  OUTGOING: out\nCIPHER:\n  FOLDERKEY: SiteKey1234567890\nHAMLET:\n  MAPPINGFILE: nowhere.csv\n");
            var findings = HamletConfigValidator.Validate(HamletConfigLoader.Load(tmp.File("config.yaml")));
            Assert.Contains(findings, f => f.Severity == ConfigSeverity.Error && f.Message.Contains("does not exist"));
        }
    }
}
