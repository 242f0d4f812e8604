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
    

        /// <summary>
        /// Runs the Windows branch in this engine: the module's $HamletShareMountPlatform seam picks it, and global functions
        /// shadow cmdkey, Get-PSDrive/New-PSDrive and Get-SmbGlobalMapping/New-SmbGlobalMapping (module code resolves commands
        /// through the global scope), recording their calls: the credential's user, and whether its password is the key.
        /// </summary>
        private static PowerShellSession WindowsBranch(string existingRoot = null, string expectedKey = null)
        {
            var session = new PowerShellSession();
            session.Invoke("& (Get-Module HamletPS) { $script:HamletShareMountPlatform = 'Windows' }");
            session.Invoke(
                "$global:MountCalls = [System.Collections.Generic.List[string]]::new(); $global:ExpectedKey = $args[1]; " +
                "function global:cmdkey { $global:MountCalls.Add('cmdkey ' + ($args -join ' ')); $global:LASTEXITCODE = 0 }; " +
                "function global:Get-PSDrive { [CmdletBinding()] param($Name, $PSProvider) $global:MountCalls.Add('Get-PSDrive ' + $Name); " +
                "  if ($global:ExistingRoot) { [pscustomobject]@{ Name = $Name; DisplayRoot = $global:ExistingRoot; Root = $Name + ':\\' } } }; " +
                "function global:New-PSDrive { [CmdletBinding()] param($Name, $PSProvider, $Root, [pscredential]$Credential, [switch]$Persist, $Scope) " +
                "  $global:MountCalls.Add('New-PSDrive ' + $Name + ' ' + $PSProvider + ' ' + $Root + ' Credential=' + $Credential.UserName + ' KeyMatches=' + ($Credential.GetNetworkCredential().Password -ceq $global:ExpectedKey) + ' Persist=' + $Persist + ' Scope=' + $Scope) }; " +
                "function global:Get-SmbGlobalMapping { [CmdletBinding()] param($LocalPath) $global:MountCalls.Add('Get-SmbGlobalMapping ' + $LocalPath); " +
                "  if ($global:ExistingRoot) { [pscustomobject]@{ LocalPath = $LocalPath; RemotePath = $global:ExistingRoot } } }; " +
                "function global:New-SmbGlobalMapping { [CmdletBinding()] param($RemotePath, $LocalPath, [pscredential]$Credential, $Persistent) " +
                "  $global:MountCalls.Add('New-SmbGlobalMapping ' + $RemotePath + ' ' + $LocalPath + ' Credential=' + $Credential.UserName + ' KeyMatches=' + ($Credential.GetNetworkCredential().Password -ceq $global:ExpectedKey) + ' Persistent=' + $Persistent) }; " +
                "$global:ExistingRoot = $args[0]", existingRoot, expectedKey);
            return session;
        }

        private static string[] Calls(PowerShellSession session) => session.Invoke("$global:MountCalls.ToArray()").Select(o => o.ToString()).ToArray();

        [Fact]
        public void WindowsBranch_MapsThePersistentDriveWithACredentialObject_NeverPuttingTheKeyOnACommandLine()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            int port = ((IPEndPoint)listener.LocalEndpoint).Port;
            string key = ShareTestFiles.WrongKey;
            try
            {
                using var session = WindowsBranch(expectedKey: key);

                var result = session.Invoke("Mount-HamletShare hamletrttest incoming -ComputerName 127.0.0.1 -Port $args[0] -AccountKey $args[1] -DriveLetter y -Confirm:$false",
                    port, ShareTestFiles.Secure(key)).Single();

                Assert.Empty(session.Errors);
                Assert.Contains(session.Warnings, w => w.Message.Contains("port 445 only"));
                Assert.Equal("Mounted", result.Properties["Status"].Value);
                Assert.Equal(@"\\127.0.0.1\incoming", result.Properties["Root"].Value);
                Assert.Equal("Y:", result.Properties["MountedAt"].Value);
                Assert.Equal(new[]
                {
                    "Get-PSDrive y",
                    @"New-PSDrive Y FileSystem \\127.0.0.1\incoming Credential=localhost\hamletrttest KeyMatches=True Persist=True Scope=Global",
                }, Calls(session));
                Assert.DoesNotContain(Calls(session), c => c.StartsWith("cmdkey", StringComparison.Ordinal) || c.Contains(key));
                Assert.All((string[])result.Properties["Commands"].Value, c => Assert.DoesNotContain(key, c));
            }
            finally
            {
                listener.Stop();
            }
        }

        [Fact]
        public void WindowsBranch_GlobalMapping_ForTheServiceAccount_UsesNewSmbGlobalMappingWithTheCredential()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            int port = ((IPEndPoint)listener.LocalEndpoint).Port;
            string key = ShareTestFiles.WrongKey;
            try
            {
                using var session = WindowsBranch(expectedKey: key);
                // -Credential, not $env:HAMLET_STORAGE_KEY: the environment is the whole test process's, and other tests upload.
                var result = session.Invoke("Mount-HamletShare hamletrttest incoming -ComputerName 127.0.0.1 -Port $args[0] -DriveLetter H -GlobalMapping " +
                    "-Credential ([pscredential]::new('localhost\\hamletrttest', $args[1])) -Confirm:$false", port, ShareTestFiles.Secure(key)).Single();

                Assert.Empty(session.Errors);
                Assert.Equal("Mounted", result.Properties["Status"].Value);
                Assert.Equal(new[]
                {
                    "Get-SmbGlobalMapping H:",
                    @"New-SmbGlobalMapping \\127.0.0.1\incoming H: Credential=localhost\hamletrttest KeyMatches=True Persistent=True",
                }, Calls(session));
                Assert.All((string[])result.Properties["Commands"].Value, c => Assert.DoesNotContain(key, c));
            }
            finally
            {
                listener.Stop();
            }
        }

        [Fact]
        public void WindowsBranch_DriveAlreadyMappedToTheShare_IsIdempotent_AndStoresNothing()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            int port = ((IPEndPoint)listener.LocalEndpoint).Port;
            try
            {
                using var session = WindowsBranch(existingRoot: @"\\127.0.0.1\incoming\");

                var result = session.Invoke("Mount-HamletShare hamletrttest incoming -ComputerName 127.0.0.1 -Port $args[0] -AccountKey $args[1] -DriveLetter Z -Confirm:$false",
                    port, ShareTestFiles.Secure(ShareTestFiles.WrongKey)).Single();

                Assert.Empty(session.Errors);
                Assert.Equal("AlreadyMounted", result.Properties["Status"].Value);
                Assert.Equal(new[] { "Get-PSDrive Z" }, Calls(session));

                // The same letter mapped elsewhere is an error, not a remap.
                session.Invoke("$global:ExistingRoot = '\\\\otherhost\\share'; $global:MountCalls.Clear()");
                var other = session.Invoke("Mount-HamletShare hamletrttest incoming -ComputerName 127.0.0.1 -Port $args[0] -AccountKey $args[1] -DriveLetter Z -Confirm:$false",
                    port, ShareTestFiles.Secure(ShareTestFiles.WrongKey));
                Assert.Empty(other);
                Assert.StartsWith("DriveLetterInUse", Assert.Single(session.Errors).FullyQualifiedErrorId);
                Assert.Equal(new[] { "Get-PSDrive Z" }, Calls(session));
            }
            finally
            {
                listener.Stop();
            }
        }

        [Fact]
        public void WindowsBranch_BlockedPort_SuggestsSendAzureShare_BeforeTouchingCmdkeyOrDrives()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            int closed = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            using var session = WindowsBranch();

            var output = session.Invoke("Mount-HamletShare hamletrttest incoming -ComputerName 127.0.0.1 -Port $args[0] -AccountKey $args[1] -Confirm:$false",
                closed, ShareTestFiles.Secure(ShareTestFiles.WrongKey));

            Assert.Empty(output);
            ErrorRecord error = Assert.Single(session.Errors);
            Assert.StartsWith("Port445Blocked", error.FullyQualifiedErrorId);
            Assert.Contains("Send-AzureShare", error.Exception.Message);
            Assert.Empty(Calls(session));
        }
    }
}
