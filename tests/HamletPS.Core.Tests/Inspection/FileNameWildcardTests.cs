using System;
using System.Text.RegularExpressions;
using HamletPS.Core.Inspection;
using Xunit;

namespace HamletPS.Core.Tests.Inspection
{
    public class FileNameWildcardTests
    {
        [Theory]
        [InlineData("*.dcm", "CT00001.dcm", true)]
        [InlineData("*.dcm", "CT00001.DCM", true)]
        [InlineData("*.dcm", "CT00001.dcm.partial", false)]
        [InlineData("CT??.dcm", "CT12.dcm", true)]
        [InlineData("CT??.dcm", "CT1.dcm", false)]
        [InlineData("CT??.dcm", "CT123.dcm", false)]
        [InlineData("*a*b*", "xxaYYbzz", true)]
        [InlineData("*a*b", "abab", true)]
        [InlineData("*a*b", "abba", false)]
        [InlineData("[ab].dcm", "[ab].dcm", true)]
        [InlineData("[ab].dcm", "a.dcm", false)]
        [InlineData("a.dcm", "aXdcm", false)]
        [InlineData("", "anything", true)]
        [InlineData("**", "", true)]
        [InlineData("?", "", false)]
        public void IsMatch_FollowsStarQuestionMarkAndLiteralRules(string pattern, string name, bool expected) =>
            Assert.Equal(expected, new FileNameWildcard(pattern).IsMatch(name));

        /// <summary>The oracle is .NET's regular-expression engine with the pattern translated the obvious way.</summary>
        [Fact]
        public void IsMatch_AgreesWithTheEquivalentRegularExpressionOnRandomNamesAndPatterns()
        {
            var random = new Random(20261123);
            const string alphabet = "abAB.*?";
            for (int i = 0; i < 20000; i++)
            {
                string pattern = RandomText(random, alphabet, 6);
                string name = RandomText(random, "abAB.", 8);
                var regex = new Regex("^" + Regex.Escape(pattern).Replace(@"\*", ".*").Replace(@"\?", ".") + "$",
                    RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline);
                bool expected = pattern.Length == 0 || regex.IsMatch(name);
                Assert.True(expected == new FileNameWildcard(pattern).IsMatch(name), "pattern '" + pattern + "' name '" + name + "'");
            }
        }

        private static string RandomText(Random random, string alphabet, int maxLength)
        {
            var chars = new char[random.Next(maxLength + 1)];
            for (int i = 0; i < chars.Length; i++) chars[i] = alphabet[random.Next(alphabet.Length)];
            return new string(chars);
        }
    }
}
