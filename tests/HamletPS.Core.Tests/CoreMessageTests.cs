using System;
using System.IO;
using System.Text.RegularExpressions;
using HamletPS.Core;
using HamletPS.Core.Configuration;
using HamletPS.Core.Pipeline;
using HamletPS.Core.Upload;
using Xunit;

namespace HamletPS.Core.Tests
{
    /// <summary>Issue 17, finding 4: Core says what is wrong and which setting; it never writes a face's parameter syntax.</summary>
    public sealed class CoreMessageTests : IDisposable
    {
        private static readonly Regex PowerShellParameter = new Regex(@"(?<![\w-])-[A-Z][A-Za-z]+");
        private readonly string _root = Path.Combine(Path.GetTempPath(), "hamlet-core-messages-" + Guid.NewGuid().ToString("N"));

        public CoreMessageTests() => Directory.CreateDirectory(_root);

        public void Dispose() => Directory.Delete(_root, true);

        private ShareConnectionRequest Request() => new ShareConnectionRequest { CurrentDirectory = _root, Environment = _ => null };

        private static void AssertNeutral(HamletException ex, params string[] settings)
        {
            Assert.False(PowerShellParameter.IsMatch(ex.Message), ex.Message);
            Assert.False(PowerShellParameter.IsMatch(ex.Remedy ?? ""), ex.Remedy);
            foreach (string setting in settings) Assert.Contains("{" + setting + "}", ex.Remedy);
            Assert.True(ErrorIds.IsKnown(ex.ErrorId), ex.ErrorId);
        }

        [Fact]
        public void NoStorageCredentials_NamesTheSettings_NotTheirSyntax()
        {
            var r = Request();
            r.Share = "incoming";
            AssertNeutral(Assert.Throws<ShareConfigurationException>(() => ShareConnectionResolver.Resolve(r)), "ConnectionString", "SasToken", "AccountKey", "Credential");
        }

        [Fact]
        public void NoShareAndAmbiguousTarget_NameTheSettings()
        {
            var r = Request();
            r.AccountName = "acct";
            r.AccountKeyText = Convert.ToBase64String(new byte[32]);
            AssertNeutral(Assert.Throws<ShareConfigurationException>(() => ShareConnectionResolver.Resolve(r)), "Share", "Target");
            r.Share = "incoming";
            r.Target = "other/dir";
            HamletException ambiguous = Assert.Throws<ShareConfigurationException>(() => ShareConnectionResolver.Resolve(r));
            Assert.Equal(ErrorIds.AmbiguousTarget, ambiguous.ErrorId);
            AssertNeutral(ambiguous, "Target", "Share", "Directory");
        }

        [Fact]
        public void ConfigMissingOrExisting_AndARequiredValue_NameTheSettings()
        {
            AssertNeutral(Assert.Throws<HamletException>(() => HamletConfigLocator.Resolve("missing.yaml", _root, _ => null)), "ConfigPath");
            string existing = Path.Combine(_root, "config.yaml");
            File.WriteAllText(existing, "APP:\n  SITE: s\n");
            AssertNeutral(Assert.Throws<HamletException>(() => HamletConfigTemplate.Write(existing)), "Force");
            HamletException missing = Assert.Throws<HamletException>(() => WorkflowConfiguration.Require(null, null, "Site", "APP.SITE"));
            Assert.Equal(ErrorIds.ConfigurationMissing, missing.ErrorId);
            AssertNeutral(missing, "Site", "ConfigPath");
        }
    }
}
