using System;
using System.IO;
using HamletPS.Core.Configuration;
using HamletPS.Core.Deidentification;
using Xunit;

namespace HamletPS.Core.Tests.Deidentification
{
    public class ProtectionDestinationTests
    {
        private static readonly string Root = Path.Combine(Path.GetTempPath(), "hamlet-protectdestination");

        [Fact]
        public void TheGivenDestination_BeatsProtectedBesideSorted_AndNeitherIsAnArgumentError()
        {
            var config = new HamletConfig { BaseDirectory = Root };
            config.DataPath.Sorted = Path.Combine(Root, "data", "sorted");

            Assert.Equal(Path.Combine(Root, "given"), ProtectionSetup.Destination(Path.Combine(Root, "given"), config));
            Assert.Equal(Path.Combine(Root, "data", "protected"), ProtectionSetup.Destination(null, config));
            Assert.Throws<ArgumentException>(() => ProtectionSetup.Destination(null, null));
        }
    }
}
