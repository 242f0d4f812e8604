using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using HamletPS.Core.Upload;
using Xunit;

namespace HamletPS.Core.Tests.Upload;

public sealed class ShareListerTests : IDisposable
{
    private readonly AzureFilesEndpoint.AzureFilesEndpoint _endpoint = AzureFilesEndpoint.AzureFilesEndpoint.Start();
    private readonly string _folder = TestData.NewFolder();

    public void Dispose()
    {
        _endpoint.Dispose();
        try { Directory.Delete(_folder, true); } catch { }
    }

    [Fact]
    public async Task List_ReturnsSizesTimesAndMd5_RecursiveOrNot()
    {
        _endpoint.CreateShare("incoming");
        var connection = ShareConnection.FromConnectionString(_endpoint.ConnectionString);
        var options = new ShareUploadOptions { MaxParallelRanges = 2 };
        string a = TestData.CreateFile(_folder, "a.zip", 5_000_000, 1);
        string b = TestData.CreateFile(_folder, "b.zip", 1234, 2);
        await new ShareUploader(connection, ShareTarget.Parse("incoming/site"), options).UploadFileAsync(a);
        await new ShareUploader(connection, ShareTarget.Parse("incoming/site/2026/q4"), options).UploadFileAsync(b);

        var flat = await new ShareLister(connection, ShareTarget.Parse("incoming/site")).ListAsync();
        Assert.Equal(new[] { "site/2026", "site/a.zip" }, flat.Select(i => i.Path));
        var fileA = flat[1];
        Assert.False(fileA.IsDirectory);
        Assert.Equal(5_000_000, fileA.Size);
        Assert.Equal(Convert.ToBase64String(TestData.Md5Of(a)), fileA.Md5Base64);
        Assert.Equal(Convert.ToHexString(TestData.Md5Of(a)).ToLowerInvariant(), fileA.Md5Hex);
        Assert.NotNull(fileA.LastModified);
        Assert.InRange(fileA.LastModified.Value, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(1));
        Assert.True(flat[0].IsDirectory);
        Assert.Null(flat[0].Size);

        var deep = await new ShareLister(connection, new ShareTarget("incoming"), new ShareListOptions { Recursive = true, PageSize = 1 }).ListAsync();
        Assert.Equal(new[] { "site", "site/2026", "site/2026/q4", "site/2026/q4/b.zip", "site/a.zip" }, deep.Select(i => i.Path));
        Assert.Equal(Convert.ToBase64String(TestData.Md5Of(b)), deep[3].Md5Base64);
        Assert.Equal(new Uri(_endpoint.ServiceUri, "incoming/site/2026/q4/b.zip"), deep[3].Uri);
    }

    [Fact]
    public async Task List_MissingShare_FailsWithShareNotFound()
    {
        var connection = ShareConnection.FromConnectionString(_endpoint.ConnectionString);
        var ex = await Assert.ThrowsAsync<ShareOperationException>(() => new ShareLister(connection, new ShareTarget("absent")).ListAsync());
        Assert.Equal(ShareFailureKind.ShareNotFound, ex.Kind);
        ShareUploaderTests.AssertNoSecret(ex.ToString(), _endpoint.AccountKey);
    }
}
