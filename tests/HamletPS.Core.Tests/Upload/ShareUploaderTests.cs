using System;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Threading.Tasks;
using Azure.Storage;
using Azure.Storage.Files.Shares;
using Azure.Storage.Sas;
using HamletPS.AzureFilesEndpoint;
using HamletPS.Core.Upload;
using Xunit;

namespace HamletPS.Core.Tests.Upload;

public sealed class ShareUploaderTests : IDisposable
{
    private readonly AzureFilesEndpoint.AzureFilesEndpoint _endpoint = AzureFilesEndpoint.AzureFilesEndpoint.Start();
    private readonly string _folder = TestData.NewFolder();

    public ShareUploaderTests()
    {
        _endpoint.CreateShare("incoming");
    }

    public void Dispose()
    {
        _endpoint.Dispose();
        try { Directory.Delete(_folder, true); } catch { }
    }

    private ShareConnection Connection => ShareConnection.FromConnectionString(_endpoint.ConnectionString);

    private ShareUploadOptions Options(Action<ShareUploadOptions> change = null)
    {
        var o = new ShareUploadOptions
        {
            LedgerFolder = Path.Combine(_folder, "ledgers"),
            RetryDelay = TimeSpan.FromMilliseconds(10),
            SdkRetryDelay = TimeSpan.FromMilliseconds(10),
            MaxRetryDelay = TimeSpan.FromMilliseconds(50),
            SdkMaxRetries = 1,
            MaxAttemptsPerRange = 2,
        };
        change?.Invoke(o);
        return o;
    }

    private static string Md5Base64(string path) => Convert.ToBase64String(TestData.Md5Of(path));

    private string RemoteMd5(string resourcePath)
    {
        using var fs = File.OpenRead(_endpoint.DataFileOf(resourcePath));
        return Convert.ToBase64String(MD5.HashData(fs));
    }

    [Fact]
    public async Task Upload_CreatesMissingDirectories_SendsRangesWithMd5_AndLeavesOnlyTheFinalName()
    {
        string local = TestData.CreateFile(_folder, "batch-001.zip", 9 * 1024 * 1024 + 5, 11);
        var uploader = new ShareUploader(Connection, ShareTarget.Parse("incoming/site-a/2026"), Options());
        var rangeMd5Headers = new System.Collections.Concurrent.ConcurrentQueue<string>();
        _endpoint.RequestObserver = r => { if (r.IsPutRange) rangeMd5Headers.Enqueue(r.Header("Content-MD5")); };
        var reports = new System.Collections.Concurrent.ConcurrentQueue<UploadProgress>();
        var result = await uploader.UploadFileAsync(local, progress: new SyncProgress<UploadProgress>(reports.Enqueue));

        Assert.Equal(ShareUploadStatus.Uploaded, result.Status);
        Assert.Equal("site-a/2026/batch-001.zip", result.RemotePath);
        Assert.Equal(Md5Base64(local), result.Md5Base64);
        Assert.Equal(Convert.ToHexString(TestData.Md5Of(local)).ToLowerInvariant(), result.Md5Hex);
        Assert.Equal(3, result.RangesSent);
        Assert.Equal(new FileInfo(local).Length, result.Bytes);
        Assert.Equal(new Uri(_endpoint.ServiceUri, "incoming/site-a/2026/batch-001.zip"), result.Uri);
        Assert.True(result.MegabytesPerSecond > 0);

        var node = _endpoint.Find("incoming/site-a/2026/batch-001.zip");
        Assert.NotNull(node);
        Assert.Equal(result.Md5Base64, node.ContentMd5);
        Assert.Equal(result.Md5Base64, RemoteMd5(node.Path));
        Assert.DoesNotContain(_endpoint.Nodes, n => n.Path.Contains(".partial", StringComparison.Ordinal));
        Assert.Equal(3, _endpoint.RangeWrites.Count);
        Assert.Equal(3, rangeMd5Headers.Count);
        Assert.All(rangeMd5Headers, h => Assert.Equal(16, Convert.FromBase64String(h).Length));   // a transactional MD5 on every range
        Assert.All(_endpoint.RangeWrites, w => Assert.Contains(".partial-", w.Path));
        Assert.True(reports.Last().Completed);
        Assert.Equal(result.Bytes, reports.Last().BytesDone);
        Assert.Empty(Directory.GetFiles(Path.Combine(_folder, "ledgers")));
    }

