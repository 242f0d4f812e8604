using System.IO;
using System.Linq;
using HamletPS.Core.Configuration;
using HamletPS.Core.Identity;
using Xunit;

namespace HamletPS.Core.Tests.Configuration
{
    public class HamletConfigLoaderTests
    {
        // The HTP user guide's format, as a Windows site has it: paths end with '\', as the guide insisted.
        internal const string HtpConfig =
            "APP:\r\n" +
            "  SITE: addenbrookes\r\n" +
            "  USER: rj\r\n" +
            "DATAPATH:\r\n" +
            "  INCOMING: c:\\data\\htp\\incoming\\\r\n" +
            "  SORTED: c:\\data\\htp\\sorted\\\r\n" +
            "  OUTGOING: c:\\data\\htp\\outgoing\\\r\n" +
            "DICOMNODE:\r\n" +
            "  AET: HAMLETSCP\r\n" +
            "  PORT: 5000\r\n" +
            "CIPHER:\r\n" +
            "  FOLDERKEY: Zq84kLm20PxY7\r\n" +
            "AZURE:\r\n" +
            "  Account_Name: hamletrtcambridge\r\n" +
            "  ACCOUNTKEY: c2VjcmV0LWtleQ==\r\n" +
            "  SHARENAME: cambridge-incoming\r\n" +
            "  SomethingElse: kept\r\n";

        private static HamletConfigReadResult Parse(string yaml, string baseDir = "/base")
            => HamletConfigLoader.Parse(new StringReader(yaml), "config.yaml", baseDir);

        [Fact]
        public void Parse_ReadsTheHtpFormatWithWindowsPathsAndTrailingBackslashes()
        {
            var result = Parse(HtpConfig);
            Assert.False(result.HasErrors, string.Join("\n", result.Findings));
            var c = result.Config;
            Assert.Equal("addenbrookes", c.App.Site);
            Assert.Equal("rj", c.App.User);
            Assert.Equal(@"c:\data\htp\incoming", c.DataPath.Incoming);
            Assert.Equal(@"c:\data\htp\sorted", c.DataPath.Sorted);
            Assert.Equal(@"c:\data\htp\outgoing", c.DataPath.Outgoing);
            Assert.Equal("HAMLETSCP", c.DicomNode.AeTitle);
            Assert.Equal(5000, c.DicomNode.Port);
            Assert.Equal("Zq84kLm20PxY7", c.Cipher.FolderKey);
            Assert.Equal("c2VjcmV0LWtleQ==", c.Azure.AccountKey);
            Assert.Equal("cambridge-incoming", c.Azure.ShareName);
            Assert.Equal("kept", c.Azure.Values["SOMETHINGELSE"]);
            Assert.Null(c.Azure.AccountName); // "Account_Name" is kept as written but is not a known spelling
            Assert.Equal("hamletrtcambridge", c.Azure.Values["account_name"]);
            Assert.Equal(5, c.LocationOf("DATAPATH", "INCOMING").Line);
            Assert.Equal(10, c.LocationOf("DICOMNODE", "PORT").Line);
        }

        [Theory]
        [InlineData("")]
        [InlineData("/")]
        [InlineData("\\")]
        public void Parse_HtpFolders_AreTheSameWithOrWithoutATrailingSeparator(string separator)
        {
            var result = Parse("APP:\n  SITE: s\nDATAPATH:\n  INCOMING: /srv/htp/incoming" + separator + "\n  SORTED: data/sorted" + separator +
                               "\n  OUTGOING: c:\\htp\\outgoing" + separator + "\n");
            Assert.False(result.HasErrors, string.Join("\n", result.Findings));
            Assert.Equal("/srv/htp/incoming", result.Config.DataPath.Incoming);
            Assert.Equal(Path.Combine("/base", "data", "sorted"), result.Config.DataPath.Sorted);
            Assert.Equal(@"c:\htp\outgoing", result.Config.DataPath.Outgoing);
        }

        [Fact]
        public void Parse_AppliesDocumentedDefaultsForNewSections()
        {
            var c = Parse("APP:\n  SITE: s\n").Config;
            Assert.Equal("hamlet-rt", c.Hamlet.Profile);
            Assert.Equal("{SITE}_{USER}-{UUID}.zip", c.Hamlet.ArchiveName);
            Assert.Equal(Path.GetFullPath("/base/mapping.csv"), c.Hamlet.MappingFile);
            Assert.Equal(Path.GetFullPath("/base/logs"), c.Hamlet.Logs);
            Assert.Equal(Path.GetFullPath("/base/quarantine"), c.Hamlet.Quarantine);
            Assert.Equal(PseudonymMethod.Ff1, c.Hamlet.Pseudonym);
            Assert.Equal(LookupKeyKind.Auto, c.Hamlet.LookupKey);
            Assert.Equal(4, c.Upload.Parallelism);
            Assert.Equal(4 * 1024 * 1024, c.Upload.RangeSize);
            Assert.Equal(11112, c.DicomNode.Port);
        }

