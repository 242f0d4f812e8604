using System.IO;
using System.Linq;
using HamletPS.Core.Configuration;
using Xunit;

namespace HamletPS.Core.Tests.Configuration
{
    public class ConfigLoaderUnclosedFlowTests
    {
        [Fact]
        public void Parse_UnclosedFlowSequenceAtEndOfFile_IsAFindingWithALine_NotACrash()
        {
            var result = HamletConfigLoader.Parse(new StringReader("APP:\n  SITE: x\nDATAPATH:\n  INCOMING: [unclosed\n  SORTED: y\n"), "config.yaml", "/tmp");

            var finding = Assert.Single(result.Findings);
            Assert.Equal(ConfigSeverity.Error, finding.Severity);
            Assert.Equal(5, finding.Line);
            Assert.Contains("not closed", finding.Message);
            Assert.True(result.HasErrors);
        }
    }
}
