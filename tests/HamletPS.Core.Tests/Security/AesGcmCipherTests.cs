using System;
using HamletPS.Core.Security;
using Xunit;

namespace HamletPS.Core.Tests.Security
{
    public class AesGcmCipherTests
    {
        // The GCM specification's test cases (McGrew & Viega, as used by NIST's GCM validation): 1, 2 and 4.
        [Theory]
        [InlineData("00000000000000000000000000000000", "000000000000000000000000", "", "", "", "58e2fccefa7e3061367f1d57a4e7455a")]
        [InlineData("00000000000000000000000000000000", "000000000000000000000000", "00000000000000000000000000000000", "",
            "0388dace60b6a392f328c2b971b2fe78", "ab6e47d42cec13bdf53a67b21257bddf")]
        [InlineData("feffe9928665731c6d6a8f9467308308", "cafebabefacedbaddecaf888",
            "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39",
            "feedfacedeadbeeffeedfacedeadbeefabaddad2",
            "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091",
            "5bc94fbc3221a5db94fae95ae7121a47")]
        public void Gcm_MatchesPublishedTestVector(string key, string iv, string pt, string aad, string ct, string tag)
        {
            using var gcm = new AesGcmCipher(TestHex.Bytes(key));
            var plaintext = TestHex.Bytes(pt);
            var ciphertext = new byte[plaintext.Length];
            var actualTag = new byte[16];
            gcm.Encrypt(TestHex.Bytes(iv), plaintext, ciphertext, actualTag, TestHex.Bytes(aad));
            Assert.Equal(ct, TestHex.Of(ciphertext));
            Assert.Equal(tag, TestHex.Of(actualTag));
            var back = new byte[ciphertext.Length];
            gcm.Decrypt(TestHex.Bytes(iv), ciphertext, actualTag, back, TestHex.Bytes(aad));
            Assert.Equal(plaintext, back);
        }

        [Theory]
        [InlineData(16, 0, 0, 16)]
        [InlineData(16, 1, 0, 16)]
        [InlineData(24, 15, 3, 16)]
        [InlineData(32, 16, 16, 16)]
        [InlineData(32, 17, 17, 12)]
        [InlineData(32, 4097, 1, 16)]
        [InlineData(32, 70001, 300, 14)]
        public void Gcm_AgreesWithDotNetAesGcm(int keySize, int length, int aadLength, int tagSize)
        {
            var rng = new Random(keySize * 7919 + length + aadLength);
            for (int trial = 0; trial < 5; trial++)
            {
                var key = Random(rng, keySize);
                var nonce = Random(rng, 12);
                var pt = Random(rng, length);
                var aad = Random(rng, aadLength);
                var expectedCt = new byte[length];
                var expectedTag = new byte[tagSize];
                using (var reference = new System.Security.Cryptography.AesGcm(key, tagSize))
                    reference.Encrypt(nonce, pt, expectedCt, expectedTag, aad);
                var ct = new byte[length];
                var tag = new byte[tagSize];
                using var ours = new AesGcmCipher(key);
                ours.Encrypt(nonce, pt, ct, tag, aad);
                Assert.Equal(expectedCt, ct);
                Assert.Equal(expectedTag, tag);
                var back = new byte[length];
                ours.Decrypt(nonce, expectedCt, expectedTag, back, aad);
                Assert.Equal(pt, back);
            }
        }

        [Fact]
        public void Gcm_UsesThePlatformAesGcmOnThisRuntime()
        {
            using var gcm = new AesGcmCipher(new byte[32]);
            Assert.True(gcm.UsesPlatform);
            using var managed = new AesGcmCipher(new byte[32], usePlatform: false);
            Assert.False(managed.UsesPlatform);
        }

