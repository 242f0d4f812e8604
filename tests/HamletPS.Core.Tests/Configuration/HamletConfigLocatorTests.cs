using System;
using System.Collections.Generic;
using System.IO;
using HamletPS.Core.Configuration;
using HamletPS.Core;
using Xunit;

namespace HamletPS.Core.Tests.Configuration
{
    /// <summary>The one rule of every command: a configuration NAMED (explicit path or $HAMLET_CONFIG) must exist; only the
    /// default search in the current folder may find nothing.</summary>
    public sealed class HamletConfigLocatorTests : IDisposable
    {
        private readonly string _here = Path.Combine(Path.GetTempPath(), "hamlet-locator-" + Guid.NewGuid().ToString("N"));

        public HamletConfigLocatorTests() => Directory.CreateDirectory(_here);

        public void Dispose() => Directory.Delete(_here, recursive: true);

        private static Func<string, string> Env(string hamletConfig) =>
            name => name == "HAMLET_CONFIG" ? hamletConfig : null;

        [Fact]
        public void ResolveOptional_NothingNamedAndNoDefaultFile_IsNull()
        {
            Assert.Null(HamletConfigLocator.ResolveOptional(null, _here, Env(null)));
        }

        [Fact]
        public void ResolveOptional_TakesConfigYamlInTheCurrentFolder_WhenNothingIsNamed()
        {
            string file = Path.Combine(_here, "config.yaml");
            File.WriteAllText(file, "APP:\n");
            Assert.Equal(file, HamletConfigLocator.ResolveOptional(null, _here, Env(null)));
        }

        [Fact]
        public void ResolveOptional_HamletConfigNamingAMissingFile_Throws_EvenWithConfigYamlHere()
        {
            File.WriteAllText(Path.Combine(_here, "config.yaml"), "APP:\n");
            string missing = Path.Combine(_here, "elsewhere", "missing.yaml");

            var ex = Assert.Throws<HamletException>(() => HamletConfigLocator.ResolveOptional(null, _here, Env(missing)));
            Assert.Equal(ErrorIds.ConfigNotFound, ex.ErrorId);
            Assert.Contains(missing, ex.Message);
            Assert.Contains("$HAMLET_CONFIG", ex.Message);
        }

        [Fact]
        public void ResolveOptional_AnExplicitPathToAMissingFile_Throws()
        {
            string missing = Path.Combine(_here, "missing.yaml");
            var ex = Assert.Throws<HamletException>(() => HamletConfigLocator.ResolveOptional(missing, _here, Env(null)));
            Assert.Equal(ErrorIds.ConfigNotFound, ex.ErrorId);
            Assert.Contains(missing, ex.Message);
        }

        [Fact]
        public void ResolveOptional_AnExplicitPath_BeatsHamletConfig()
        {
            string named = Path.Combine(_here, "named.yaml");
            File.WriteAllText(named, "APP:\n");
            Assert.Equal(named, HamletConfigLocator.ResolveOptional(named, _here, Env(Path.Combine(_here, "missing.yaml"))));
        }

        [Theory]
        [InlineData(null, null, false)]
        [InlineData("  ", "", false)]
        [InlineData("c.yaml", null, true)]
        [InlineData(null, "c.yaml", true)]
        public void IsNamed_IsTrueForAnExplicitPathOrHamletConfig(string explicitPath, string variable, bool named)
        {
            Assert.Equal(named, HamletConfigLocator.IsNamed(explicitPath, Env(variable)));
        }
    }
}
