using System;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using HamletPS.AzureFilesEndpoint;
using HamletPS.Core.Upload;
using Xunit;

namespace HamletPS.Core.Tests.Upload;

/// <summary>Uploads against the local endpoint while it drops connections, answers 503 storms, or the local file changes.</summary>
public sealed class ShareUploaderFaultTests : IDisposable
{
    private const int Mi = 1024 * 1024;
    private readonly AzureFilesEndpoint.AzureFilesEndpoint _endpoint = AzureFilesEndpoint.AzureFilesEndpoint.Start();
    private readonly string _folder = TestData.NewFolder();
    private readonly string _ledgers;

    public ShareUploaderFaultTests()
    {
        _endpoint.CreateShare("incoming");
        _ledgers = Path.Combine(_folder, "ledgers");
    }

    public void Dispose()
    {
        _endpoint.Dispose();
        try { Directory.Delete(_folder, true); } catch { }
    }

    private ShareUploader Uploader(Action<ShareUploadOptions> change = null)
    {
        var o = new ShareUploadOptions
        {
            LedgerFolder = _ledgers,
            MaxParallelRanges = 4,
            RetryDelay = TimeSpan.FromMilliseconds(10),
            SdkRetryDelay = TimeSpan.FromMilliseconds(10),
            MaxRetryDelay = TimeSpan.FromMilliseconds(40),
            SdkMaxRetries = 1,
            MaxAttemptsPerRange = 2,
        };
        change?.Invoke(o);
        return new ShareUploader(ShareConnection.FromConnectionString(_endpoint.ConnectionString), ShareTarget.Parse("incoming/batches"), o);
    }

    private string RemoteDataMd5(string path)
    {
        using var fs = File.OpenRead(_endpoint.DataFileOf(path));
        return Convert.ToBase64String(MD5.HashData(fs));
    }

    private int LedgerRangeCount()
    {
        string file = Assert.Single(Directory.GetFiles(_ledgers, "*.json"));
        using var doc = JsonDocument.Parse(File.ReadAllText(file));
        return doc.RootElement.GetProperty("Ranges").GetArrayLength();
    }

    [Fact]
    public async Task ConnectionDroppedMidFile_RerunSendsOnlyTheMissingRanges_AndTheResultMatches()
    {
        string local = TestData.CreateFile(_folder, "big.zip", 200L * Mi, 42);
        string md5 = Convert.ToBase64String(TestData.Md5Of(local));
        const int totalRanges = 50;

        // After 20 acknowledged ranges every range write is cut off half-way through its body: the network is gone.
        _endpoint.AddFault(FaultRule.DropRangeWrites(-1, afterBytes: 2 * Mi, match: _ => _endpoint.RangeWrites.Count >= 20));
        var failed = await Assert.ThrowsAsync<ShareOperationException>(() => Uploader().UploadFileAsync(local));
        Assert.Equal(ShareFailureKind.Transient, failed.Kind);
        Assert.Contains("re-run", failed.Message);
        Assert.Null(_endpoint.Find("incoming/batches/big.zip"));               // nothing looks complete
        Assert.Contains(_endpoint.Nodes, n => n.Path.StartsWith("incoming/batches/big.zip.partial-", StringComparison.Ordinal));
        int acknowledged = LedgerRangeCount();
        Assert.InRange(acknowledged, 20, _endpoint.RangeWrites.Count);
        Assert.Contains(_endpoint.Requests, r => r.Status == 0);              // the endpoint really dropped connections

        _endpoint.ClearFaults();
        _endpoint.ResetCounters();
        var result = await Uploader().UploadFileAsync(local);

        Assert.Equal(ShareUploadStatus.Resumed, result.Status);
        Assert.Equal(acknowledged, result.RangesResumed);
        Assert.Equal(totalRanges - acknowledged, result.RangesSent);
        // Counted at the endpoint: exactly the missing ranges arrive (a range the client retried after a timeout on a loaded
        // machine may arrive twice at the same offset; an acknowledged range never arrives again).
        Assert.Equal(totalRanges - acknowledged, _endpoint.RangeWrites.Select(w => w.Offset).Distinct().Count());
        Assert.Equal(md5, result.Md5Base64);
        Assert.Equal(md5, _endpoint.Find("incoming/batches/big.zip").ContentMd5);
        Assert.Equal(md5, RemoteDataMd5("incoming/batches/big.zip"));
        Assert.DoesNotContain(_endpoint.Nodes, n => n.Path.Contains(".partial", StringComparison.Ordinal));
        Assert.Empty(Directory.GetFiles(_ledgers, "*.json"));
    }

