using System;
using System.Linq;
using HamletPS.Core;
using HamletPS.Core.Configuration;
using HamletPS.Core.Heartbeat;
using Xunit;

namespace HamletPS.Core.Tests.Heartbeat
{
    /// <summary>HeartbeatSetup: which checks run, against which peers, and what stops the heartbeat before any check (exit 2).</summary>
    public sealed class HeartbeatSetupTests
    {
        private static HamletConfig Site()
        {
            var config = new HamletConfig { SourcePath = "/site/config.yaml", BaseDirectory = "/site" };
            config.DataPath.Incoming = "/site/incoming";
            config.DicomNode.AeTitle = "HAMLETPS";
            config.DicomNode.Port = 11112;
            return config;
        }

        private static HeartbeatRequest Request(params string[] checks) => new HeartbeatRequest { Checks = checks, Environment = _ => null };

        [Fact]
        public void NothingButDataPathAndDicomNode_ChecksReceiverAndIncoming_SkipsPacsAndShareWithTheReason()
        {
            HeartbeatOptions options = HeartbeatSetup.CreateOptions(Request(), Site());

            Assert.Null(options.Pacs);
            Assert.Null(options.Share);
            Assert.Equal("HAMLETPS@127.0.0.1:11112", options.Receiver.ToString());
            Assert.Equal("/site/incoming", options.Incoming);
            Assert.StartsWith("no PACS section (HOST, AET) in /site/config.yaml", options.Skipped[HeartbeatCheckNames.Pacs], StringComparison.Ordinal);
            Assert.Contains("no AZURE section", options.Skipped[HeartbeatCheckNames.Share]);
            Assert.Equal(TimeSpan.FromSeconds(HeartbeatSetup.DefaultTimeoutSeconds), options.Timeout);
        }

        [Fact]
        public void PacsSection_IsEchoedCallingAsDicomNodeAet_WithTheTimeoutGiven()
        {
            HamletConfig config = Site();
            config.Pacs.Host = "pacs01";
            config.Pacs.AeTitle = "PACS";
            config.Pacs.Port = 4242;

            HeartbeatOptions options = HeartbeatSetup.CreateOptions(new HeartbeatRequest { TimeoutSeconds = 3, Environment = _ => null }, config);

            Assert.Equal("PACS@pacs01:4242", options.Pacs.ToString());
            Assert.Equal("HAMLETPS", options.Pacs.CallingAETitle);
            Assert.Equal(3, options.Pacs.TimeoutSeconds);
            Assert.DoesNotContain(HeartbeatCheckNames.Pacs, options.Skipped.Keys);
        }

        [Fact]
        public void Receiver_OnItsListenAddress_CalledAsAnAllowedCallingAeTitle_WhenItAdmitsOnlyThose()
        {
            HamletConfig config = Site();
            config.DicomNode.ListenAddress = "127.0.0.2";
            config.DicomNode.AllowedCallingAeTitles.Add("TPS_SCU");

            HeartbeatOptions options = HeartbeatSetup.CreateOptions(Request("Receiver"), config);

            Assert.Equal("HAMLETPS@127.0.0.2:11112", options.Receiver.ToString());
            Assert.Equal("TPS_SCU", options.Receiver.CallingAETitle);
            Assert.Null(options.Incoming);                         // not asked for
            config.DicomNode.ListenAddress = "::";
            Assert.Equal("::1", HeartbeatSetup.CreateOptions(Request("receiver"), config).Receiver.ComputerName);
        }

        [Fact]
        public void APacsCheckNamedButNotConfigured_IsConfigurationMissing()
        {
            HamletException e = Assert.Throws<HamletException>(() => HeartbeatSetup.CreateOptions(Request("Pacs"), Site()));
            Assert.Equal(ErrorIds.ConfigurationMissing, e.ErrorId);
            Assert.StartsWith("The check needs the PACS section (HOST and AET)", e.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void AShareCheckNamedWithoutCredentials_IsTheUploadsOwnSetupError()
        {
            HamletConfig config = Site();
            config.SourcePath = null;                               // an in-memory configuration: nothing to read credentials from
            config.BaseDirectory = System.IO.Path.GetTempPath();
            HamletException e = Assert.ThrowsAny<HamletException>(() => HeartbeatSetup.CreateOptions(Request("Share"), config));
            Assert.Equal(ErrorIds.NoStorageCredentials, e.ErrorId);
            Assert.True(e.IsSetup);
        }

        [Fact]
        public void AnUnknownCheck_ATimeoutOutOfRange_AndAnAeTitleTooLong_AreSetupErrors()
        {
            Assert.Equal(ErrorIds.InvalidArgument, Assert.Throws<HamletException>(() => HeartbeatSetup.CreateOptions(Request("Pacs", "Dicom"), Site())).ErrorId);
            Assert.Equal(ErrorIds.InvalidArgument, Assert.Throws<HamletException>(() =>
                HeartbeatSetup.CreateOptions(new HeartbeatRequest { TimeoutSeconds = 0, Environment = _ => null }, Site())).ErrorId);
            HamletConfig config = Site();
            config.Pacs.Host = "pacs01";
            config.Pacs.AeTitle = "AN_AE_TITLE_OF_17";
            HamletException e = Assert.Throws<HamletException>(() => HeartbeatSetup.CreateOptions(Request(), config));
            Assert.Equal(ErrorIds.InvalidDicomNetworkSetting, e.ErrorId);
            Assert.StartsWith("The PACS section of the site configuration cannot be used", e.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void NoIncomingFolder_IsConfigurationMissing()
        {
            HamletConfig config = Site();
            config.DataPath.Incoming = null;
            Assert.Equal(ErrorIds.ConfigurationMissing, Assert.Throws<HamletException>(() => HeartbeatSetup.CreateOptions(Request(), config)).ErrorId);
        }
    }
}
