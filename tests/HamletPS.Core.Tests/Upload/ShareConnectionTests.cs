using System;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Security;
using System.Threading.Tasks;
using HamletPS.Core.Upload;
using Xunit;

namespace HamletPS.Core.Tests.Upload;

public sealed class ShareConnectionTests
{
    private const string Key = "c2VjcmV0LWtleS1mb3ItdGVzdHMtb25seS0wMTIzNDU2Nzg5YWJjZGVmZ2hpams=";

    [Fact]
    public void Redactor_RemovesSignaturesKeysAndRegisteredSecrets()
    {
        string text = "GET https://acct.file.core.windows.net/s/f?sv=2022-11-02&sig=abc%2Bdef%3D&se=2026 " +
                      "DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=" + Key + ";EndpointSuffix=core.windows.net " +
                      "Authorization: SharedKey acct:Zm9vYmFy= SharedAccessSignature=sv=1&sig=zzz; Bearer eyJ0eXAi.abc.def";
        string redacted = SecretRedactor.Redact(text, new[] { "my-literal-secret-value" });
        Assert.DoesNotContain("abc%2Bdef", redacted);
        Assert.DoesNotContain(Key, redacted);
        Assert.DoesNotContain("Zm9vYmFy", redacted);
        Assert.DoesNotContain("zzz", redacted);
        Assert.DoesNotContain("eyJ0eXAi", redacted);
        Assert.Contains("sig=REDACTED", redacted);
        Assert.Contains("AccountName=acct", redacted);
        Assert.Equal("x REDACTED y", SecretRedactor.Redact("x my-literal-secret-value y", new[] { "my-literal-secret-value" }));
        Assert.Equal(new Uri("https://acct.file.core.windows.net/s/f"), SecretRedactor.StripSecrets(new Uri("https://acct.file.core.windows.net/s/f?sv=1&sig=x")));
    }

    [Fact]
    public void Connection_FromEveryForm_KnowsAccountAndEndpointButShowsNoSecret()
    {
        var cs = ShareConnection.FromConnectionString("DefaultEndpointsProtocol=https;AccountName=hamletrtsite;AccountKey=" + Key + ";EndpointSuffix=core.windows.net");
        Assert.Equal("hamletrtsite", cs.AccountName);
        Assert.Equal(new Uri("https://hamletrtsite.file.core.windows.net/"), cs.ServiceUri);
        Assert.DoesNotContain(Key, cs.ToString());
        Assert.Equal("key REDACTED", cs.Redact("key " + Key));

        var sas = ShareConnection.FromSasUrl("https://hamletrtsite.file.core.windows.net/site-incoming/batches?sv=2022-11-02&ss=f&srt=sco&sp=rwdlc&se=2030-01-01T00%3A00%3A00Z&spr=https&sig=S3cr3tSignatureValue%3D");
        Assert.Equal("hamletrtsite", sas.AccountName);
        Assert.Equal("site-incoming", sas.DefaultTarget.ShareName);
        Assert.Equal("batches", sas.DefaultTarget.DirectoryPath);
        Assert.DoesNotContain("S3cr3t", sas.ToString());
        Assert.DoesNotContain("S3cr3t", sas.Redact("sig S3cr3tSignatureValue= and S3cr3tSignatureValue%3D"));

        var local = ShareConnection.FromSasToken("http://127.0.0.1:10004/devacct/share", "sv=2022-11-02&sr=s&sp=rl&se=2030-01-01&sig=abc");
        Assert.Equal("devacct", local.AccountName);
        Assert.Equal(new Uri("http://127.0.0.1:10004/devacct"), local.ServiceUri);

        var secure = new SecureString();
        foreach (char c in Key) secure.AppendChar(c);
        var byKey = ShareConnection.FromAccountKey("hamletrtsite", secure);
        Assert.Equal(ShareConnectionKind.AccountKey, byKey.Kind);
        Assert.Equal("x REDACTED", byKey.Redact("x " + Key));

        var bad = Assert.Throws<ArgumentException>(() => ShareConnection.FromAccountKey("a", "not base64 !!"));
        Assert.DoesNotContain("not base64 !!", bad.Message);
    }

    [Fact]
    public void Target_ParsesShareAndDirectory()
    {
        var t = ShareTarget.Parse("\\incoming\\site\\2026\\");
        Assert.Equal("incoming", t.ShareName);
        Assert.Equal("site/2026", t.DirectoryPath);
        Assert.Equal("site/2026/a.zip", t.PathOf("a.zip"));
        Assert.Equal("a.zip", new ShareTarget("incoming").PathOf("a.zip"));
        Assert.Throws<ArgumentException>(() => ShareTarget.Parse("incoming/../etc"));
    }

    [Fact]
    public async Task Tester_ReportsAnOpenAndAClosedPort()
    {
        var open = new TcpListener(IPAddress.Loopback, 0);
        open.Start();
        var closed = new TcpListener(IPAddress.Loopback, 0);
        closed.Start();
        int openPort = ((IPEndPoint)open.LocalEndpoint).Port;
        int closedPort = ((IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();
        try
        {
            var result = await ShareConnectionTester.TestAsync("127.0.0.1", new[] { openPort, closedPort }, TimeSpan.FromSeconds(5));
            Assert.True(result.Ports.Single(p => p.Port == openPort).Reachable);
            var refused = result.Ports.Single(p => p.Port == closedPort);
            Assert.False(refused.Reachable);
            Assert.Equal("ConnectionRefused", refused.Error);
            Assert.False(result.SmbReachable);
            Assert.Equal("hamletrtsite.file.core.windows.net", ShareConnectionTester.HostForAccount("hamletrtsite"));
        }
        finally { open.Stop(); }
    }
}