        [Fact]
        public void Parse_ReadsNewSectionsCaseInsensitivelyAndResolvesRelativePaths()
        {
            var c = Parse(
                "app:\n  site: s\n" +
                "datapath:\n  incoming: data/in/\n  sorted: /srv/sorted/\n  outgoing: /srv/out\n" +
                "hamlet:\n  profile: custom.yaml\n  MappingFile: lists/coupling.csv\n  lookupkey: accession_number\n  pseudonym: vigenere\n" +
                "  studyidpattern: '^\\d{3}_\\d{4}$'\n  archivename: '{STUDYID}.zip'\n  dateoffsetmin: -100\n  dateoffsetmax: -10\n" +
                "upload:\n  parallelism: 8\n  rangesize: 1048576\n  retries: 2\n").Config;
            Assert.Equal(Path.GetFullPath("/base/data/in"), c.DataPath.Incoming);
            Assert.Equal("/srv/sorted", c.DataPath.Sorted);
            Assert.Equal("custom.yaml", c.Hamlet.Profile);
            Assert.Equal(Path.GetFullPath("/base/lists/coupling.csv"), c.Hamlet.MappingFile);
            Assert.Equal(LookupKeyKind.AccessionNumber, c.Hamlet.LookupKey);
            Assert.Equal(PseudonymMethod.Vigenere, c.Hamlet.Pseudonym);
            Assert.Equal(@"^\d{3}_\d{4}$", c.Hamlet.StudyIdPattern);
            Assert.Equal(-100, c.Hamlet.DateOffsetMin);
            Assert.Equal(8, c.Upload.Parallelism);
            Assert.Equal(1048576, c.Upload.RangeSize);
            Assert.Equal(2, c.Upload.Retries);
        }

        [Fact]
        public void Parse_MalformedYamlReportsItsLine()
        {
            var result = Parse("APP:\n  SITE: s\nDATAPATH:\n  INCOMING: \"c:\\data\n  SORTED: x\n");
            Assert.Null(result.Config);
            var error = Assert.Single(result.Findings);
            Assert.Equal(ConfigSeverity.Error, error.Severity);
            Assert.Contains("not valid YAML", error.Message);
            Assert.InRange(error.Line, 4, 6);
            Assert.Equal("config.yaml", error.File);

            var indent = Parse("APP:\n  SITE: s\n   USER: x\n  bad\n");
            Assert.Null(indent.Config);
            Assert.Equal(3, indent.Findings[0].Line);
        }

        [Fact]
        public void Parse_ReportsUnknownSectionWithItsLine()
        {
            var result = Parse("APP:\n  SITE: s\nDATAPTH:\n  INCOMING: x\n");
            var error = Assert.Single(result.Findings);
            Assert.Equal(3, error.Line);
            Assert.Contains("unknown section DATAPTH", error.Message);
        }

        [Fact]
        public void Parse_ReportsWrongTypesWithTheirLines()
        {
            var result = Parse("APP:\n  SITE: [a, b]\nDATAPATH: c:\\data\nDICOMNODE:\n  PORT: five\n");
            var errors = result.Findings.Where(f => f.Severity == ConfigSeverity.Error).ToList();
            Assert.Equal(3, errors.Count);
            Assert.Equal(2, errors[0].Line); Assert.Contains("APP.SITE must be a single value", errors[0].Message);
            Assert.Equal(3, errors[1].Line); Assert.Contains("section DATAPATH must hold KEY: value lines", errors[1].Message);
            Assert.Equal(5, errors[2].Line); Assert.Contains("DICOMNODE.PORT must be a whole number", errors[2].Message);
        }

        [Theory]
        [InlineData("0")]
        [InlineData("65536")]
        [InlineData("-1")]
        public void Parse_ReportsPortOutOfRange(string port)
        {
            var error = Assert.Single(Parse("DICOMNODE:\n  AET: X\n  PORT: " + port + "\n").Findings);
            Assert.Equal(3, error.Line);
            Assert.Contains("out of range 1-65535", error.Message);
        }

