using System;
using System.IO;
using HamletPS.Core.Configuration;
using HamletPS.Core.Sorting;
using HamletPS.Core;
using Xunit;

namespace HamletPS.Core.Tests.Sorting
{
    /// <summary>Invoke-DicomSort's and `hamlet sort`'s one set-up: parameter beats configuration beats default.</summary>
    public class SortSetupTests
    {
        private static readonly string Root = Path.Combine(Path.GetTempPath(), "hamlet-sortsetup");

        private static HamletConfig Config()
        {
            var config = new HamletConfig { BaseDirectory = Root };
            config.DataPath.Incoming = Path.Combine(Root, "cfg-incoming");
            config.DataPath.Sorted = Path.Combine(Root, "cfg-sorted");
            config.Hamlet.Quarantine = Path.Combine(Root, "cfg-quarantine");
            config.Hamlet.SortTemplate = "{PatientID}/{SOPInstanceUID}.dcm";
            return config;
        }

        [Fact]
        public void Parameters_BeatTheConfiguration()
        {
            DicomSortOptions options = SortSetup.CreateOptions(new SortRequest
            {
                Destination = Path.Combine(Root, "given-sorted"),
                QuarantinePath = Path.Combine(Root, "given-quarantine"),
                Template = "{SOPInstanceUID}.dcm",
                Copy = true,
                SettleSeconds = 0,
            }, Config());

            Assert.Equal(Path.Combine(Root, "given-sorted"), options.Destination);
            Assert.Equal(Path.Combine(Root, "given-quarantine"), options.QuarantineFolder);
            Assert.Equal("{SOPInstanceUID}.dcm", options.Template);
            Assert.True(options.Copy);
            Assert.Equal(TimeSpan.Zero, options.SettleTime);
        }

        [Fact]
        public void TheConfiguration_BeatsTheDefaults()
        {
            DicomSortOptions options = SortSetup.CreateOptions(new SortRequest(), Config());

            Assert.Equal(Path.Combine(Root, "cfg-sorted"), options.Destination);
            Assert.Equal(Path.Combine(Root, "cfg-quarantine"), options.QuarantineFolder);
            Assert.Equal("{PatientID}/{SOPInstanceUID}.dcm", options.Template);
            Assert.False(options.Copy);
            Assert.Equal(TimeSpan.FromSeconds(DicomSortOptions.DefaultSettleSeconds), options.SettleTime);
            Assert.Equal(Path.Combine(Root, "cfg-incoming"), SortSetup.DefaultInput(Config()));
        }

        [Fact]
        public void WithoutQuarantineOrTemplate_TheQuarantineLiesBesideTheSortedTree_AndTheLayoutIsBuiltIn()
        {
            DicomSortOptions options = SortSetup.CreateOptions(new SortRequest { Destination = Path.Combine(Root, "site", "sorted") }, null);

            Assert.Equal(Path.Combine(Root, "site", "quarantine"), options.QuarantineFolder);
            Assert.Null(options.Template);
        }

        [Fact]
        public void WithoutDestinationOrConfiguration_ItIsAnArgumentErrorNamingTheKey()
        {
            var ex = Assert.Throws<HamletException>(() => SortSetup.CreateOptions(new SortRequest(), null));
            Assert.Equal(ErrorIds.ConfigurationMissing, ex.ErrorId);
            Assert.Contains("DATAPATH.SORTED", ex.Message);
            Assert.Contains("DATAPATH.INCOMING", Assert.Throws<HamletException>(() => SortSetup.DefaultInput(null)).Message);
        }
    }
}
