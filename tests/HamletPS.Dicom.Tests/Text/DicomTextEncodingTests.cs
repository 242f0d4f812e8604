using System;
using System.IO;
using System.Linq;
using System.Text;
using HamletPS.Dicom.Text;
using HamletPS.Generators;
using Xunit;

namespace HamletPS.Dicom.Tests.Text
{
    /// <summary>PS3.5 6.1.2.5 code extension rules: designation by escape sequence, resets, and the escapes the encoder writes.</summary>
    public class DicomTextEncodingTests
    {
        private static byte[] B(string s) => Encoding.Latin1.GetBytes(s.Replace("ESC", "\u001B"));

        private static DicomTextEncoding Cs(params string[] terms) => DicomTextEncoding.FromSpecificCharacterSet(terms);

        [Fact]
        public void Decode_CodeStringsAndPlainAscii_MapEachByteToTheCodePointOfTheSameNumber()
        {
            var all = new byte[256];
            for (int i = 0; i < all.Length; i++) all[i] = (byte)i;
            string code = DicomTextEncoding.Default.Decode(all, 3, 250, DicomTextKind.Code);
            Assert.Equal(250, code.Length);
            for (int i = 0; i < code.Length; i++) Assert.Equal(i + 3, code[i]);
            var ascii = new byte[] { 0x41, 0x5E, 0x7E, 0x20 };
            Assert.Equal("A^~ ", DicomTextEncoding.Parse("ISO_IR 100").Decode(ascii, 0, 4, DicomTextKind.Text));
        }

        [Fact]
        public void Decode_G1DesignationEndsAtValueDelimiter()
        {
            var e = Cs("ISO 2022 IR 100", "ISO 2022 IR 144");
            // ESC - L designates Cyrillic to G1; after '\' the initial G1 (Latin-1) is active again.
            Assert.Equal("Л\\é", e.Decode(B("ESC-L\xBB\\\xE9"), DicomTextKind.Text));
        }

        [Theory]
        [InlineData("\r")]
        [InlineData("\n")]
        [InlineData("\f")]
        [InlineData("\t")]
        public void Decode_ControlCharacterRestoresInitialSets(string control)
        {
            var e = Cs("ISO 2022 IR 100", "ISO 2022 IR 144");
            Assert.Equal("Л" + control + "é", e.Decode(B("ESC-L\xBB" + control + "\xE9"), DicomTextKind.Text));
        }

        [Fact]
        public void Decode_PersonNameComponentAndGroupDelimitersRestoreInitialSets_TextDoesNot()
        {
            var e = Cs("ISO 2022 IR 100", "ISO 2022 IR 144");
            byte[] bytes = B("ESC-L\xBB^\xE9=\xE9");
            Assert.Equal("Л^é=é", e.Decode(bytes, DicomTextKind.PersonName));
            Assert.Equal("Л^щ=щ", e.Decode(bytes, DicomTextKind.Text));
        }

        [Fact]
        public void Decode_BytesLikeDelimitersInsideDoubleByteRunArePartOfCharacters()
        {
            var e = Cs("", "ISO 2022 IR 87");
            // JIS X 0208 0x305C and 0x215E contain the bytes of '\' and '^'; inside ESC $ B they are kanji/symbols.
            string s = e.Decode(B("ESC$B0\\!^ESC(B^A"), DicomTextKind.PersonName);
            Assert.Equal(4, s.Length);
            Assert.DoesNotContain('\\', s);
            Assert.Equal("^A", s.Substring(2));
            Assert.Equal(B("ESC$B0\\!^ESC(B^A"), e.Encode(s, DicomTextKind.PersonName));
        }

        [Fact]
        public void Decode_MultiValuedWithEmptyFirstValueStartsInDefaultRepertoire()
        {
            var e = Cs("", "ISO 2022 IR 87");
            Assert.True(e.UsesCodeExtensions);
            Assert.Equal("Yamada", e.Decode(B("Yamada"), DicomTextKind.PersonName));
            Assert.Equal("山", e.Decode(B("ESC$B;3ESC(B"), DicomTextKind.PersonName));
        }

        [Fact]
        public void Encode_PersonNameEscapesEachComponentAndReturnsToAsciiBeforeDelimiters()
        {
            var e = Cs("", "ISO 2022 IR 87");
            Assert.Equal(B("Yamada^Tarou=ESC$B;3EDESC(B^ESC$BB@O:ESC(B"), e.Encode("Yamada^Tarou=山田^太郎", DicomTextKind.PersonName));
        }