        [Fact]
        public void Parse_ReadsTheOptionalDicomNodeAccessKeys_AndTheOldKeysAloneLeaveThemOpen()
        {
            var c = Parse("DICOMNODE:\n  AET: X\n  PORT: 104\n  LISTENADDRESS: 10.20.0.5\n  ALLOWEDPEERADDRESSES: 10.20.0.17, 10.20.0.0/28\n  AllowedCallingAETitles: TPS_SCU,PACS_SCU\n");
            Assert.Empty(c.Findings);
            Assert.Equal("10.20.0.5", c.Config.DicomNode.ListenAddress);
            Assert.Equal(new[] { "10.20.0.17", "10.20.0.0/28" }, c.Config.DicomNode.AllowedPeerAddresses);
            Assert.Equal(new[] { "TPS_SCU", "PACS_SCU" }, c.Config.DicomNode.AllowedCallingAeTitles);

            Assert.False(c.Config.DicomNode.DoseHistory);
            Assert.True(Parse("DICOMNODE:\n  DOSEHISTORY: true\n").Config.DicomNode.DoseHistory);
            Assert.False(Parse("DICOMNODE:\n  DOSEHISTORY: no\n").Config.DicomNode.DoseHistory);

            var old = Parse(HtpConfig);
            Assert.Null(old.Config.DicomNode.ListenAddress);
            Assert.Empty(old.Config.DicomNode.AllowedPeerAddresses);
            Assert.Empty(old.Config.DicomNode.AllowedCallingAeTitles);
        }

        [Theory]
        [InlineData("LISTENADDRESS: receiver.local", "DICOMNODE.LISTENADDRESS must be an IPv4 or IPv6 address")]
        [InlineData("ALLOWEDPEERADDRESSES: 10.0.0.1, pacs.local", "'pacs.local' is not an IPv4 or IPv6 address")]
        [InlineData("ALLOWEDPEERADDRESSES: 10.0.0.0/40", "prefix length must be 0..32")]
        [InlineData("ALLOWEDCALLINGAETITLES: TPS, SEVENTEEN_CHARS_XX", "AE titles of 1-16 printable ASCII characters")]
        [InlineData("DOSEHISTORY: sometimes", "DICOMNODE.DOSEHISTORY must be true or false")]
        public void Parse_RejectsBadDicomNodeAccessValues_WithTheLine(string line, string message)
        {
            var error = Assert.Single(Parse("DICOMNODE:\n  AET: X\n  " + line + "\n").Findings);
            Assert.Equal(ConfigSeverity.Error, error.Severity);
            Assert.Equal(3, error.Line);
            Assert.Contains(message, error.Message);
        }

        [Fact]
        public void Parse_WarnsAboutUnknownKeysAndRejectsBadEnumsAndPatterns()
        {
            var result = Parse("APP:\n  SITE: s\n  COLOUR: blue\nHAMLET:\n  PSEUDONYM: rot13\n  STUDYIDPATTERN: '(['\n  FUTURE: x\n");
            Assert.Contains(result.Findings, f => f.Severity == ConfigSeverity.Warning && f.Line == 3 && f.Message.Contains("APP.COLOUR"));
            Assert.Contains(result.Findings, f => f.Severity == ConfigSeverity.Error && f.Line == 5 && f.Message.Contains("FF1 or VIGENERE"));
            Assert.Contains(result.Findings, f => f.Severity == ConfigSeverity.Error && f.Line == 6 && f.Message.Contains("not a valid regular expression"));
            Assert.Contains(result.Findings, f => f.Severity == ConfigSeverity.Warning && f.Line == 7);
            Assert.Equal("x", result.Config.Hamlet.Other["FUTURE"]);
        }

        [Fact]
        public void Load_ThrowsWithFileAndLineAndNeverEchoesTheFolderKey()
        {
            using var tmp = new TempFolder();
            var path = tmp.Write("config.yaml", "CIPHER:\n  FOLDERKEY: VerySecret123\nDICOMNODE:\n  PORT: 99999\n");
            var ex = Assert.Throws<HamletConfigException>(() => HamletConfigLoader.Load(path));
            Assert.Equal(path, ex.File);
            Assert.Equal(4, ex.Line);
            Assert.StartsWith(path + ":4:", ex.Message);
            Assert.DoesNotContain("VerySecret123", ex.Message);
            var missing = Assert.Throws<HamletConfigException>(() => HamletConfigLoader.Load(tmp.File("nope.yaml")));
            Assert.Contains("does not exist", missing.Message);
        }

        [Fact]
        public void Parse_EmptyOrNonMappingFileIsAnError()
        {
            Assert.Contains("empty", Assert.Single(Parse("").Findings).Message);
            Assert.Contains("mapping of sections", Assert.Single(Parse("- a\n- b\n").Findings).Message);
        }

        [Fact]
        public void Parse_AcceptsEmptySections()
        {
            var result = Parse("APP:\n  SITE: s\nAZURE:\nCIPHER:\n  FOLDERKEY:\n");
            Assert.False(result.HasErrors, string.Join("\n", result.Findings));
            Assert.Null(result.Config.Cipher.FolderKey);
            Assert.Empty(result.Config.Azure.Values);
        }
    }
}
