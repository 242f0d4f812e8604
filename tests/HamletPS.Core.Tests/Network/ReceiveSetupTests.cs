using System;
using System.IO;
using HamletPS.Core.Configuration;
using HamletPS.Core.Network;
using HamletPS.Core;
using Xunit;

namespace HamletPS.Core.Tests.Network
{
    /// <summary>Receive-Dicom's and `hamlet receive`'s one set-up: parameter beats DICOMNODE beats the built-in defaults.</summary>
    public class ReceiveSetupTests
    {
        private static readonly string Root = Path.Combine(Path.GetTempPath(), "hamlet-receivesetup");

        private static HamletConfig Config()
        {
            var config = new HamletConfig { BaseDirectory = Root };
            config.DataPath.Incoming = Path.Combine(Root, "cfg-incoming");
            config.DicomNode.AeTitle = "CFGAE";
            config.DicomNode.Port = 4242;
            config.DicomNode.ListenAddress = "127.0.0.1";
            config.DicomNode.AllowedPeerAddresses.Add("10.0.0.0/8");
            config.DicomNode.AllowedCallingAeTitles.Add("CFGCALLER");
            return config;
        }

        [Fact]
        public void Parameters_BeatTheConfiguration()
        {
            DicomReceiverOptions options = ReceiveSetup.CreateOptions(new ReceiveRequest
            {
                Folder = Path.Combine(Root, "given"), Port = 5000, AETitle = "GIVEN", ListenAddress = "0.0.0.0",
                AllowedPeerAddresses = new[] { "192.168.1.0/24" }, AllowedCallingAETitles = new[] { "CALLER" },
                MaxAssociations = 2, MaxAssociationsPerPeer = 1, MaxConnections = 3, AssociationRequestTimeout = TimeSpan.FromSeconds(1),
                EvictIdleAfter = TimeSpan.FromSeconds(2), IdleTimeout = TimeSpan.FromSeconds(3), Count = 4,
                DuplicatePolicy = DuplicateFilePolicy.Reject, AcceptAllStorageClasses = true,
            }, Config());

            Assert.Equal(Path.Combine(Root, "given"), options.Folder);
            Assert.Equal(5000, options.Port);
            Assert.Equal("GIVEN", options.AETitle);
            Assert.Equal("0.0.0.0", options.ListenAddress);
            Assert.Equal(new[] { "192.168.1.0/24" }, options.AllowedPeerAddresses);
            Assert.Equal(new[] { "CALLER" }, options.AllowedCallingAETitles);
            Assert.Equal(2, options.MaxAssociations);
            Assert.Equal(1, options.MaxAssociationsPerPeer);
            Assert.Equal(3, options.MaxConnections);
            Assert.Equal(TimeSpan.FromSeconds(1), options.AssociationRequestTimeout);
            Assert.Equal(TimeSpan.FromSeconds(2), options.EvictIdleAfter);
            Assert.Equal(TimeSpan.FromSeconds(3), options.IdleTimeout);
            Assert.Equal(4, options.Count);
            Assert.Equal(DuplicateFilePolicy.Reject, options.DuplicatePolicy);
            Assert.True(options.AcceptAllStorageClasses);
        }

        [Fact]
        public void TheConfiguration_BeatsTheDefaults_AndItsAccessKeysApplyEvenWhenEverythingElseIsGiven()
        {
            DicomReceiverOptions fromConfig = ReceiveSetup.CreateOptions(new ReceiveRequest(), Config());
            Assert.Equal(Path.Combine(Root, "cfg-incoming"), fromConfig.Folder);
            Assert.Equal(4242, fromConfig.Port);
            Assert.Equal("CFGAE", fromConfig.AETitle);

            DicomReceiverOptions given = ReceiveSetup.CreateOptions(new ReceiveRequest { Folder = Path.Combine(Root, "g"), Port = 1, AETitle = "G" }, Config());
            Assert.Equal("127.0.0.1", given.ListenAddress);
            Assert.Equal(new[] { "10.0.0.0/8" }, given.AllowedPeerAddresses);
            Assert.Equal(new[] { "CFGCALLER" }, given.AllowedCallingAETitles);
        }

        [Fact]
        public void WithoutConfiguration_TheBuiltInDefaultsApply_AndAFolderIsRequired()
        {
            var defaults = new DicomReceiverOptions();
            DicomReceiverOptions options = ReceiveSetup.CreateOptions(new ReceiveRequest { Folder = Path.Combine(Root, "g") }, null);
            Assert.Equal(DicomNodeSettings.DefaultPort, options.Port);
            Assert.Equal(DicomNodeSettings.DefaultAeTitle, options.AETitle);
            Assert.Null(options.ListenAddress);
            Assert.Empty(options.AllowedPeerAddresses);
            Assert.Equal(defaults.MaxAssociations, options.MaxAssociations);
            Assert.Equal(defaults.AssociationRequestTimeout, options.AssociationRequestTimeout);
            Assert.Equal(DuplicateFilePolicy.Overwrite, options.DuplicatePolicy);
            Assert.Null(options.IdleTimeout);

            var noFolder = Assert.Throws<HamletException>(() => ReceiveSetup.CreateOptions(new ReceiveRequest(), null));
            Assert.Equal(ErrorIds.IncomingFolderRequired, noFolder.ErrorId);
            Assert.Contains("DATAPATH.INCOMING", noFolder.Message);
        }
    }
}
