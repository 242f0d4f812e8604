using System;
using System.IO;
using HamletPS.Core.Configuration;
using HamletPS.Core.Retrieve;
using HamletPS.Core;
using Xunit;

namespace HamletPS.Core.Tests.Retrieve
{
    public class RetrieveSetupTests
    {
        private static readonly string Root = Path.Combine(Path.GetTempPath(), "hamlet-retrievesetup");

        [Theory]
        [InlineData(null, null, null, DicomQueryLevel.Study)]
        [InlineData(null, "1.2.3", null, DicomQueryLevel.Series)]
        [InlineData(null, "1.2.3", "1.2.3.4", DicomQueryLevel.Image)]
        [InlineData(DicomQueryLevel.Study, "1.2.3", "1.2.3.4", DicomQueryLevel.Study)]
        public void Level_IsTheOneGiven_ElseTheDeepestUidGiven(DicomQueryLevel? given, string series, string sop, DicomQueryLevel expected)
        {
            Assert.Equal(expected, RetrieveSetup.Level(given, series, sop));
        }

        [Fact]
        public void Destination_IsTheOneGiven_ElseTheIncomingFolder_ElseAnArgumentError()
        {
            var config = new HamletConfig { BaseDirectory = Root };
            config.DataPath.Incoming = Path.Combine(Root, "cfg-incoming");

            Assert.Equal(Path.Combine(Root, "given"), RetrieveSetup.Destination(Path.Combine(Root, "given"), config));
            Assert.Equal(Path.Combine(Root, "cfg-incoming"), RetrieveSetup.Destination(null, config));
            var missing = Assert.Throws<HamletException>(() => RetrieveSetup.Destination(null, null));
            Assert.Equal(ErrorIds.DestinationRequired, missing.ErrorId);
            Assert.Contains("DATAPATH.INCOMING", missing.Message);
        }
    }
}
