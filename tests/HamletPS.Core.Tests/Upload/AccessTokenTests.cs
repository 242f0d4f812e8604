using System;
using System.Collections.Concurrent;
using System.IO;
using System.Linq;
using System.Security;
using System.Text;
using System.Threading.Tasks;
using HamletPS.Core.Upload;
using Xunit;

namespace HamletPS.Core.Tests.Upload;

/// <summary>Microsoft Entra ID route: a user-supplied access token, sent as a bearer token with the backup intent, through the SDK.</summary>
public sealed class AccessTokenTests : IDisposable
{
    private readonly AzureFilesEndpoint.AzureFilesEndpoint _endpoint = AzureFilesEndpoint.AzureFilesEndpoint.StartTls();
    private readonly string _folder = TestData.NewFolder();
    private readonly string _token = SyntheticJwt(DateTimeOffset.UtcNow.AddHours(2));

    public AccessTokenTests()
    {
        _endpoint.CreateShare("incoming");
        _endpoint.AcceptedBearerToken = _token;
    }

    public void Dispose()
    {
        _endpoint.Dispose();
        try { Directory.Delete(_folder, true); } catch { }
    }

    /// <summary>A JWT-shaped token (unsigned, synthetic) whose payload carries an exp claim.</summary>
    private static string SyntheticJwt(DateTimeOffset expires)
    {
        static string B64(string s) => Convert.ToBase64String(Encoding.UTF8.GetBytes(s)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return B64("{\"typ\":\"JWT\",\"alg\":\"none\"}") + "." + B64("{\"aud\":\"https://storage.azure.com\",\"exp\":" + expires.ToUnixTimeSeconds() + "}") + ".c2lnbmF0dXJlLXBsYWNlaG9sZGVy";
    }

    /// <summary>Trusts exactly the endpoint's self-signed certificate (the SDK sends bearer tokens over HTTPS only).</summary>
    private ShareConnection Trusting(ShareConnection connection)
    {
        string thumbprint = _endpoint.Certificate.Thumbprint;
        connection.Transport = new Azure.Core.Pipeline.HttpClientTransport(new System.Net.Http.HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, cert, _, _) => cert != null && cert.Thumbprint == thumbprint,
        });
        return connection;
    }

    private ShareUploadOptions Options() => new ShareUploadOptions
    {
        LedgerFolder = Path.Combine(_folder, "ledgers"),
        RetryDelay = TimeSpan.FromMilliseconds(10),
        SdkRetryDelay = TimeSpan.FromMilliseconds(10),
        MaxRetryDelay = TimeSpan.FromMilliseconds(50),
        SdkMaxRetries = 0,
        MaxAttemptsPerRange = 1,
    };

    [Fact]
    public async Task AccessToken_UploadsAndLists_WithBearerAndBackupIntentOnEveryRequest()
    {
        string local = TestData.CreateFile(_folder, "batch.zip", 5 * 1024 * 1024 + 3, 5);
        var authorizations = new ConcurrentQueue<string>();
        var intents = new ConcurrentQueue<string>();
        _endpoint.RequestObserver = r => { authorizations.Enqueue(r.Header("Authorization")); intents.Enqueue(r.Header("x-ms-file-request-intent")); };
        var connection = Trusting(ShareConnection.FromAccessToken(null, "Bearer " + _token, _endpoint.ServiceUri.ToString()));

        var result = await new ShareUploader(connection, ShareTarget.Parse("incoming/site"), Options()).UploadFileAsync(local);
        var listed = await new ShareLister(connection, ShareTarget.Parse("incoming/site"), new ShareListOptions()).ListAsync();

        Assert.Equal(ShareConnectionKind.AccessToken, connection.Kind);
        Assert.Equal("devacct", connection.AccountName);
        Assert.Equal(ShareUploadStatus.Uploaded, result.Status);
        Assert.Equal(Convert.ToBase64String(TestData.Md5Of(local)), _endpoint.Find("incoming/site/batch.zip").ContentMd5);
        Assert.Equal(result.Md5Base64, Assert.Single(listed).Md5Base64);
        Assert.NotEmpty(authorizations);
        Assert.All(authorizations, a => Assert.Equal("Bearer " + _token, a));
        Assert.All(intents, i => Assert.Equal("backup", i));
        Assert.DoesNotContain(_token, connection.ToString());
        Assert.Equal("x REDACTED", connection.Redact("x " + _token));
    }

    [Fact]
    public async Task WrongAccessToken_IsAnAuthenticationFailure_ThatNeverShowsTheToken()
    {
        string local = TestData.CreateFile(_folder, "batch.zip", 1000, 6);
        string wrong = SyntheticJwt(DateTimeOffset.UtcNow.AddHours(1)).Replace("c2lnbmF0dXJl", "d3JvbmctdG9r");
        var connection = Trusting(ShareConnection.FromAccessToken("devacct", wrong, _endpoint.ServiceUri.ToString()));

        var ex = await Assert.ThrowsAsync<ShareOperationException>(() => new ShareUploader(connection, ShareTarget.Parse("incoming/site"), Options()).UploadFileAsync(local));

        Assert.Equal(ShareFailureKind.Authentication, ex.Kind);
        Assert.Equal(401, ex.Status);
        Assert.DoesNotContain(wrong, ex.ToString());
        Assert.DoesNotContain(wrong.Split('.')[2], ex.ToString());
        Assert.DoesNotContain(_endpoint.Nodes, n => n.Path.StartsWith("incoming/site", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Endpoint_RefusesABearerRequestWithoutTheBackupIntent()
    {
        string thumbprint = _endpoint.Certificate.Thumbprint;
        using var client = new System.Net.Http.HttpClient(new System.Net.Http.HttpClientHandler { ServerCertificateCustomValidationCallback = (_, cert, _, _) => cert.Thumbprint == thumbprint });
        var request = new System.Net.Http.HttpRequestMessage(System.Net.Http.HttpMethod.Get, new Uri(_endpoint.ServiceUri, "incoming?restype=directory&comp=list"));
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + _token);
        request.Headers.TryAddWithoutValidation("x-ms-version", "2026-10-06");

        var response = await client.SendAsync(request);

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal("MissingRequiredHeader", response.Headers.GetValues("x-ms-error-code").Single());
    }

    [Fact]
    public void Resolver_TakesTheTokenFromTheEnvironment_AndRefusesTwoWaysToAuthenticate()
    {
        var env = new System.Collections.Generic.Dictionary<string, string> { [ShareConnectionResolver.AccessTokenVariable] = _token };
        var resolved = ShareConnectionResolver.Resolve(new ShareConnectionRequest
        {
            AccountName = "hamletrtsite", Share = "incoming", CurrentDirectory = _folder,
            Environment = name => env.TryGetValue(name, out string v) ? v : null,
        });
        Assert.Equal(ShareConnectionKind.AccessToken, resolved.Connection.Kind);
        Assert.Equal(new Uri("https://hamletrtsite.file.core.windows.net/"), resolved.Connection.ServiceUri);

        var secure = new SecureString();
        foreach (char c in _token) secure.AppendChar(c);
        var ex = Assert.Throws<ShareConfigurationException>(() => ShareConnectionResolver.Resolve(new ShareConnectionRequest
        {
            AccessToken = secure, AccountKeyText = "c2VjcmV0", AccountName = "hamletrtsite", Share = "incoming", CurrentDirectory = _folder,
            Environment = _ => null,
        }));
        Assert.Equal("AmbiguousCredentials", ex.ErrorId);

        var noAccount = Assert.Throws<ShareConfigurationException>(() => ShareConnectionResolver.Resolve(new ShareConnectionRequest
        {
            AccessTokenText = _token, Share = "incoming", CurrentDirectory = _folder, Environment = _ => null,
        }));
        Assert.DoesNotContain(_token, noAccount.Message);
    }

    [Fact]
    public void Credential_ReadsTheExpiryOfAJwt_AndHidesTheToken()
    {
        var expires = DateTimeOffset.UtcNow.AddMinutes(42);
        var credential = new StaticAccessTokenCredential(SyntheticJwt(expires));
        Assert.Equal(expires.ToUnixTimeSeconds(), credential.ExpiresOn.ToUnixTimeSeconds());
        Assert.DoesNotContain("c2lnbmF0dXJl", credential.ToString());
        Assert.Null(StaticAccessTokenCredential.ExpiryOf("opaque-token-without-dots"));
        Assert.Throws<ArgumentException>(() => ShareConnection.FromAccessToken("acct", "two words"));
    }
}
