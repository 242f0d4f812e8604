using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using Xunit;
using static HamletPS.PowerShell.Tests.Commands.NetworkPeers;

namespace HamletPS.PowerShell.Tests.Commands
{
    public sealed class TestDicomEchoTests : IDisposable
    {
        private readonly TempFolder _temp = new TempFolder("echo");
        private string _root => _temp.Path;
        public void Dispose()
        {
            _temp.Dispose();
        }

        [Fact]
        public void TestDicomEcho_AgainstStorescp_ReturnsSuccessWithRoundTrip()
        {
            using (var storescp = RunningStorescp.Start("-aet PEER --output-directory \"" + _root + "\" "))
            {
                int port = storescp.Port;
                using var session = new PowerShellSession();

                var result = session.Invoke("Test-DicomEcho -ComputerName 127.0.0.1 -Port $args[0] -CalledAETitle PEER -CallingAETitle PSTEST", port).Single();

                Assert.True((bool)result.Properties["Success"].Value, (string)result.Properties["Error"].Value);
                Assert.Equal("HamletPS.Core.Network.DicomEchoResult", result.BaseObject.GetType().FullName);
                Assert.Equal("PEER", result.Properties["CalledAE"].Value);
                Assert.True((double)result.Properties["RoundTripMilliseconds"].Value > 0);
                Assert.Empty(session.Errors);
                Assert.Equal(true, session.Invoke("Test-DicomEcho 127.0.0.1 $args[0] -CalledAETitle PEER -Quiet", port).Single().BaseObject);
            }
        }

        [Fact]
        public void TestDicomEcho_ComputerNamesFromThePipeline_GiveOneResultEach()
        {
            using (var storescp = RunningStorescp.Start("-aet PEER --output-directory \"" + _root + "\" "))
            {
                int port = storescp.Port;
                using var session = new PowerShellSession();

                var results = session.Invoke("@([pscustomobject]@{ ComputerName = '127.0.0.1'; Port = $args[0]; CalledAE = 'PEER' }, [pscustomobject]@{ ComputerName = 'localhost'; Port = $args[0]; CalledAE = 'PEER' }) | Test-DicomEcho", port);

                Assert.Equal(2, results.Count);
                Assert.All(results, r => Assert.True((bool)r.Properties["Success"].Value));
            }
        }
    }
}
