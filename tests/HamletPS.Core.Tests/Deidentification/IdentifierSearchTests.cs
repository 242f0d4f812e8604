using System;
using System.Collections.Generic;
using System.Text;
using HamletPS.Core.Deidentification;
using Xunit;

namespace HamletPS.Core.Tests.Deidentification
{
    /// <summary>The one-pass search must give exactly the per-value answers of IdentityTextMatcher.Contains (first value in order).</summary>
    public class IdentifierSearchTests
    {
        private static readonly string[] Pool = { "SMITH", "Jo", "John", "JOHNSON", "ann-marie", "o'neil", "12345", "MRN0042", "1975-03-02", "Baker Street", "ı", "İstanbul", "Straße", "K", "Ωmega", "x" };
        private const string Alphabet = "abcJOHNsmith SMITH johnson 0123456789-/.^_,'ıİßK\u212AΩω";

        [Fact]
        public void FirstContained_AgreesWithThePerValueSearch_OnRandomTextsAndValues()
        {
            var rng = new Random(4242);
            for (int round = 0; round < 300; round++)
            {
                var values = new List<IdentifierValue>();
                int n = rng.Next(0, 8);
                bool asciiOnly = round % 2 == 0;
                for (int i = 0; i < n; i++)
                {
                    string v = Pool[rng.Next(Pool.Length)];
                    if (asciiOnly && !IsAscii(v)) continue;
                    values.Add(new IdentifierValue(v, (IdentifierKind)(i % 8), rng.Next(2) == 0));
                }
                var search = new IdentifierSearch(values);
                for (int t = 0; t < 40; t++)
                {
                    var sb = new StringBuilder();
                    int len = rng.Next(0, 30);
                    for (int k = 0; k < len; k++)
                    {
                        if (values.Count > 0 && rng.Next(8) == 0) sb.Append(Vary(values[rng.Next(values.Count)].Value, rng));
                        else
                        {
                            char c = Alphabet[rng.Next(Alphabet.Length)];
                            if (asciiOnly && c >= 0x80) c = 'q';
                            sb.Append(c);
                        }
                    }
                    string text = sb.ToString();
                    int expected = -1;
                    for (int j = 0; j < values.Count; j++)
                        if (IdentityTextMatcher.Contains(text, values[j])) { expected = j; break; }
                    Assert.Equal(expected, search.FirstContained(text));
                }
            }
        }

        [Theory]
        [InlineData(10)]
        [InlineData(300)]
        [InlineData(70000)]
        public void FirstContained_FindsAnIdWrittenWithSeparators_AtTheEndOfLongTexts_AndNotInThePrefixAlone(int filler)
        {
            var values = new List<IdentifierValue> { new IdentifierValue("SMITH", IdentifierKind.PatientName, true), new IdentifierValue("MRN0042", IdentifierKind.PatientId, false) };
            var search = new IdentifierSearch(values);
            string prefix = new string('q', filler) + "\t";
            // A long text first (the thread's compact buffer grows, or is not kept past its cap), then a short one after it.
            Assert.Equal(1, search.FirstContained(prefix + "m r n-00\t42"));
            Assert.Equal(-1, search.FirstContained(prefix + "m r n-00"));
            Assert.Equal(-1, search.FirstContained("mrn-004"));
            Assert.Equal(1, search.FirstContained("x/MRN.0042"));
        }

        private static string Vary(string v, Random rng)
        {
            var c = v.ToCharArray();
            for (int i = 0; i < c.Length; i++) if (rng.Next(2) == 0) c[i] = char.IsUpper(c[i]) ? char.ToLowerInvariant(c[i]) : char.ToUpperInvariant(c[i]);
            return new string(c);
        }

        private static bool IsAscii(string s)
        {
            foreach (char ch in s) if (ch >= 0x80) return false;
            return true;
        }
    }
}
