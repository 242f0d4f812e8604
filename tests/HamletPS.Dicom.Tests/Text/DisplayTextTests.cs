using HamletPS.Dicom.Data;
using HamletPS.Dicom.Dictionary;
using HamletPS.Dicom.Text;
using Xunit;

namespace HamletPS.Dicom.Tests.Text
{
    public class DisplayTextTests
    {
        [Theory]
        [InlineData("SYN\nRCV: x.dcm", "SYN\\x0ARCV: x.dcm")]
        [InlineData("a\rb\tc\0d", "a\\x0Db\\x09c\\x00d")]
        [InlineData("\u001b[31mred\u001b[0m", "\\x1B[31mred\\x1B[0m")]
        [InlineData("del\u007f c1\u0085\u009b", "del\\x7F c1\\x85\\x9B")]
        [InlineData("abc\u202Efed", "abc\\u202Efed")]
        [InlineData("l\u2028p\u2029i\u2066\u2069m\u200F\u061C", "l\\u2028p\\u2029i\\u2066\\u2069m\\u200F\\u061C")]
        public void Escape_WritesUnsafeCharactersAsHexEscapes(string input, string expected)
        {
            Assert.Equal(expected, DisplayText.Escape(input));
            Assert.True(DisplayText.NeedsEscape(input));
            Assert.Equal(expected, DisplayText.Escape(expected)); // escaping twice changes nothing
        }

        [Fact]
        public void Escape_WritesUnpairedSurrogates_KeepsPairs()
        {
            // built here: xunit's theory data would not carry a lone surrogate intact
            string input = "lone" + (char)0xD800 + " low" + (char)0xDC00 + " pair\U0001F600";
            Assert.Equal("lone\\uD800 low\\uDC00 pair\U0001F600", DisplayText.Escape(input));
        }

        [Theory]
        [InlineData("Wang^XiaoDong=王^小東=")]
        [InlineData("1.2.840.10008\\2.25.1")]
        [InlineData("Müller^Zoë 😀 مرحبا")]
        [InlineData("")]
        public void Escape_KeepsPrintableTextOfAnyScript_AsTheSameInstance(string input)
        {
            Assert.Same(input, DisplayText.Escape(input));
            Assert.False(DisplayText.NeedsEscape(input));
        }

        [Fact]
        public void EscapeJson_UsesOnlyJsonEscapes()
        {
            Assert.Equal("{\"v\":\"a\\u202Eb\\u007Fc\\u0085\"}", DisplayText.EscapeJson("{\"v\":\"a\u202Eb\u007Fc\u0085\"}"));
        }

        [Fact]
        public void ElementDump_ShowsValuesEscaped()
        {
            var ds = new DicomDataset();
            ds.AddOrUpdate(DicomTags.PatientID, "SYN\n\u001b[2J");
            Assert.StartsWith("(0010,0020) LO [SYN\\x0A\\x1B[2J]", ds.GetElement(DicomTags.PatientID).ToString());
            Assert.DoesNotContain('\u001b', ds.ToDumpString()); // a char: ordinal (culture comparison ignores ESC)
        }
    }
}
