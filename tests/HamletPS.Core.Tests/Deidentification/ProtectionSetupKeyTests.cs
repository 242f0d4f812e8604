using System;
using System.Collections.Generic;
using System.IO;
using HamletPS.Core.Configuration;
using HamletPS.Core.Deidentification;
using HamletPS.Core.Pipeline;
using Xunit;

namespace HamletPS.Core.Tests.Deidentification
{
    /// <summary>
    /// ProtectionSetup and the pipeline's protection step: the profile's own UID root and date range beat the configuration's,
    /// and one run resolves the site secret once.
    /// </summary>
    public class ProtectionSetupKeyTests
    {
        private const string SiteKey = "synthetic-site-secret-0001";

        /// <summary>An environment that serves the site key and counts how often each variable is read.</summary>
        private sealed class CountingEnvironment
        {
            public Dictionary<string, int> Reads { get; } = new Dictionary<string, int>(StringComparer.Ordinal);

            public string Get(string name)
            {
                Reads[name] = Reads.TryGetValue(name, out int n) ? n + 1 : 1;
                return name == "HAMLET_SITE_KEY" ? SiteKey : null;
            }

            public int Count(string name) => Reads.TryGetValue(name, out int n) ? n : 0;
        }

        private static HamletConfig Config(string folder)
        {
            var config = new HamletConfig { BaseDirectory = folder };
            config.Hamlet.UidRoot = "1.2.3.4";
            config.Hamlet.DateOffsetMin = -50;
            config.Hamlet.DateOffsetMax = -40;
            return config;
        }

        [Fact]
        public void CreateProtectorOptions_AProfileStatingUidRootAndDateShift_IsNotOverwrittenByTheConfiguration()
        {
            using var tmp = new TempFolder();
            string profile = tmp.Write("site-profile.yaml",
                "name: site\noptions: [RetainLongitudinalModifiedDates]\nuidRoot: 1.2.826.0.1.3680043.10.999\ndateShift: { minDays: -100, maxDays: -90 }\n");
            var env = new CountingEnvironment();

            ProtectorOptions options = ProtectionSetup.CreateProtectorOptions(new ProtectionRequest
            {
                Config = Config(tmp.Path), Profile = profile, Destination = tmp.File("out"),
            }, env.Get);

            Assert.Equal("1.2.826.0.1.3680043.10.999", options.Uids.Root);
            Assert.Equal(-100, options.Dates.MinimumOffsetDays);
            Assert.Equal(-90, options.Dates.MaximumOffsetDays);
        }

        [Fact]
        public void CreateProtectorOptions_TheBuiltInProfile_TakesTheConfigurationsUidRootAndDateRange()
        {
            using var tmp = new TempFolder();
            var env = new CountingEnvironment();

            ProtectorOptions options = ProtectionSetup.CreateProtectorOptions(new ProtectionRequest
            {
                Config = Config(tmp.Path), Destination = tmp.File("out"),
            }, env.Get);

            Assert.Equal("1.2.3.4", options.Uids.Root);
            Assert.Equal(-50, options.Dates.MinimumOffsetDays);
            Assert.Equal(-40, options.Dates.MaximumOffsetDays);
        }

        [Fact]
        public void CreateProtectorOptions_ResolvesTheSiteSecretOncePerRun()
        {
            using var tmp = new TempFolder();
            var env = new CountingEnvironment();

            ProtectorOptions options = ProtectionSetup.CreateProtectorOptions(new ProtectionRequest
            {
                Config = Config(tmp.Path), Destination = tmp.File("out"),
            }, env.Get);

            Assert.Equal(1, env.Count("HAMLET_SITE_KEY"));
            Assert.NotNull(options.SealKey);
            Assert.NotNull(options.VaultKey);
        }

        [Fact]
        public void CreateProtectorOptions_TheSameSecret_GivesTheSameKeysAsTheArchiveSealCheck()
        {
            using var tmp = new TempFolder();
            var env = new CountingEnvironment();
            var config = Config(tmp.Path);

            ProtectorOptions options = ProtectionSetup.CreateProtectorOptions(new ProtectionRequest
            {
                Config = config, Key = SiteKey.ToCharArray(), Destination = tmp.File("out"),
            }, env.Get);

            Assert.Equal(0, env.Count("HAMLET_SITE_KEY")); // the explicit key beats the environment
            Assert.Equal(options.SealKey, ProtectionSetup.CreateSealKey(config, SiteKey.ToCharArray()));
        }

        [Fact]
        public void PipelineRun_PreflightAndProtectionStep_ResolveTheSiteSecretOnce()
        {
            using var tmp = new TempFolder();
            var config = Config(tmp.Path);
            config.DataPath.Sorted = tmp.File("sorted");
            var env = new CountingEnvironment();
            HamletPipelineOptions options = HamletPipelineOptions.FromConfig(config, env.Get);

            options.Preflight();
            options.Preflight(); // Invoke-HamletPipeline checks before ShouldProcess, and Run checks again
            using (IProtectionStep step = options.ProtectionStepFactory(tmp.File("protected"), "run-1"))
                Assert.NotNull(step);
            Assert.Equal(1, env.Count("HAMLET_SITE_KEY"));

            // A second run of the same options resolves again (the mapping file and keys are read per run, not cached).
            options.Preflight();
            using (options.ProtectionStepFactory(tmp.File("protected2"), "run-2")) { }
            Assert.Equal(2, env.Count("HAMLET_SITE_KEY"));
        }
    }
}
