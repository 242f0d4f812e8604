using System;
using System.IO;
using HamletPS.Core.Identity;
using Xunit;

namespace HamletPS.Core.Tests.Identity
{
    public class IdentityResolverTests
    {
        private static readonly byte[] Key = Convert.FromHexString("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");
        private static StudyIdLookup Lookup(string text) => StudyIdLookup.Parse(new StringReader(text), "mapping.csv");

        [Fact]
        public void Resolve_UsesTheLookupWhenListed()
        {
            var resolver = new IdentityResolver(Lookup("MRN,Study_ID\n1234567,180_1001\n"), MrnPseudonymizer.CreateFf1(Key));
            var r = resolver.Resolve("1234567");
            Assert.Equal("180_1001", r.NewId);
            Assert.Equal(IdentitySource.Lookup, r.Source);
            Assert.DoesNotContain("1234567", r.Message);
        }

        [Fact]
        public void Resolve_PseudonymisesUnlistedMrnAndReportsOnlyThePseudonym()
        {
            var resolver = new IdentityResolver(Lookup("MRN,Study_ID\n1234567,180_1001\n"), MrnPseudonymizer.CreateFf1(Key));
            var r = resolver.Resolve("bioc-157w-nq2u");
            Assert.Equal(IdentitySource.Pseudonymised, r.Source);
            Assert.Equal("MRN not found in lookup - pseudonymised instead (pseudonym " + r.NewId + ")", r.Message);
            Assert.DoesNotContain("bioc", r.Message);
            var back = resolver.Reveal(r.NewId);
            Assert.Equal("bioc-157w-nq2u", back.OriginalId);
            Assert.Equal(IdentitySource.Pseudonymised, back.Source);
            Assert.DoesNotContain("bioc", back.Message);
            Assert.DoesNotContain("bioc", back.ToString());
        }

        [Fact]
        public void Reveal_PrefersTheReverseLookup()
        {
            var resolver = new IdentityResolver(Lookup("MRN,Study_ID\n1234567,180_1001\n"), MrnPseudonymizer.CreateFf1(Key));
            var back = resolver.Reveal("180_1001");
            Assert.Equal("1234567", back.OriginalId);
            Assert.Equal(IdentitySource.Lookup, back.Source);
        }

        [Fact]
        public void Resolve_UsesTheAccessionNumberForACouplingList()
        {
            var resolver = new IdentityResolver(Lookup("AccessionNumber,Study_ID\nACC77,180_1007\n"), MrnPseudonymizer.CreateFf1(Key));
            Assert.Equal("180_1007", resolver.Resolve("9999999", "ACC77").NewId);
            var fallback = resolver.Resolve("9999999", "ACC78");
            Assert.Equal(IdentitySource.Pseudonymised, fallback.Source);
            Assert.StartsWith("Accession number not found in lookup - pseudonymised instead", fallback.Message);
            Assert.Equal("ACC77", resolver.Reveal("180_1007").OriginalId);
        }

        [Fact]
        public void Resolve_FailsClosedWithoutPseudonymKey()
        {
            var resolver = new IdentityResolver(Lookup("MRN,Study_ID\n1,180_1001\n"), null);
            var ex = Assert.Throws<PseudonymizationException>(() => resolver.Resolve("5556667"));
            Assert.DoesNotContain("5556667", ex.Message);
            Assert.Throws<PseudonymizationException>(() => resolver.Resolve("  "));
            Assert.Throws<ArgumentException>(() => new IdentityResolver(null, null));
        }

        [Fact]
        public void Resolve_WithVigenereRefusesShortKeyClearly()
        {
            var resolver = new IdentityResolver(StudyIdLookup.Empty(), MrnPseudonymizer.CreateVigenere("key12"));
            Assert.Throws<KeyTooShortException>(() => resolver.Resolve("12345678"));
        }
    }
}
