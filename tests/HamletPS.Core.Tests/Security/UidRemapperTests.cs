using System;
using System.Text.RegularExpressions;
using HamletPS.Core.Security;
using Xunit;

namespace HamletPS.Core.Tests.Security
{
    public class UidRemapperTests
    {
        private static readonly byte[] Key = TestHex.Bytes("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");

        [Fact]
        public void Remap_IsDeterministicAcrossInstances()
        {
            var a = new UidRemapper(Key).Remap("1.2.826.0.1.3680043.8.498.1");
            var b = new UidRemapper((byte[])Key.Clone()).Remap("1.2.826.0.1.3680043.8.498.1");
            Assert.Equal(a, b);
            Assert.StartsWith("2.25.", a);
            Assert.True(UidRemapper.IsValidUid(a));
            Assert.Matches(new Regex(@"^2\.25\.[1-9][0-9]{0,38}$"), a);
        }

        [Fact]
        public void Remap_DifferentUidsAndKeysGiveDifferentResults()
        {
            var remapper = new UidRemapper(Key);
            Assert.NotEqual(remapper.Remap("1.2.3.4"), remapper.Remap("1.2.3.5"));
            var otherKey = (byte[])Key.Clone();
            otherKey[0] ^= 1;
            Assert.NotEqual(remapper.Remap("1.2.3.4"), new UidRemapper(otherKey).Remap("1.2.3.4"));
        }

        [Fact]
        public void Remap_IgnoresDicomPaddingAndKeepsEmpty()
        {
            var remapper = new UidRemapper(Key);
            Assert.Equal(remapper.Remap("1.2.3.4"), remapper.Remap("1.2.3.4\0"));
            Assert.Equal("", remapper.Remap(""));
            Assert.Null(remapper.Remap(null));
        }

        [Fact]
        public void Remap_LeavesRegistryUidsUntouched()
        {
            const string ctImageStorage = "1.2.840.10008.5.1.4.1.1.2";
            var remapper = new UidRemapper(Key, isRegistryUid: uid => uid.StartsWith("1.2.840.10008.", StringComparison.Ordinal));
            Assert.Equal(ctImageStorage, remapper.Remap(ctImageStorage));
            Assert.NotEqual("1.2.3", remapper.Remap("1.2.3"));
        }

        [Fact]
        public void Remap_UnderCustomRootStaysWithin64Characters()
        {
            const string root = "1.2.826.0.1.3680043.10.1234.987654";
            var remapper = new UidRemapper(Key, root);
            for (int i = 0; i < 200; i++)
            {
                var uid = remapper.Remap("1.2.3." + i);
                Assert.StartsWith(root + ".", uid);
                Assert.True(uid.Length <= 64);
                Assert.True(UidRemapper.IsValidUid(uid), uid);
            }
        }

        [Fact]
        public void Constructor_RejectsInvalidOrTooLongRoot()
        {
            Assert.Throws<ArgumentException>(() => new UidRemapper(Key, "1.02.3"));
            Assert.Throws<ArgumentException>(() => new UidRemapper(Key, "1.2.a"));
            Assert.Throws<ArgumentException>(() => new UidRemapper(Key, "1." + new string('1', 50)));
        }
    }
}
