using System;
using System.Linq;
using HamletPS.Core.Identity;
using Xunit;

namespace HamletPS.Core.Tests.Identity
{
    public class MrnPseudonymizerTests
    {
        private static readonly byte[] Key = Convert.FromHexString("2B7E151628AED2A6ABF7158809CF4F3CEF4359D8D580AA4F7F036D6F04FC6A94");

        private static string ShapeOf(string s) => new string(s.Select(c => char.IsDigit(c) ? '9' : char.IsUpper(c) ? 'A' : char.IsLower(c) ? 'a' : c).ToArray());

        [Theory]
        [InlineData("1234567")]
        [InlineData("0000000000")]
        [InlineData("RJ123456")]
        [InlineData("ABCDE-123456")]
        [InlineData("abcdefgh")]
        [InlineData("Xyzzy/20240101")]
        public void Ff1_KeepsShapeForLongClassesAndReverses(string mrn)
        {
            var p = MrnPseudonymizer.CreateFf1(Key);
            var pseudonym = p.Pseudonymize(mrn);
            Assert.NotEqual(mrn, pseudonym);
            Assert.Equal(mrn.Length, pseudonym.Length);
            if (mrn.Count(char.IsDigit) is var d && (d == 0 || d >= 6) && mrn.Count(char.IsLetter) is var l && (l == 0 || l >= 5))
                Assert.Equal(ShapeOf(mrn), ShapeOf(pseudonym));
            Assert.Equal(mrn, p.Reveal(pseudonym));
            Assert.Equal(pseudonym, MrnPseudonymizer.CreateFf1((byte[])Key.Clone()).Pseudonymize(mrn));
        }

        [Theory]
        [InlineData("bioc-157w-nq2u")]
        [InlineData("A12345")]
        [InlineData("12")]
        [InlineData("9-9")]
        [InlineData("ab")]
        [InlineData("X1Y2")]
        public void Ff1_ShortMrnsUseMixedModeKeepSeparatorsAndReverse(string mrn)
        {
            var p = MrnPseudonymizer.CreateFf1(Key);
            var pseudonym = p.Pseudonymize(mrn);
            Assert.Equal(mrn.Length, pseudonym.Length);
            for (int i = 0; i < mrn.Length; i++)
                Assert.Equal(char.IsLetterOrDigit(mrn[i]), char.IsLetterOrDigit(pseudonym[i]));
            Assert.Equal(mrn.Where(c => !char.IsLetterOrDigit(c)), pseudonym.Where(c => !char.IsLetterOrDigit(c)));
            Assert.Equal(mrn, p.Reveal(pseudonym));
        }

        [Fact]
        public void Ff1_RoundTripsManyRandomMrns()
        {
            var rng = new Random(800_38);
            var p = MrnPseudonymizer.CreateFf1(Key);
            const string pool = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-/. ";
            var seen = new System.Collections.Generic.HashSet<string>();
            for (int i = 0; i < 2000; i++)
            {
                int n = rng.Next(2, 16);
                var mrn = new string(Enumerable.Range(0, n).Select(_ => pool[rng.Next(i % 3 == 0 ? 10 : pool.Length)]).ToArray()).Trim();
                if (mrn.Count(char.IsLetterOrDigit) < 2) continue;
                var pseudonym = p.Pseudonymize(mrn);
                Assert.Equal(mrn, p.Reveal(pseudonym));
                seen.Add(mrn);
            }
            Assert.True(seen.Count > 1500);
        }

        [Fact]
        public void Ff1_DifferentKeysGiveDifferentPseudonyms()
        {
            var other = (byte[])Key.Clone();
            other[31] ^= 0x80;
            Assert.NotEqual(MrnPseudonymizer.CreateFf1(Key).Pseudonymize("1234567"), MrnPseudonymizer.CreateFf1(other).Pseudonymize("1234567"));
        }

        [Fact]
        public void Ff1_RefusesTooShortMrnWithoutNamingIt()
        {
            var ex = Assert.Throws<PseudonymizationException>(() => MrnPseudonymizer.CreateFf1(Key).Pseudonymize("7"));
            Assert.DoesNotContain("7", ex.Message.Replace("800-38G", ""));
            Assert.Throws<ArgumentException>(() => MrnPseudonymizer.CreateFf1(new byte[16]));
        }

        [Fact]
        public void Vigenere_ShiftsDigitsAndLettersByKeyPositionKeepingCase()
        {
            // key "B3z0a9": shifts 11, 3, 35, 0, 10, 9
            var p = MrnPseudonymizer.CreateVigenere("B3z0a9");
            // '1'+11 -> 2, 'a'+3 -> d, '-' unchanged, 'Z'+0 -> Z, '9'+10 -> 9
            Assert.Equal("2d-Z9", p.Pseudonymize("1a-Z9"));
            Assert.Equal("1a-Z9", p.Reveal("2d-Z9"));
            Assert.Equal(PseudonymMethod.Vigenere, p.Method);
        }

        [Fact]
        public void Vigenere_RefusesAKeyNotLongerThanTheMrn()
        {
            var p = MrnPseudonymizer.CreateVigenere("abc1234");
            Assert.Equal("klm123", p.Pseudonymize("aaa000")); // shifts 10, 11, 12, 1, 2, 3
            Assert.Throws<KeyTooShortException>(() => p.Pseudonymize("aaa0001")); // equal length is not longer
            var ex = Assert.Throws<KeyTooShortException>(() => MrnPseudonymizer.CreateVigenere("abc123").Pseudonymize("654321"));
            Assert.Equal(6, ex.KeyLength);
            Assert.Equal(7, ex.RequiredLength);
            Assert.Contains("must be longer than the MRN", ex.Message);
            Assert.DoesNotContain("654321", ex.Message);
        }

        [Fact]
        public void Vigenere_RejectsKeysWithOtherCharacters()
        {
            Assert.Throws<ArgumentException>(() => MrnPseudonymizer.CreateVigenere("abc-def"));
        }
    }
}
