using System;
using HamletPS.Core.Identity.Pseudonyms;
using Xunit;
using HamletPS.Core.Tests.Security;

namespace HamletPS.Core.Tests.Identity.Pseudonyms
{
    public class Ff1CipherTests
    {
        private const string Key128 = "2B7E151628AED2A6ABF7158809CF4F3C";
        private const string Key192 = "2B7E151628AED2A6ABF7158809CF4F3CEF4359D8D580AA4F";
        private const string Key256 = "2B7E151628AED2A6ABF7158809CF4F3CEF4359D8D580AA4F7F036D6F04FC6A94";
        private const string Tweak10 = "39383736353433323130";
        private const string Tweak11 = "3737373770717273373737";
        private const string Digits = "0123456789";
        private const string Base36 = "0123456789abcdefghijklmnopqrstuvwxyz";

        // NIST SP 800-38G FF1 samples 1-9 (FF1samples.pdf).
        [Theory]
        [InlineData(1, Key128, "", 10, "0123456789", "2433477484")]
        [InlineData(2, Key128, Tweak10, 10, "0123456789", "6124200773")]
        [InlineData(3, Key128, Tweak11, 36, "0123456789abcdefghi", "a9tv40mll9kdu509eum")]
        [InlineData(4, Key192, "", 10, "0123456789", "2830668132")]
        [InlineData(5, Key192, Tweak10, 10, "0123456789", "2496655549")]
        [InlineData(6, Key192, Tweak11, 36, "0123456789abcdefghi", "xbj3kv35jrawxv32ysr")]
        [InlineData(7, Key256, "", 10, "0123456789", "6657667009")]
        [InlineData(8, Key256, Tweak10, 10, "0123456789", "1001623463")]
        [InlineData(9, Key256, Tweak11, 36, "0123456789abcdefghi", "xs8a0azh2avyalyzuwd")]
        public void Ff1_MatchesNistSample(int sample, string key, string tweak, int radix, string plaintext, string ciphertext)
        {
            Assert.InRange(sample, 1, 9);
            var cipher = new Ff1Cipher(TestHex.Bytes(key), radix);
            var alphabet = radix == 10 ? Digits : Base36;
            var t = TestHex.Bytes(tweak);
            Assert.Equal(ciphertext, cipher.Encrypt(plaintext, alphabet, t));
            Assert.Equal(plaintext, cipher.Decrypt(ciphertext, alphabet, t));
        }

        [Theory]
        [InlineData(2, 7)]
        [InlineData(2, 64)]
        [InlineData(10, 2)]
        [InlineData(10, 31)]
        [InlineData(26, 5)]
        [InlineData(62, 13)]
        [InlineData(256, 40)]
        [InlineData(65536, 3)]
        public void Ff1_RoundTripsRandomNumerals(int radix, int length)
        {
            var rng = new Random(radix * 1000 + length);
            var key = new byte[32];
            rng.NextBytes(key);
            var cipher = new Ff1Cipher(key, radix);
            for (int trial = 0; trial < 20; trial++)
            {
                var x = new int[length];
                for (int i = 0; i < length; i++) x[i] = rng.Next(radix);
                var tweak = new byte[rng.Next(0, 40)];
                rng.NextBytes(tweak);
                var y = cipher.Encrypt(x, tweak);
                Assert.Equal(length, y.Length);
                Assert.All(y, v => Assert.InRange(v, 0, radix - 1));
                Assert.Equal(x, cipher.Decrypt(y, tweak));
            }
        }

        [Fact]
        public void Ff1_TweakChangesCiphertext()
        {
            var cipher = new Ff1Cipher(TestHex.Bytes(Key256), 10);
            var a = cipher.Encrypt("12345678", Digits, new byte[] { 1 });
            var b = cipher.Encrypt("12345678", Digits, new byte[] { 2 });
            Assert.NotEqual(a, b);
        }

        [Fact]
        public void Ff1_RejectsDomainSmallerThan100()
        {
            var cipher = new Ff1Cipher(TestHex.Bytes(Key256), 10);
            Assert.Throws<ArgumentException>(() => cipher.Encrypt(new[] { 1 }));
            var binary = new Ff1Cipher(TestHex.Bytes(Key256), 2);
            Assert.Throws<ArgumentException>(() => binary.Encrypt(new[] { 1, 0, 1, 0, 1, 0 })); // 2^6 = 64 < 100
            Assert.Equal(7, binary.MinimumLength);
        }

        [Fact]
        public void Ff1_RejectsNumeralOutsideRadixAndBadKey()
        {
            var cipher = new Ff1Cipher(TestHex.Bytes(Key256), 10);
            Assert.Throws<ArgumentException>(() => cipher.Encrypt(new[] { 1, 2, 10 }));
            Assert.Throws<ArgumentException>(() => new Ff1Cipher(new byte[20], 10));
            Assert.Throws<ArgumentOutOfRangeException>(() => new Ff1Cipher(new byte[32], 1));
        }
    }
}
