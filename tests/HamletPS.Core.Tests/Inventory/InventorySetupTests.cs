using System;
using System.Collections.Generic;
using System.IO;
using HamletPS.Core;
using HamletPS.Core.Configuration;
using HamletPS.Core.Inventory;
using HamletPS.Core.Network;
using Xunit;

namespace HamletPS.Core.Tests.Inventory
{
    public class InventorySetupTests
    {
        private static HamletConfig Config(string root)
        {
            var config = new HamletConfig { BaseDirectory = root };
            config.DataPath.Outgoing = Path.Combine(root, "outgoing");
            config.Hamlet.Logs = Path.Combine(root, "logs");
            config.Hamlet.Vault = Path.Combine(root, "vault");
            config.Cipher.FolderKey = "SAMPLEonly4SyntheticDataNotASiteKey";
            config.Pacs.Host = "pacs.config";
            config.Pacs.Port = 4242;
            config.Pacs.AeTitle = "CFGPACS";
            config.Pacs.Modalities = new List<string> { "CT", "RTDOSE" };
            config.DicomNode.AeTitle = "CFGUS";
            return config;
        }

        [Fact]
        public void ThePacsGiven_BeatsThePacsSection_WhichIsUsedWhenNoHostIsGiven()
        {
            using var temp = new TempFolder("inventory-setup");
            HamletConfig config = Config(temp.Path);
            var given = new DicomPeer { ComputerName = "pacs.given", Port = 104, CalledAETitle = "GIVEN" };

            Assert.Same(given, InventorySetup.Peer(given, config));
            DicomPeer fromConfig = InventorySetup.Peer(new DicomPeer { ComputerName = null, TimeoutSeconds = 7 }, config);
            Assert.Equal(("pacs.config", 4242, "CFGPACS", "CFGUS", 7), (fromConfig.ComputerName, fromConfig.Port, fromConfig.CalledAETitle, fromConfig.CallingAETitle, fromConfig.TimeoutSeconds));
        }

        [Fact]
        public void NoHostGivenAndNoPacsSection_IsInvalidInventorySettings()
        {
            using var temp = new TempFolder("inventory-setup");
            HamletConfig config = Config(temp.Path);
            config.Pacs.Host = null;

            var e = Assert.Throws<HamletException>(() => InventorySetup.Peer(null, config));
            Assert.Equal(ErrorIds.InvalidInventorySettings, e.ErrorId);
            Assert.Contains("{ComputerName}", e.Remedy);
        }

        [Fact]
        public void WithoutAConfiguration_TheInventoryRefusesToRun_RatherThanCallEverythingNotSent()
        {
            var e = Assert.Throws<HamletException>(() => InventorySetup.CreateOptions(new InventoryRequest(), null));
            Assert.Equal(ErrorIds.InvalidInventorySettings, e.ErrorId);
            Assert.True(e.IsSetup);
        }

        [Fact]
        public void Modalities_Given_BeatTheConfiguration_AndSinceBeatsStudyDate_AndTheFoldersComeFromTheConfiguration()
        {
            using var temp = new TempFolder("inventory-setup");
            HamletConfig config = Config(temp.Path);

            InventoryOptions fromConfig = InventorySetup.CreateOptions(new InventoryRequest(), config);
            InventoryOptions given = InventorySetup.CreateOptions(new InventoryRequest
            {
                Modality = new[] { " rtplan " }, StudyDate = "20240101-20240131", Since = new DateTime(2025, 2, 3), VaultPath = Path.Combine(temp.Path, "elsewhere"),
            }, config);

            Assert.Equal(new[] { "CT", "RTDOSE" }, fromConfig.Filter.Modality);
            Assert.Null(fromConfig.Filter.StudyDate);                                  // not the pull's SINCE: every date
            Assert.Equal((config.Hamlet.Logs, config.DataPath.Outgoing, config.Hamlet.Vault), (fromConfig.LogsFolder, fromConfig.ArchiveFolder, fromConfig.VaultPath));
            Assert.Equal(new[] { "RTPLAN" }, given.Filter.Modality);
            Assert.Equal("20250203-", given.Filter.StudyDate);
            Assert.Equal(Path.Combine(temp.Path, "elsewhere"), given.VaultPath);
            Assert.Equal(32, given.VaultKey.Length);
        }

        [Fact]
        public void AReportInsideOutgoing_IsRefused_ElsewhereItIsTheFullPath()
        {
            using var temp = new TempFolder("inventory-setup");
            HamletConfig config = Config(temp.Path);

            var e = Assert.Throws<HamletException>(() => InventorySetup.ReportPath(Path.Combine(temp.Path, "outgoing", "sub", "i.csv"), config));
            Assert.Equal(ErrorIds.InvalidInventorySettings, e.ErrorId);
            Assert.Equal(Path.Combine(temp.Path, "i.csv"), InventorySetup.ReportPath(Path.Combine(temp.Path, "i.csv"), config));
        }

        [Theory]
        [InlineData(5, 0, 0, 0, InventoryStatus.NotSent)]
        [InlineData(5, 5, 0, 0, InventoryStatus.Sent)]
        [InlineData(5, 4, 1, 1, InventoryStatus.ChangedSinceSent)]
        [InlineData(5, 3, 0, 1, InventoryStatus.PartlySent)]
        public void StatusOf_FollowsTheSeriesCounts(int instances, int sent, int changedSeries, int notSentSeries, string expected)
        {
            var row = new InventoryStudy { Instances = instances, SentInstances = sent, ChangedSeries = changedSeries, NotSentSeries = notSentSeries };
            Assert.Equal(expected, DicomInventory.StatusOf(row));
        }
    }
}