    [Fact]
    public async Task ServerBusyStormBeyondTheRetryBudget_Fails_ThenTheRerunSucceeds()
    {
        string local = TestData.CreateFile(_folder, "storm.zip", 9 * Mi, 5);
        var storm = _endpoint.AddFault(FaultRule.ServerBusy(-1, r => r.IsPutRange));
        var ex = await Assert.ThrowsAsync<ShareOperationException>(() => Uploader().UploadFileAsync(local));
        Assert.Equal(ShareFailureKind.Transient, ex.Kind);
        Assert.Equal(503, ex.Status);
        Assert.Equal("ServerBusy", ex.ErrorCode);
        // Our loop (2 attempts) on top of the SDK's (1 retry): at least 4 answers of 503 for the first range.
        Assert.True(storm.Fired >= 4, "503 answers: " + storm.Fired);
        ShareUploaderTests.AssertNoSecret(ex.ToString(), _endpoint.AccountKey);
        Assert.Null(_endpoint.Find("incoming/batches/storm.zip"));

        _endpoint.ClearFaults();
        var result = await Uploader().UploadFileAsync(local);
        Assert.Equal(ShareUploadStatus.Uploaded, result.Status);
        Assert.Equal(Convert.ToBase64String(TestData.Md5Of(local)), RemoteDataMd5("incoming/batches/storm.zip"));
    }

    [Fact]
    public async Task BurstOf503And500WithinTheRetryBudget_IsAbsorbed()
    {
        string local = TestData.CreateFile(_folder, "burst.zip", 9 * Mi, 6);
        var busy = _endpoint.AddFault(FaultRule.ServerBusy(2, r => r.IsPutRange));
        var error = _endpoint.AddFault(FaultRule.InternalError(1, r => r.IsPutRange));
        var slow = _endpoint.AddFault(FaultRule.Slow(TimeSpan.FromMilliseconds(200), 2, r => r.IsPutRange));
        var result = await Uploader(o => o.MaxAttemptsPerRange = 4).UploadFileAsync(local);
        Assert.Equal(ShareUploadStatus.Uploaded, result.Status);
        Assert.Equal(2, busy.Fired);
        Assert.Equal(1, error.Fired);
        Assert.Equal(2, slow.Fired);
        Assert.Equal(Convert.ToBase64String(TestData.Md5Of(local)), RemoteDataMd5("incoming/batches/burst.zip"));
    }

    [Fact]
    public async Task LocalFileModifiedDuringUpload_AbortsThatFileWithAClearError()
    {
        string local = TestData.CreateFile(_folder, "moving.zip", 40 * Mi, 8);
        _endpoint.AddFault(FaultRule.Slow(TimeSpan.FromMilliseconds(150), -1, r => r.IsPutRange));
        int modified = 0;
        var progress = new SyncProgress<UploadProgress>(p =>
        {
            if (p.BytesDone >= 8 * Mi && Interlocked.Exchange(ref modified, 1) == 0)
            {
                using (var fs = new FileStream(local, FileMode.Open, FileAccess.Write, FileShare.ReadWrite))
                {
                    fs.Seek(30 * Mi, SeekOrigin.Begin);
                    fs.Write(new byte[] { 1, 2, 3, 4 });
                }
                File.SetLastWriteTimeUtc(local, DateTime.UtcNow.AddSeconds(5));
            }
        });
        var ex = await Assert.ThrowsAsync<ShareOperationException>(() =>
            Uploader(o => { o.MaxParallelRanges = 2; o.ProgressInterval = TimeSpan.Zero; }).UploadFileAsync(local, progress: progress));
        Assert.Equal(1, modified);
        Assert.Equal(ShareFailureKind.LocalFileChanged, ex.Kind);
        Assert.Contains("changed while it was being uploaded", ex.Message);
        Assert.Contains("moving.zip", ex.Message);
        Assert.DoesNotContain(_endpoint.Nodes, n => n.Path.StartsWith("incoming/batches/moving.zip", StringComparison.Ordinal));
        Assert.Empty(Directory.GetFiles(_ledgers, "*.json"));
    }

    [Fact]
    public async Task Cancellation_StopsTheUpload_KeepsTheLedger_AndTheRerunResumes()
    {
        string local = TestData.CreateFile(_folder, "cancel.zip", 24 * Mi, 9);
        _endpoint.AddFault(FaultRule.Slow(TimeSpan.FromMilliseconds(100), -1, r => r.IsPutRange));
        using var cts = new CancellationTokenSource();
        var progress = new SyncProgress<UploadProgress>(p => { if (p.BytesDone >= 8 * Mi) cts.Cancel(); });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            Uploader(o => { o.MaxParallelRanges = 1; o.ProgressInterval = TimeSpan.Zero; }).UploadFileAsync(local, progress: progress, cancellationToken: cts.Token));
        Assert.Null(_endpoint.Find("incoming/batches/cancel.zip"));
        int acknowledged = LedgerRangeCount();
        Assert.InRange(acknowledged, 2, 5);

        _endpoint.ClearFaults();
        var result = await Uploader().UploadFileAsync(local);
        Assert.Equal(ShareUploadStatus.Resumed, result.Status);
        Assert.Equal(acknowledged, result.RangesResumed);
        Assert.Equal(Convert.ToBase64String(TestData.Md5Of(local)), RemoteDataMd5("incoming/batches/cancel.zip"));
    }
}
