using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using Xunit;

namespace HamletPS.PowerShell.Tests.Commands
{
    public sealed class GetAzureShareItemTests : IDisposable
    {
        private readonly AzureFilesEndpoint.AzureFilesEndpoint _endpoint = AzureFilesEndpoint.AzureFilesEndpoint.Start();
        private readonly ShareTestFiles _files = new ShareTestFiles("hamlet-list");

        public void Dispose()
        {
            _endpoint.Dispose();
            _files.Dispose();
        }

        private PowerShellSession Uploaded(out string a, out string b)
        {
            _endpoint.CreateShare("incoming");
            a = _files.Write("a.zip", 3000, 1);
            b = _files.Write("b.zip", 5000, 2);
            var session = new PowerShellSession();
            session.Invoke("Send-AzureShare -LiteralPath $args[0] -ConnectionString $args[1] -Target incoming/top -LedgerPath $args[2]", a, _endpoint.ConnectionString, _files.Root);
            session.Invoke("Send-AzureShare -LiteralPath $args[0] -ConnectionString $args[1] -Target incoming/top/sub -LedgerPath $args[2]", b, _endpoint.ConnectionString, _files.Root);
            Assert.Empty(session.Errors);
            return session;
        }

        [Fact]
        public void WithoutRecurse_ListsOneLevel_AndAPipedDirectoryItemIsListedByItsPath()
        {
            using var session = Uploaded(out _, out string b);

            var top = session.Invoke("Get-AzureShareItem -ConnectionString $args[0] -Share incoming -Directory top", _endpoint.ConnectionString);
            Assert.Equal(new[] { "top/sub", "top/a.zip" }, top.Select(i => (string)i.Properties["Path"].Value));

            var piped = session.Invoke("Get-AzureShareItem -ConnectionString $args[0] -Share incoming -Directory top | Where-Object IsDirectory | Get-AzureShareItem -ConnectionString $args[0] -Share incoming",
                _endpoint.ConnectionString);
            Assert.Equal("top/sub/b.zip", (string)piped.Single().Properties["Path"].Value);
            Assert.Equal(ShareTestFiles.Md5Base64(b), piped.Single().Properties["ContentMD5"].Value);
        }

        [Fact]
        public void WrongKey_IsAuthenticationFailed_WithoutTheKey()
        {
            _endpoint.CreateShare("incoming");
            string wrong = ShareTestFiles.WrongKey;
            using var session = new PowerShellSession();

            var items = session.Invoke("Get-AzureShareItem -AccountName devacct -AccountKey $args[0] -Endpoint $args[1] -Share incoming", ShareTestFiles.Secure(wrong), _endpoint.ServiceUri.ToString());

            Assert.Empty(items);
            ErrorRecord error = Assert.Single(session.Errors);
            Assert.Equal("AuthenticationFailed,HamletPS.Commands.GetAzureShareItemCommand", error.FullyQualifiedErrorId);
            Assert.DoesNotContain(wrong, error.ToString() + error.Exception);
        }

        [Fact]
        public void MissingShare_IsShareNotFound()
        {
            using var session = new PowerShellSession();

            session.Invoke("Get-AzureShareItem -ConnectionString $args[0] -Share nothing-here", _endpoint.ConnectionString);

            Assert.Equal("ShareNotFound,HamletPS.Commands.GetAzureShareItemCommand", Assert.Single(session.Errors).FullyQualifiedErrorId);
        }
    }
}
