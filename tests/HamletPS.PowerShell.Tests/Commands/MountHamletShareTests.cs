using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Net;
using System.Net.Sockets;
using Xunit;

namespace HamletPS.PowerShell.Tests.Commands
{
    /// <summary>Mount-HamletShare, the module's script function (Linux branch here: -WhatIf prints the exact commands).</summary>
    public sealed class MountHamletShareTests : IDisposable
    {
        private readonly ShareTestFiles _files = new ShareTestFiles("hamlet-mount");

        public void Dispose() => _files.Dispose();

        [Fact]
        public void IsAScriptFunctionOfTheModule_WithShouldProcess()
        {
            using var session = new PowerShellSession();

            var command = (CommandInfo)session.Invoke("Get-Command Mount-HamletShare").Single().BaseObject;

            Assert.Equal(CommandTypes.Function, command.CommandType);
            Assert.Equal("HamletPS", command.ModuleName);
            Assert.Contains("WhatIf", command.Parameters.Keys);
            Assert.Contains("Confirm", command.Parameters.Keys);
        }

        [Fact]
        public void WhatIf_PrintsTheMountCommandsWithoutTheKey_AndWritesNothing()
        {
            if (OperatingSystem.IsWindows()) return; // the Windows branch (cmdkey, New-PSDrive) is covered by tests/Pester on Windows
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            int port = ((IPEndPoint)listener.LocalEndpoint).Port;
            string key = ShareTestFiles.WrongKey;
            string credentials = Path.Combine(_files.Root, "cred", "acct.cred");
            string mountPoint = Path.Combine(_files.Root, "mnt");
            try
            {
                using var session = new PowerShellSession();

                var result = session.Invoke("Mount-HamletShare -AccountName hamletrttest -ShareName incoming -ComputerName 127.0.0.1 -Port $args[0] -AccountKey $args[1] -MountPoint $args[2] -CredentialFile $args[3] -WhatIf",
                    port, ShareTestFiles.Secure(key), mountPoint, credentials).Single();

                Assert.Empty(session.Errors);
                Assert.Equal("WhatIf", result.Properties["Status"].Value);
                string[] commands = (string[])result.Properties["Commands"].Value;
                Assert.Contains(commands, c => c == "mount -t cifs '//127.0.0.1/incoming' '" + mountPoint + "' -o credentials=" + credentials +
                                                  ",dir_mode=0770,file_mode=0660,serverino,nosharesock,actimeo=30,vers=3.1.1,port=" + port);
                Assert.Contains(commands, c => c.StartsWith("install -m 600 /dev/null '" + credentials + "'"));
                Assert.Equal(commands, session.Information.Select(i => i.MessageData.ToString()).ToArray());
                Assert.All(commands.Concat(new[] { result.ToString() }), c => Assert.DoesNotContain(key, c));
                Assert.False(File.Exists(credentials));
                Assert.False(Directory.Exists(mountPoint));
            }
            finally
            {
                listener.Stop();
            }
        }

        [Fact]
        public void BlockedPort_IsAnErrorThatSuggestsSendAzureShare()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            int closed = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop(); // nothing listens there any more: connection refused
            using var session = new PowerShellSession();

            var output = session.Invoke("Mount-HamletShare hamletrttest incoming -ComputerName 127.0.0.1 -Port $args[0] -WhatIf", closed);

            Assert.Empty(output);
            ErrorRecord error = Assert.Single(session.Errors);
            Assert.StartsWith("Port445Blocked", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ConnectionError, error.CategoryInfo.Category);
            Assert.Contains("Send-AzureShare", error.Exception.Message);
        }
    }
}
