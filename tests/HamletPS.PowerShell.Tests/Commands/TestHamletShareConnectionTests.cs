using System.Linq;
using System.Net;
using System.Net.Sockets;
using Xunit;

namespace HamletPS.PowerShell.Tests.Commands
{
    public sealed class TestHamletShareConnectionTests
    {
        [Fact]
        public void ComputerName_BindsFromThePipeline_AndAnUnresolvableHostIsAnAnswerNotAnError()
        {
            using var session = new PowerShellSession();

            // A name under .invalid never resolves (RFC 2606): the answer is "unreachable", not an error.
            var result = session.Invoke("[pscustomobject]@{ ComputerName = 'hamletrt.invalid' } | Test-HamletShareConnection -TimeoutSeconds 2").Single();

            Assert.Equal("hamletrt.invalid", result.Properties["Host"].Value);
            Assert.False((bool)result.Properties["SmbReachable"].Value);
            Assert.False((bool)result.Properties["HttpsReachable"].Value);
            Assert.Empty(session.Errors);
        }
    }
}