    [Fact]
    public async Task Upload_SameContentAgain_IsSkippedWithoutSendingRanges()
    {
        string local = TestData.CreateFile(_folder, "same.zip", 1_000_000, 3);
        var uploader = new ShareUploader(Connection, new ShareTarget("incoming"), Options());
        Assert.Equal(ShareUploadStatus.Uploaded, (await uploader.UploadFileAsync(local)).Status);
        _endpoint.ResetCounters();
        var again = await new ShareUploader(Connection, new ShareTarget("incoming"), Options()).UploadFileAsync(local);
        Assert.Equal(ShareUploadStatus.Skipped, again.Status);
        Assert.Equal(Md5Base64(local), again.Md5Base64);
        Assert.Empty(_endpoint.RangeWrites);
    }

    [Fact]
    public async Task Upload_DifferentContent_NeedsForceOrConfirmation()
    {
        string first = TestData.CreateFile(Path.Combine(_folder, "a"), "report.zip", 300_000, 1);
        string second = TestData.CreateFile(Path.Combine(_folder, "b"), "report.zip", 300_000, 2);
        var target = new ShareTarget("incoming", "out");
        await new ShareUploader(Connection, target, Options()).UploadFileAsync(first);

        var refused = await new ShareUploader(Connection, target, Options()).UploadFileAsync(second);
        Assert.Equal(ShareUploadStatus.NotOverwritten, refused.Status);
        Assert.Equal(Md5Base64(first), RemoteMd5("incoming/out/report.zip"));

        string asked = null;
        var declined = await new ShareUploader(Connection, target, Options(o => o.ConfirmOverwrite = p => { asked = p; return false; })).UploadFileAsync(second);
        Assert.Equal(ShareUploadStatus.NotOverwritten, declined.Status);
        Assert.Equal("incoming/out/report.zip", asked);

        var confirmed = await new ShareUploader(Connection, target, Options(o => o.ConfirmOverwrite = _ => true)).UploadFileAsync(second);
        Assert.Equal(ShareUploadStatus.Uploaded, confirmed.Status);
        Assert.Equal(Md5Base64(second), RemoteMd5("incoming/out/report.zip"));

        var forced = await new ShareUploader(Connection, target, Options(o => o.Force = true)).UploadFileAsync(first);
        Assert.Equal(ShareUploadStatus.Uploaded, forced.Status);
        Assert.Equal(Md5Base64(first), RemoteMd5("incoming/out/report.zip"));
        Assert.Equal(Md5Base64(first), _endpoint.Find("incoming/out/report.zip").ContentMd5);
    }

    [Fact]
    public async Task Upload_EmptyFile_IsUploadedAndVerified()
    {
        string local = TestData.CreateFile(_folder, "empty.zip", 0, 1);
        var result = await new ShareUploader(Connection, new ShareTarget("incoming"), Options()).UploadFileAsync(local);
        Assert.Equal(ShareUploadStatus.Uploaded, result.Status);
        Assert.Equal(Convert.ToBase64String(MD5.HashData(Array.Empty<byte>())), _endpoint.Find("incoming/empty.zip").ContentMd5);
    }

    [Fact]
    public async Task Upload_WithWrongKey_FailsWithAuthenticationErrorThatHidesTheKey()
    {
        string wrongKey = Convert.ToBase64String(Enumerable.Range(0, 64).Select(i => (byte)(i * 7)).ToArray());
        var connection = ShareConnection.FromAccountKey(_endpoint.AccountName, wrongKey, _endpoint.ServiceUri.ToString());
        string local = TestData.CreateFile(_folder, "k.zip", 1000, 1);
        var ex = await Assert.ThrowsAsync<ShareOperationException>(() => new ShareUploader(connection, ShareTarget.Parse("incoming/x"), Options()).UploadFileAsync(local));
        Assert.Equal(ShareFailureKind.Authentication, ex.Kind);
        Assert.Equal(403, ex.Status);
        Assert.Contains("Authentication", ex.Message);
        Assert.Contains("k.zip", ex.Message);
        AssertNoSecret(ex.ToString(), wrongKey);
    }

