using System.Linq;
using System.Net;
using System.Net.Sockets;
using Xunit;

namespace HamletPS.PowerShell.Tests.Commands
{
    public sealed class TestHamletShareConnectionTests
    {
        [Fact]
        public void ListeningPort_IsReachable_AndClosedPort445_SuggestsTheHttpsRoute()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            int open = ((IPEndPoint)listener.LocalEndpoint).Port;
            try
            {
                using var session = new PowerShellSession();

                var result = session.Invoke("Test-HamletShareConnection -ComputerName 127.0.0.1 -Port 445, $args[0] -TimeoutSeconds 3", open).Single();

                Assert.Equal("127.0.0.1", result.Properties["Host"].Value);
                var ports = ((System.Collections.IEnumerable)result.Properties["Ports"].Value).Cast<object>().Select(p => new System.Management.Automation.PSObject(p)).ToList();
                Assert.True((bool)ports.Single(p => (int)p.Properties["Port"].Value == open).Properties["Reachable"].Value);
                Assert.False((bool)result.Properties["SmbReachable"].Value);
                Assert.NotNull(result.Properties["Smb445"].Value);
                Assert.Null(result.Properties["Https443"].Value);
                Assert.Contains("Send-AzureShare", (string)result.Properties["Message"].Value);
                Assert.Empty(session.Errors);
            }
            finally
            {
                listener.Stop();
            }
        }

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
