using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using HamletPS.Dicom.Text;
using Xunit;

namespace HamletPS.Dicom.Tests.Text
{
    /// <summary>DicomTextEncoding against pydicom 2.3 as the independent oracle (charset_files corpus, synthetic values, code tables).</summary>
    public class PydicomCharsetTests : IClassFixture<PydicomCharsetFixture>
    {
        private readonly PydicomCharsetFixture _py;

        public PydicomCharsetTests(PydicomCharsetFixture py) => _py = py;

        private static string[] Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()).ToArray();

        private static DicomTextKind Kind(string vr) => vr == "PN" ? DicomTextKind.PersonName : DicomTextKind.Text;

        /// <summary>pydicom prints a person name without its empty trailing component groups ("A=B=" as "A=B").</summary>
        private static string Normalise(string value, string vr) => vr == "PN" ? value.TrimEnd('=') : value;

        /// <summary>Our decoding split into values the way pydicom reports them (trailing padding removed).</summary>
        private static string[] OurValues(DicomTextEncoding encoding, byte[] raw, string vr)
        {
            string decoded = encoding.Decode(raw, Kind(vr)).TrimEnd(' ', '\0');
            return decoded.Split('\\').Select(v => Normalise(vr == "PN" ? v.TrimEnd(' ') : v.TrimEnd(' '), vr)).ToArray();
        }

        private static byte[] TrimPadding(byte[] raw)
        {
            int n = raw.Length;
            while (n > 0 && (raw[n - 1] == 0x20 || raw[n - 1] == 0)) n--;
            return raw.Take(n).ToArray();
        }