    [Fact]
    public async Task Upload_WithExpiredSas_FailsWithAuthenticationErrorThatHidesTheSignature()
    {
        var cred = new StorageSharedKeyCredential(_endpoint.AccountName, _endpoint.AccountKey);
        var sas = new AccountSasBuilder(AccountSasPermissions.All, DateTimeOffset.UtcNow.AddMinutes(-10), AccountSasServices.Files, AccountSasResourceTypes.All)
        { Protocol = SasProtocol.HttpsAndHttp, StartsOn = DateTimeOffset.UtcNow.AddHours(-1) }.ToSasQueryParameters(cred);
        string sasUrl = _endpoint.ServiceUri + "incoming?" + sas;
        var connection = ShareConnection.FromSasUrl(sasUrl);
        Assert.Equal("incoming", connection.DefaultTarget.ShareName);
        string local = TestData.CreateFile(_folder, "s.zip", 1000, 1);
        var ex = await Assert.ThrowsAsync<ShareOperationException>(() => new ShareUploader(connection, null, Options()).UploadFileAsync(local));
        Assert.Equal(ShareFailureKind.Authentication, ex.Kind);
        Assert.Contains("expired", ex.Message);
        AssertNoSecret(ex.ToString(), sas.Signature);
        AssertNoSecret(connection.ToString(), sas.Signature);
    }

    [Fact]
    public async Task Upload_WithValidServiceSas_Works()
    {
        var cred = new StorageSharedKeyCredential(_endpoint.AccountName, _endpoint.AccountKey);
        var sas = new ShareSasBuilder(ShareSasPermissions.All, DateTimeOffset.UtcNow.AddHours(1)) { ShareName = "incoming", Protocol = SasProtocol.HttpsAndHttp }.ToSasQueryParameters(cred);
        var connection = ShareConnection.FromSasToken(_endpoint.ServiceUri + "incoming/viasas", "?" + sas);
        string local = TestData.CreateFile(_folder, "v.zip", 5 * 1024 * 1024, 9);
        var result = await new ShareUploader(connection, null, Options()).UploadFileAsync(local);
        Assert.Equal(ShareUploadStatus.Uploaded, result.Status);
        Assert.DoesNotContain("sig", result.Uri.ToString());
        Assert.Equal(Md5Base64(local), RemoteMd5("incoming/viasas/v.zip"));
    }

    [Fact]
    public async Task Upload_ToMissingShare_FailsWithShareNotFound()
    {
        string local = TestData.CreateFile(_folder, "m.zip", 1000, 1);
        var ex = await Assert.ThrowsAsync<ShareOperationException>(() => new ShareUploader(Connection, ShareTarget.Parse("nosuchshare/dir"), Options()).UploadFileAsync(local));
        Assert.Equal(ShareFailureKind.ShareNotFound, ex.Kind);
        Assert.Contains("nosuchshare", ex.Message);
        AssertNoSecret(ex.ToString(), _endpoint.AccountKey);

        var atRoot = await Assert.ThrowsAsync<ShareOperationException>(() => new ShareUploader(Connection, new ShareTarget("nosuchshare"), Options()).UploadFileAsync(local));
        Assert.Equal(ShareFailureKind.ShareNotFound, atRoot.Kind);
    }

    internal static void AssertNoSecret(string text, string secret)
    {
        Assert.DoesNotContain(secret, text);
        Assert.DoesNotContain(Uri.EscapeDataString(secret), text);
    }
}

/// <summary>IProgress that reports synchronously on the reporting thread (Progress&lt;T&gt; posts to the thread pool).</summary>
internal sealed class SyncProgress<T> : IProgress<T>
{
    private readonly Action<T> _action;
    public SyncProgress(Action<T> action) { _action = action; }
    public void Report(T value) => _action(value);
}