        [Fact]
        public void Encode_G1DoubleByteSetIsDesignatedAgainAfterEachPersonNameDelimiter()
        {
            var e = Cs("", "ISO 2022 IR 149");
            byte[] bytes = e.Encode("洪^吉洞", DicomTextKind.PersonName);
            Assert.Equal(B("ESC$)C\xFB\xF3^ESC$)C\xD1\xCE\xD4\xD7"), bytes);
        }

        [Fact]
        public void Encode_MultiValuedTextReturnsToInitialSetBeforeEachBackslash()
        {
            var e = Cs("", "ISO 2022 IR 87");
            Assert.Equal(B("ESC$B;3EDESC(B\\ESC$BB@O:ESC(B"), e.Encode("山田\\太郎", DicomTextKind.Text));
            Assert.Equal(B("ESC$B;3EDESC(B\r\nA"), e.Encode("山田\r\nA", DicomTextKind.Text));
        }

        [Fact]
        public void Encode_JisX0201InitialSetReturnsWithRomajiEscape()
        {
            var e = Cs("ISO 2022 IR 13", "ISO 2022 IR 87");
            Assert.Equal(B("\xD4\xCF\xC0\xDE=ESC$B;3EDESC(J"), e.Encode("ﾔﾏﾀﾞ=山田", DicomTextKind.PersonName));
        }

        [Fact]
        public void Encode_SwitchesG1BetweenSingleByteSetsAndRestoresAtEnd()
        {
            var e = Cs("ISO 2022 IR 100", "ISO 2022 IR 144");
            byte[] bytes = e.Encode("Jé Люк", DicomTextKind.Text);
            Assert.Equal(B("J\xE9 ESC-L\xBB\xEE\u00DAESC-A"), bytes);
            Assert.Equal("Jé Люк", e.Decode(bytes, DicomTextKind.Text));
        }

        [Fact]
        public void Encode_PicksTheSecondG0SetForCharactersOnlyItHas()
        {
            var e = Cs("", "ISO 2022 IR 87", "ISO 2022 IR 159");
            byte[] bytes = e.Encode("山丂", DicomTextKind.Text);
            Assert.Equal(B("ESC$B;3ESC$(D0!ESC(B"), bytes);
            Assert.Equal("山丂", e.Decode(bytes, DicomTextKind.Text));
        }

        [Fact]
        public void Encode_CharacterNoDeclaredSetHasBecomesQuestionMarkAndIsReported()
        {
            var e = Cs("ISO_IR 100");
            Assert.False(e.TryEncode("A山", DicomTextKind.PersonName, out byte[] bytes));
            Assert.Equal(B("A?"), bytes);
            Assert.False(e.CanEncode("山", DicomTextKind.Text));
            Assert.True(e.CanEncode("Jérôme", DicomTextKind.Text));
            Assert.False(Cs("", "ISO 2022 IR 87").CanEncode("😀", DicomTextKind.Text));
            Assert.True(DicomTextEncoding.Utf8.CanEncode("😀", DicomTextKind.Text));
        }

        [Fact]
        public void Latin9_Iso2022Ir203_EncodesEuroSign()
        {
            var e = Cs("ISO_IR 203");
            Assert.Equal(new byte[] { 0xA4, 0xBC }, e.Encode("€Œ", DicomTextKind.Text));
            Assert.Equal("€Œ", e.Decode(new byte[] { 0xA4, 0xBC }, DicomTextKind.Text));
            Assert.True(e.IsKnown);
        }

        [Fact]
        public void UnknownTerm_IsReportedAndDecodedWithTheDefaultRepertoire()
        {
            var e = Cs("ISO_IR 999");
            Assert.False(e.IsKnown);
            Assert.Equal(new[] { "ISO_IR 999" }, e.UnknownTerms);
            Assert.Equal("Buc^Jérôme", e.Decode(B("Buc^J\xE9r\xF4me"), DicomTextKind.PersonName));
            Assert.True(Cs("ISO_IR 100").IsKnown);
        }

        [Fact]
        public void Term_CommonMisspellingsAreRecognised()
        {
            foreach (string t in new[] { "ISO_IR100", "ISO IR 100", "iso_ir 100", "ISO_IR 100 " })
            {
                var e = Cs(t);
                Assert.True(e.IsKnown, t);
                Assert.Equal("é", e.Decode(new byte[] { 0xE9 }, DicomTextKind.Text));
            }
            Assert.Equal("Ω", Cs("ISO_IR126").Decode(new byte[] { 0xD9 }, DicomTextKind.Text));
        }

