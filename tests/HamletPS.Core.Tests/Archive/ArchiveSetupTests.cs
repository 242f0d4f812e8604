using System;
using System.IO;
using HamletPS.Core.Archive;
using HamletPS.Core.Configuration;
using HamletPS.Core;
using Xunit;

namespace HamletPS.Core.Tests.Archive
{
    /// <summary>New-HamletArchive's and `hamlet archive`'s one set-up: parameter beats configuration beats default, and the
    /// per-patient name rule.</summary>
    public class ArchiveSetupTests
    {
        private static readonly string Root = Path.Combine(Path.GetTempPath(), "hamlet-archivesetup");

        private static HamletConfig Config()
        {
            var config = new HamletConfig { BaseDirectory = Root };
            config.DataPath.Outgoing = Path.Combine(Root, "cfg-outgoing");
            config.App.Site = "cfgsite";
            config.App.User = "cfguser";
            config.Hamlet.ArchiveName = "{SITE}-nightly.zip";
            config.Hamlet.Profile = "basic";
            return config;
        }

        [Fact]
        public void Parameters_BeatTheConfiguration()
        {
            HamletArchiveOptions options = ArchiveSetup.CreateOptions(new ArchiveRequest
            {
                Destination = Path.Combine(Root, "given-out"), Site = "s1", User = "u1", NameTemplate = "{SITE}.zip", CompressionLevel = 0, Verify = true,
            }, Config());

            Assert.Equal(Path.Combine(Root, "given-out"), options.OutputDirectory);
            Assert.Equal("s1", options.Site);
            Assert.Equal("u1", options.User);
            Assert.Equal("{SITE}.zip", options.NameTemplate);
            Assert.Equal(0, options.CompressionLevel);
            Assert.True(options.Verify);
            Assert.Equal("basic", options.Profile);
        }

        [Fact]
        public void TheConfiguration_BeatsTheDefaults()
        {
            HamletArchiveOptions options = ArchiveSetup.CreateOptions(new ArchiveRequest(), Config());

            Assert.Equal(Path.Combine(Root, "cfg-outgoing"), options.OutputDirectory);
            Assert.Equal("cfgsite", options.Site);
            Assert.Equal("cfguser", options.User);
            Assert.Equal("{SITE}-nightly.zip", options.NameTemplate);
            Assert.Equal(6, options.CompressionLevel);
            Assert.False(options.PerPatient);
        }

        [Fact]
        public void PerPatient_IgnoresTheConfiguredArchiveName_ButNotAGivenTemplate()
        {
            Assert.Null(ArchiveSetup.CreateOptions(new ArchiveRequest { PerPatient = true }, Config()).NameTemplate);
            Assert.Equal("{STUDYID}-x.zip", ArchiveSetup.CreateOptions(new ArchiveRequest { PerPatient = true, NameTemplate = "{STUDYID}-x.zip" }, Config()).NameTemplate);
            Assert.True(ArchiveSetup.CreateOptions(new ArchiveRequest { PerPatient = true }, Config()).PerPatient);
        }

        [Fact]
        public void WithoutConfiguration_TheUserIsEmpty_AndAMissingSiteIsAnArgumentErrorNamingAppSite()
        {
            HamletArchiveOptions options = ArchiveSetup.CreateOptions(new ArchiveRequest { Destination = Path.Combine(Root, "o"), Site = "s" }, null);
            Assert.Equal(string.Empty, options.User);
            Assert.Null(options.NameTemplate);

            var ex = Assert.Throws<HamletException>(() => ArchiveSetup.CreateOptions(new ArchiveRequest { Destination = Path.Combine(Root, "o") }, null));
            Assert.Equal(ErrorIds.ConfigurationMissing, ex.ErrorId);
            Assert.Contains("APP.SITE", ex.Message);
            Assert.Contains("DATAPATH.OUTGOING", Assert.Throws<HamletException>(() => ArchiveSetup.CreateOptions(new ArchiveRequest { Site = "s" }, null)).Message);
        }
    }
}
