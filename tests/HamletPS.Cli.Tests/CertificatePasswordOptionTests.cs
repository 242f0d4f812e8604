using System;
using System.Collections.Generic;
using System.IO;
using HamletPS.Cli.Verbs;
using Xunit;

namespace HamletPS.Cli.Tests
{
    /// <summary>--certificate-password names where the PFX password is (env:NAME, file:PATH); the password itself is refused.</summary>
    public sealed class CertificatePasswordOptionTests : ScratchFolderTest
    {
        public CertificatePasswordOptionTests() : base("hamlet-pfxpw-") => Directory.CreateDirectory(Root);

        [Fact]
        public void Password_FromEnvironmentOrFirstLineOfFile()
        {
            var env = new Dictionary<string, string> { ["PFX_PW"] = "from-env" };
            Assert.Equal("from-env", TlsOptionSet.ReadPassword("env:PFX_PW", n => env.TryGetValue(n, out var v) ? v : null));
            string file = Path.Combine(Root, "pw.txt");
            File.WriteAllText(file, "from-file\nsecond line\n");
            Assert.Equal("from-file", TlsOptionSet.ReadPassword("file:" + file, _ => null));
            Assert.Null(TlsOptionSet.ReadPassword(null, _ => null));
        }

        [Fact]
        public void LiteralPassword_MissingVariable_MissingFile_AreRefused_WithoutRepeatingTheValue()
        {
            var literal = Assert.Throws<ArgumentException>(() => TlsOptionSet.ReadPassword("hunter2secret", _ => null));
            Assert.DoesNotContain("hunter2secret", literal.Message);
            Assert.Contains("env:NAME or file:PATH", literal.Message);
            Assert.Throws<ArgumentException>(() => TlsOptionSet.ReadPassword("env:NOT_SET_ANYWHERE", _ => null));
            Assert.Throws<ArgumentException>(() => TlsOptionSet.ReadPassword("file:" + Path.Combine(Root, "missing"), _ => null));
        }
    }
}