        [Fact]
        public void StandAloneEncoding_IgnoresFurtherValues()
        {
            var e = Cs("ISO_IR 192", "ISO 2022 IR 87");
            Assert.False(e.UsesCodeExtensions);
            Assert.True(e.IsStandAloneMultiByte);
            Assert.Equal("王", e.Decode(new byte[] { 0xE7, 0x8E, 0x8B }, DicomTextKind.PersonName));
        }

        [Fact]
        public void Gb18030_ByteLikeBackslashInsideACharacterIsNotADelimiter()
        {
            var e = Cs("GB18030");
            string value = "A乗\\B";
            byte[] bytes = e.Encode(value, DicomTextKind.Text);
            Assert.Equal(2, bytes.Count(b => b == 0x5C));
            Assert.Equal(new[] { "A乗", "B" }, e.Decode(bytes, DicomTextKind.Text).Split('\\'));
        }

        [Fact]
        public void CodeKind_IsReadAsDefaultRepertoireWhateverTheCharacterSet()
        {
            var e = Cs("", "ISO 2022 IR 149");
            Assert.Equal("ISO_IR 100", e.Decode(B("ISO_IR 100"), DicomTextKind.Code));
            Assert.Equal(B("1.2.840"), e.Encode("1.2.840", DicomTextKind.Code));
        }

        [Fact]
        public void UnknownEscapeSequence_IsKeptSoTheValueRoundTrips()
        {
            var e = Cs("", "ISO 2022 IR 87");
            byte[] bytes = B("AESC%GB");
            string s = e.Decode(bytes, DicomTextKind.Text);
            Assert.Equal("A\u001B%GB", s);
            Assert.Equal(bytes, e.Encode(s, DicomTextKind.Text));
        }

        [Fact]
        public void Parse_ReadsTheRawBackslashSeparatedValue()
        {
            var e = DicomTextEncoding.Parse("\\ISO 2022 IR 87 ");
            Assert.Equal(new[] { "", "ISO 2022 IR 87" }, e.SpecificCharacterSet);
            Assert.Same(DicomTextEncoding.Default, DicomTextEncoding.Parse("  "));
            Assert.Same(DicomTextEncoding.Default, DicomTextEncoding.FromSpecificCharacterSet(Array.Empty<string>()));
        }

        [Fact]
        public void Default_DecodesAsciiAndReadsHighBytesAsLatin1()
        {
            Assert.Equal("Buc^Jérôme", DicomTextEncoding.Default.Decode(B("Buc^J\xE9r\xF4me"), DicomTextKind.PersonName));
            Assert.Equal(B("Buc^J\xE9r\xF4me"), DicomTextEncoding.Default.Encode("Buc^Jérôme", DicomTextKind.PersonName));
        }

        [Fact]
        public void Decode_RespectsOffsetAndCount()
        {
            byte[] bytes = B("xxESC-L\xBByy");
            Assert.Equal("Л", Cs("ISO 2022 IR 100", "ISO 2022 IR 144").Decode(bytes, 2, 4, DicomTextKind.Text));
            Assert.Throws<ArgumentOutOfRangeException>(() => DicomTextEncoding.Default.Decode(bytes, 5, 10, DicomTextKind.Text));
        }

        [Fact]
        public void GeneratedCharacterSetTables_AreCurrentWithTheGlibcCharmaps()
        {
            var dir = new DirectoryInfo(HamletPS.TestSupport.RepositoryPaths.Root);
            Assert.True(Directory.Exists(CharacterSetTableGenerator.DefaultCharmapFolder),
                CharacterSetTableGenerator.DefaultCharmapFolder + " is missing (Debian package `locales`)");
            using var tempFolder = new TempFolder("charsets");
            string temp = tempFolder.Path;
            try
            {
                string fresh = CharacterSetTableGenerator.GenerateFile(CharacterSetTableGenerator.DefaultCharmapFolder, temp);
                string checkedIn = Path.Combine(dir.FullName, CharacterSetTableGenerator.DefaultOutputFolder, CharacterSetTableGenerator.OutputFileName);
                Assert.True(File.ReadAllBytes(fresh).SequenceEqual(File.ReadAllBytes(checkedIn)),
                    "Text/Generated/" + CharacterSetTableGenerator.OutputFileName + " is stale: run `dotnet run --project src/HamletPS.Generators -- charsets`");
            }
            finally
            {
                if (Directory.Exists(temp)) Directory.Delete(temp, true);
            }
        }
    }
}