        [Fact]
        public void Oracle_CoversEveryCharsetFile()
        {
            var files = _py.Root.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("file").GetString()).Distinct().ToList();
            Assert.Equal(17, files.Count);
            Assert.Contains("chrSQEncoding.dcm", files);
        }

        [Fact]
        public void CharsetFiles_EveryTextElementDecodesLikePydicom()
        {
            var failures = new List<string>();
            int checkedCount = 0;
            foreach (var e in _py.Root.GetProperty("files").EnumerateArray())
            {
                string vr = e.GetProperty("vr").GetString();
                var encoding = DicomTextEncoding.FromSpecificCharacterSet(Strings(e.GetProperty("charset")));
                Assert.True(encoding.IsKnown);
                byte[] raw = Convert.FromHexString(e.GetProperty("raw").GetString());
                string[] expected = Strings(e.GetProperty("values")).Select(v => Normalise(v, vr)).ToArray();
                string[] ours = OurValues(encoding, raw, vr);
                checkedCount++;
                if (!expected.SequenceEqual(ours))
                    failures.Add(e.GetProperty("file").GetString() + " " + e.GetProperty("path").GetString() + ": pydicom ["
                        + string.Join("|", expected) + "] ours [" + string.Join("|", ours) + "]");
            }
            Assert.True(checkedCount > 100, "too few elements: " + checkedCount);
            Assert.True(failures.Count == 0, string.Join("\n", failures));
        }

        [Fact]
        public void CharsetFiles_ReEncodingRoundTripsAndEqualsCanonicalOriginalBytes()
        {
            var failures = new List<string>();
            int canonical = 0;
            foreach (var e in _py.Root.GetProperty("files").EnumerateArray())
            {
                string vr = e.GetProperty("vr").GetString();
                string where = e.GetProperty("file").GetString() + " " + e.GetProperty("path").GetString();
                var encoding = DicomTextEncoding.FromSpecificCharacterSet(Strings(e.GetProperty("charset")));
                byte[] raw = TrimPadding(Convert.FromHexString(e.GetProperty("raw").GetString()));
                string decoded = encoding.Decode(raw, Kind(vr));
                Assert.True(encoding.TryEncode(decoded, Kind(vr), out byte[] ours), where + ": not encodable");
                if (encoding.Decode(ours, Kind(vr)) != decoded) failures.Add(where + ": decode(encode(s)) != s");
                var pyEncoded = e.GetProperty("pydicomEncoded");
                bool originalIsCanonical = pyEncoded.ValueKind == JsonValueKind.String
                    && TrimPadding(Convert.FromHexString(pyEncoded.GetString())).SequenceEqual(raw);
                if (originalIsCanonical)
                {
                    canonical++;
                    if (!ours.SequenceEqual(raw))
                        failures.Add(where + ": original " + Convert.ToHexString(raw) + " ours " + Convert.ToHexString(ours));
                }
            }
            Assert.True(canonical > 50, "too few canonical elements: " + canonical);
            Assert.True(failures.Count == 0, string.Join("\n", failures));
        }

        [Fact]
        public void CharsetFiles_NonAsciiPatientNamesEncodeToTheOriginalBytes()
        {
            // The names pydicom itself re-encodes to the original bytes, which include escapes per component group.
            var names = _py.Root.GetProperty("files").EnumerateArray()
                .Where(e => e.GetProperty("path").GetString().EndsWith("00100010", StringComparison.Ordinal))
                .ToList();
            int nonAscii = 0;
            foreach (var e in names)
            {
                byte[] raw = TrimPadding(Convert.FromHexString(e.GetProperty("raw").GetString()));
                if (raw.All(b => b < 0x80 && b != 0x1B)) continue;
                nonAscii++;
                var encoding = DicomTextEncoding.FromSpecificCharacterSet(Strings(e.GetProperty("charset")));
                string name = encoding.Decode(raw, DicomTextKind.PersonName);
                Assert.Equal(name, encoding.Decode(encoding.Encode(name, DicomTextKind.PersonName), DicomTextKind.PersonName));
            }
            Assert.True(nonAscii >= 14, "non-ASCII names: " + nonAscii);
        }

        [Fact]
        public void Synthetic_PydicomEncodedValuesDecodeLikePydicom()
        {
            var failures = new List<string>();
            foreach (var e in _py.Root.GetProperty("synthetic").EnumerateArray())
            {
                string vr = e.GetProperty("vr").GetString();
                string[] terms = Strings(e.GetProperty("charset"));
                var encoding = DicomTextEncoding.FromSpecificCharacterSet(terms);
                byte[] raw = Convert.FromHexString(e.GetProperty("raw").GetString());
                string[] values = Strings(e.GetProperty("values")).Select(v => Normalise(v, vr)).ToArray();
                string[] pyDecoded = Strings(e.GetProperty("pydicomDecoded")).Select(v => Normalise(v, vr)).ToArray();
                // pydicom splits raw bytes on 0x5C before decoding, which breaks GB18030/GBK characters whose second byte is
                // 0x5C; there we expect the values themselves (our decoder reads the whole value first).
                bool pydicomSplitsACharacter = terms[0] is "GB18030" or "GBK" && raw.Contains((byte)0x5C) && !values.Any(v => v.Contains('\\'))
                    && values.Length == 1;
                string[] expected = pydicomSplitsACharacter ? values : pyDecoded;
                string[] ours = OurValues(encoding, raw, vr);
                if (!expected.SequenceEqual(ours))
                    failures.Add(string.Join("\\", terms) + " " + vr + ": expected [" + string.Join("|", expected) + "] ours [" + string.Join("|", ours) + "]");
            }
            Assert.True(failures.Count == 0, string.Join("\n", failures));
        }

        [Fact]
        public void Synthetic_OurEncodingRoundTripsEveryValue()
        {
            var failures = new List<string>();
            foreach (var e in _py.Root.GetProperty("synthetic").EnumerateArray())
            {
                string vr = e.GetProperty("vr").GetString();
                string[] terms = Strings(e.GetProperty("charset"));
                var encoding = DicomTextEncoding.FromSpecificCharacterSet(terms);
                string value = string.Join("\\", Strings(e.GetProperty("values")));
                bool complete = encoding.TryEncode(value, Kind(vr), out byte[] ours);
                string back = encoding.Decode(ours, Kind(vr));
                if (!complete || back != value)
                    failures.Add(string.Join("\\", terms) + " " + vr + ": [" + value + "] -> " + Convert.ToHexString(ours) + " -> [" + back + "]");
            }
            Assert.True(failures.Count == 0, string.Join("\n", failures));
        }

        [Theory]
        [InlineData("ISO 2022 IR 87", "$B", 0)]
        [InlineData("ISO 2022 IR 159", "$(D", 0)]
        [InlineData("ISO 2022 IR 149", "$)C", 0x80)]
        [InlineData("ISO 2022 IR 58", "$)A", 0x80)]
        public void DoubleByteSet_EveryCodeDecodesLikePydicomAndEncodesBack(string term, string escape, int highBit)
        {
            var table = _py.Root.GetProperty("tables").GetProperty(term);
            var encoding = DicomTextEncoding.FromSpecificCharacterSet(new[] { "", term });
            byte[] esc = System.Text.Encoding.ASCII.GetBytes("\u001B" + escape);
            byte[] back = highBit == 0 ? new byte[] { 0x1B, (byte)'(', (byte)'B' } : Array.Empty<byte>();
            var failures = new List<string>();
            int ourDefined = 0;
            for (int a = 0x21; a <= 0x7E; a++)
                for (int b = 0x21; b <= 0x7E; b++)
                {
                    byte[] bytes = esc.Concat(new[] { (byte)(a | highBit), (byte)(b | highBit) }).Concat(back).ToArray();
                    string ours = encoding.Decode(bytes, DicomTextKind.Text);
                    bool pyHas = table.TryGetProperty($"{a:X2}{b:X2}", out var pyChar);
                    if (ours != "\uFFFD") ourDefined++;
                    if (!pyHas)
                    {
                        // Codes pydicom cannot decode: we may still know them (KS X 1001 0x2454 HANGUL FILLER), never more.
                        if (ours != "\uFFFD" && !(term == "ISO 2022 IR 149" && a == 0x24 && b == 0x54))
                            failures.Add($"{a:X2}{b:X2}: pydicom undefined, ours U+{(int)ours[0]:X4}");
                        continue;
                    }
                    if (ours != pyChar.GetString()) { failures.Add($"{a:X2}{b:X2}: pydicom U+{(int)pyChar.GetString()[0]:X4} ours {string.Join(",", ours.Select(c => ((int)c).ToString("X4")))}"); continue; }
                    if (ours[0] < 0x80) continue; // (JIS X 0212 0x2237 is TILDE: written as ASCII)
                    byte[] encoded = encoding.Encode(ours, DicomTextKind.Text);
                    if (!encoded.SequenceEqual(bytes))
                        failures.Add($"{a:X2}{b:X2}: encodes to {Convert.ToHexString(encoded)}");
                }
            Assert.True(failures.Count == 0, failures.Count + " differences:\n" + string.Join("\n", failures.Take(40)));
            Assert.True(ourDefined > 6000, "defined codes: " + ourDefined);
        }

        [Theory]
        [InlineData("ISO_IR 100")]
        [InlineData("ISO_IR 101")]
        [InlineData("ISO_IR 109")]
        [InlineData("ISO_IR 110")]
        [InlineData("ISO_IR 144")]
        [InlineData("ISO_IR 127")]
        [InlineData("ISO_IR 126")]
        [InlineData("ISO_IR 138")]
        [InlineData("ISO_IR 148")]
        [InlineData("ISO_IR 166")]
        [InlineData("ISO_IR 13")]
        public void SingleByteSet_EveryUpperHalfByteDecodesLikePydicomAndEncodesBack(string term)
        {
            var table = _py.Root.GetProperty("tables").GetProperty(term);
            var encoding = DicomTextEncoding.FromSpecificCharacterSet(new[] { term });
            var failures = new List<string>();
            for (int b = 0xA0; b <= 0xFF; b++)
            {
                string ours = encoding.Decode(new[] { (byte)b }, DicomTextKind.Text);
                if (!table.TryGetProperty($"{b:X2}", out var pyChar) || (term == "ISO_IR 13" && b > 0xDF))
                {
                    // pydicom reads ISO_IR 13 with shift_jis, where 0xE0-0xFF lead double-byte characters; JIS X 0201 has none.
                    if (ours != "\uFFFD") failures.Add($"{b:X2}: pydicom undefined, ours U+{(int)ours[0]:X4}");
                    continue;
                }
                if (ours != pyChar.GetString()) { failures.Add($"{b:X2}: pydicom {pyChar.GetString()} ours {ours}"); continue; }
                byte[] encoded = encoding.Encode(ours, DicomTextKind.Text);
                if (!encoded.SequenceEqual(new[] { (byte)b })) failures.Add($"{b:X2}: encodes to {Convert.ToHexString(encoded)}");
            }
            Assert.True(failures.Count == 0, string.Join("\n", failures));
        }
    }
}