        [Theory]
        [InlineData(16, 0, 0)]
        [InlineData(24, 15, 3)]
        [InlineData(32, 17, 17)]
        [InlineData(32, 4097, 1)]
        [InlineData(32, 70001, 300)]
        public void Gcm_ManagedCodeAndPlatformPathGiveTheSameBytesAndReadEachOther(int keySize, int length, int aadLength)
        {
            var rng = new Random(keySize * 31 + length + aadLength);
            var key = Random(rng, keySize);
            var nonce = Random(rng, 12);
            var pt = Random(rng, length);
            var aad = Random(rng, aadLength);
            using var platform = new AesGcmCipher(key);
            using var managed = new AesGcmCipher(key, usePlatform: false);
            var ct1 = new byte[length]; var tag1 = new byte[16];
            var ct2 = new byte[length]; var tag2 = new byte[16];
            platform.Encrypt(nonce, pt, ct1, tag1, aad);
            managed.Encrypt(nonce, pt, ct2, tag2, aad);
            Assert.Equal(ct2, ct1);
            Assert.Equal(tag2, tag1);
            var back = new byte[length];
            managed.Decrypt(nonce, ct1, tag1, back, aad);
            Assert.Equal(pt, back);
            back = new byte[length];
            platform.Decrypt(nonce, ct2, tag2, back, aad);
            Assert.Equal(pt, back);
            if (length > 0)
            {
                ct1[length / 2] ^= 0x40;
                var output = new byte[length];
                Assert.Throws<AuthenticationFailedException>(() => platform.Decrypt(nonce, ct1, tag1, output, aad));
                Assert.All(output, b => Assert.Equal(0, b));
                Assert.Throws<AuthenticationFailedException>(() => managed.Decrypt(nonce, ct1, tag1, output, aad));
                Assert.All(output, b => Assert.Equal(0, b));
            }
        }

        [Theory]
        [InlineData("feffe9928665731c6d6a8f9467308308", "cafebabefacedbaddecaf888",
            "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39",
            "feedfacedeadbeeffeedfacedeadbeefabaddad2",
            "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091",
            "5bc94fbc3221a5db94fae95ae7121a47")]
        public void Gcm_ManagedCodeMatchesPublishedTestVector(string key, string iv, string pt, string aad, string ct, string tag)
        {
            using var gcm = new AesGcmCipher(TestHex.Bytes(key), usePlatform: false);
            var plaintext = TestHex.Bytes(pt);
            var ciphertext = new byte[plaintext.Length];
            var actualTag = new byte[16];
            gcm.Encrypt(TestHex.Bytes(iv), plaintext, ciphertext, actualTag, TestHex.Bytes(aad));
            Assert.Equal(ct, TestHex.Of(ciphertext));
            Assert.Equal(tag, TestHex.Of(actualTag));
        }

        [Fact]
        public void Gcm_TamperedCiphertextThrowsAndReleasesNoPlaintext()
        {
            var rng = new Random(38);
            var key = Random(rng, 32);
            var nonce = Random(rng, 12);
            var pt = Random(rng, 100);
            var ct = new byte[100];
            var tag = new byte[16];
            using var gcm = new AesGcmCipher(key);
            gcm.Encrypt(nonce, pt, ct, tag);
            ct[50] ^= 1;
            var output = new byte[100];
            var ex = Assert.Throws<AuthenticationFailedException>(() => gcm.Decrypt(nonce, ct, tag, output));
            Assert.Contains("Nothing was decrypted", ex.Message);
            Assert.All(output, b => Assert.Equal(0, b));
        }

        [Fact]
        public void Gcm_WrongKeyOrAssociatedDataThrows()
        {
            var rng = new Random(39);
            var nonce = Random(rng, 12);
            var pt = Random(rng, 33);
            var ct = new byte[33];
            var tag = new byte[16];
            using (var gcm = new AesGcmCipher(Random(rng, 32))) gcm.Encrypt(nonce, pt, ct, tag, new byte[] { 1, 2 });
            using (var other = new AesGcmCipher(Random(rng, 32)))
                Assert.Throws<AuthenticationFailedException>(() => other.Decrypt(nonce, ct, tag, new byte[33], new byte[] { 1, 2 }));
        }

        private static byte[] Random(Random rng, int n)
        {
            var b = new byte[n];
            rng.NextBytes(b);
            return b;
        }
    }
}
