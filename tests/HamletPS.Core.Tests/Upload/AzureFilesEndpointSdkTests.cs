using System;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Threading.Tasks;
using Azure;
using Azure.Storage;
using Azure.Storage.Files.Shares;
using Azure.Storage.Files.Shares.Models;
using Azure.Storage.Sas;
using HamletPS.AzureFilesEndpoint;
using Xunit;

namespace HamletPS.Core.Tests.Upload;

/// <summary>Fidelity of the local endpoint, with the Azure SDK (Azure.Storage.Files.Shares 12.28.0) as the oracle.</summary>
public sealed class AzureFilesEndpointSdkTests : IDisposable
{
    private readonly AzureFilesEndpoint.AzureFilesEndpoint _endpoint = AzureFilesEndpoint.AzureFilesEndpoint.Start();
    private readonly string _folder = TestData.NewFolder();

    public void Dispose()
    {
        _endpoint.Dispose();
        try { Directory.Delete(_folder, true); } catch { }
    }

    private ShareServiceClient Service(ShareClientOptions options = null) => new ShareServiceClient(_endpoint.ConnectionString, options ?? Options());

    private static ShareClientOptions Options()
    {
        var o = new ShareClientOptions();
        o.Retry.MaxRetries = 0;
        return o;
    }

    [Fact]
    public async Task Sdk_CreatesUploadsWithMd5AndCrc64_DownloadsListsRenames()
    {
        var share = Service().GetShareClient("incoming");
        await share.CreateAsync();
        var dir = share.GetDirectoryClient("site/batch");
        await share.GetDirectoryClient("site").CreateAsync();
        await dir.CreateAsync();
        string local = TestData.CreateFile(_folder, "a.bin", 5 * 1024 * 1024 + 123, 7);
        byte[] data = File.ReadAllBytes(local);
        var file = dir.GetFileClient("a.bin");
        var checksumHeaders = new System.Collections.Concurrent.ConcurrentQueue<string>();
        _endpoint.RequestObserver = r =>
        {
            if (r.IsPutRange) checksumHeaders.Enqueue(r.Header("Content-MD5") != null ? "md5" : r.Header("x-ms-structured-body") != null ? "structured" : r.Header("x-ms-content-crc64") != null ? "crc64" : "none");
        };
        await file.CreateAsync(data.Length, new ShareFileCreateOptions { HttpHeaders = new ShareFileHttpHeaders { ContentType = "application/zip" } });
        await file.UploadRangeAsync(new HttpRange(0, 4 * 1024 * 1024), new MemoryStream(data, 0, 4 * 1024 * 1024),
            new ShareFileUploadRangeOptions { TransferValidation = new UploadTransferValidationOptions { ChecksumAlgorithm = StorageChecksumAlgorithm.MD5 } });
        await file.UploadRangeAsync(new HttpRange(4 * 1024 * 1024, data.Length - 4 * 1024 * 1024), new MemoryStream(data, 4 * 1024 * 1024, data.Length - 4 * 1024 * 1024),
            new ShareFileUploadRangeOptions { TransferValidation = new UploadTransferValidationOptions { ChecksumAlgorithm = StorageChecksumAlgorithm.StorageCrc64 } });
        byte[] md5 = MD5.HashData(data);
        // The SDK sent an MD5 on the first range and a CRC64 (structured message or header) on the second; the endpoint verified both.
        Assert.Equal("md5", checksumHeaders.First());
        Assert.Contains(checksumHeaders.Last(), new[] { "structured", "crc64" });
        await file.SetHttpHeadersAsync(new ShareFileSetHttpHeadersOptions { HttpHeaders = new ShareFileHttpHeaders { ContentHash = md5, ContentType = "application/zip" } });

        ShareFileProperties props = await file.GetPropertiesAsync();
        Assert.Equal(data.Length, props.ContentLength);
        Assert.Equal(md5, props.ContentHash);
        Assert.Equal("application/zip", props.ContentType);

        var ranges = (await file.GetRangeListAsync(new ShareFileGetRangeListOptions())).Value;
        Assert.Equal(new HttpRange(0, data.Length), ranges.Ranges.Single());

        var part = await file.DownloadAsync(new ShareFileDownloadOptions { Range = new HttpRange(100, 1000) });
        var partBytes = new MemoryStream();
        await part.Value.Content.CopyToAsync(partBytes);
        Assert.Equal(data.Skip(100).Take(1000).ToArray(), partBytes.ToArray());

        var whole = new MemoryStream();
        await (await file.DownloadAsync()).Value.Content.CopyToAsync(whole);
        Assert.Equal(md5, MD5.HashData(whole.ToArray()));

        var renamed = (await file.RenameAsync("site/batch/b.bin")).Value;
        Assert.False(await file.ExistsAsync());
        Assert.Equal(md5, (await renamed.GetPropertiesAsync()).Value.ContentHash);

        var items = await dir.GetFilesAndDirectoriesAsync().ToListAsync();
        var item = Assert.Single(items);
        Assert.Equal("b.bin", item.Name);
        Assert.Equal(data.Length, item.FileSize);
    }

    [Fact]
    public async Task Sdk_ListingPagesFollowNextMarker()
    {
        var share = Service().GetShareClient("pages");
        await share.CreateAsync();
        var root = share.GetRootDirectoryClient();
        for (int i = 0; i < 7; i++) await root.GetFileClient("f" + i + ".txt").CreateAsync(i);
        await root.GetSubdirectoryClient("sub").CreateAsync();
        int pages = 0;
        var names = new System.Collections.Generic.List<string>();
        await foreach (var page in root.GetFilesAndDirectoriesAsync().AsPages(pageSizeHint: 3))
        {
            pages++;
            names.AddRange(page.Values.Select(v => v.Name + (v.IsDirectory ? "/" : "")));
        }
        Assert.Equal(3, pages);
        // The SDK yields directories before files within each page, so compare as a set (and no duplicates across pages).
        Assert.Equal(new[] { "f0.txt", "f1.txt", "f2.txt", "f3.txt", "f4.txt", "f5.txt", "f6.txt", "sub/" }, names.OrderBy(n => n, StringComparer.Ordinal));
    }

    [Fact]
    public async Task Endpoint_RejectsWrongMd5WithMd5Mismatch()
    {
        var share = Service().GetShareClient("md5");
        await share.CreateAsync();
        var file = share.GetRootDirectoryClient().GetFileClient("x.bin");
        await file.CreateAsync(10);
        var ex = await Assert.ThrowsAsync<RequestFailedException>(() => file.UploadRangeAsync(new HttpRange(0, 10), new MemoryStream(new byte[10]),
            new ShareFileUploadRangeOptions { TransferValidation = new UploadTransferValidationOptions { ChecksumAlgorithm = StorageChecksumAlgorithm.MD5, PrecalculatedChecksum = new byte[16] } }));
        Assert.Equal(400, ex.Status);
        Assert.Equal("Md5Mismatch", ex.ErrorCode);
    }

    [Fact]
    public async Task Endpoint_RejectsWrongKeyWithAuthenticationFailed_AndHeadErrorsCarryTheCode()
    {
        string wrong = Convert.ToBase64String(new byte[64]);
        var bad = new ShareServiceClient(new Uri(_endpoint.ServiceUri.ToString().TrimEnd('/')), new StorageSharedKeyCredential(_endpoint.AccountName, wrong), Options());
        var ex = await Assert.ThrowsAsync<RequestFailedException>(() => bad.GetShareClient("s").CreateAsync());
        Assert.Equal(403, ex.Status);
        Assert.Equal("AuthenticationFailed", ex.ErrorCode);

        await Service().GetShareClient("s").CreateAsync();
        var headEx = await Assert.ThrowsAsync<RequestFailedException>(() => Service().GetShareClient("s").GetRootDirectoryClient().GetFileClient("missing").GetPropertiesAsync());
        Assert.Equal(404, headEx.Status);
        Assert.Equal("ResourceNotFound", headEx.ErrorCode);
    }

    [Fact]
    public async Task Endpoint_AcceptsSdkAccountAndServiceSas_RejectsExpiredAndTampered()
    {
        await Service().GetShareClient("sas").CreateAsync();
        var cred = new StorageSharedKeyCredential(_endpoint.AccountName, _endpoint.AccountKey);
        string baseUri = _endpoint.ServiceUri.ToString().TrimEnd('/');

        var account = new AccountSasBuilder(AccountSasPermissions.All, DateTimeOffset.UtcNow.AddHours(1), AccountSasServices.Files, AccountSasResourceTypes.All)
        { Protocol = SasProtocol.HttpsAndHttp, StartsOn = DateTimeOffset.UtcNow.AddMinutes(-5) };
        string accountSas = account.ToSasQueryParameters(cred).ToString();
        var viaAccountSas = new ShareClient(new Uri(baseUri + "/sas?" + accountSas), Options());
        await viaAccountSas.GetRootDirectoryClient().GetFileClient("one.txt").CreateAsync(3);

        var service = new ShareSasBuilder(ShareSasPermissions.All, DateTimeOffset.UtcNow.AddHours(1)) { ShareName = "sas", Protocol = SasProtocol.HttpsAndHttp };
        var viaServiceSas = new ShareClient(new Uri(baseUri + "/sas?" + service.ToSasQueryParameters(cred)), Options());
        var listed = await viaServiceSas.GetRootDirectoryClient().GetFilesAndDirectoriesAsync().ToListAsync();
        Assert.Equal("one.txt", Assert.Single(listed).Name);

        var fileSas = new ShareSasBuilder(ShareFileSasPermissions.Read, DateTimeOffset.UtcNow.AddHours(1)) { ShareName = "sas", FilePath = "one.txt", Protocol = SasProtocol.HttpsAndHttp };
        var viaFileSas = new ShareFileClient(new Uri(baseUri + "/sas/one.txt?" + fileSas.ToSasQueryParameters(cred)), Options());
        Assert.Equal(3, (await viaFileSas.GetPropertiesAsync()).Value.ContentLength);
        var denied = await Assert.ThrowsAsync<RequestFailedException>(() => viaFileSas.DeleteAsync());
        Assert.Equal(403, denied.Status);

        var expired = new ShareSasBuilder(ShareSasPermissions.All, DateTimeOffset.UtcNow.AddHours(-1)) { ShareName = "sas", Protocol = SasProtocol.HttpsAndHttp, StartsOn = DateTimeOffset.UtcNow.AddHours(-2) };
        var viaExpired = new ShareClient(new Uri(baseUri + "/sas?" + expired.ToSasQueryParameters(cred)), Options());
        var ex = await Assert.ThrowsAsync<RequestFailedException>(() => viaExpired.GetRootDirectoryClient().GetFilesAndDirectoriesAsync().ToListAsync().AsTask());
        Assert.Equal(403, ex.Status);
        Assert.Equal("AuthenticationFailed", ex.ErrorCode);

        string tampered = service.ToSasQueryParameters(cred).ToString().Replace("sp=rcwdl", "sp=rcwd");
        Assert.Contains("sp=rcwd", tampered);
        var viaTampered = new ShareClient(new Uri(baseUri + "/sas?" + tampered), Options());
        var tex = await Assert.ThrowsAsync<RequestFailedException>(() => viaTampered.GetRootDirectoryClient().GetFileClient("one.txt").GetPropertiesAsync());
        Assert.Equal(403, tex.Status);
    }

    [Fact]
    public async Task Endpoint_ChangesETagOnWriteAndEchoesClientRequestId()
    {
        var share = Service().GetShareClient("etag");
        await share.CreateAsync();
        var file = share.GetRootDirectoryClient().GetFileClient("e.bin");
        var created = await file.CreateAsync(4);
        var props = await file.GetPropertiesAsync();
        Assert.Equal(created.Value.ETag, props.Value.ETag);
        Assert.NotNull(props.GetRawResponse().Headers.TryGetValue("x-ms-client-request-id", out var echoed) ? echoed : null);
        Assert.Equal(props.GetRawResponse().ClientRequestId, echoed);

        await file.UploadRangeAsync(new HttpRange(0, 4), new MemoryStream(new byte[] { 1, 2, 3, 4 }));
        var after = await file.GetPropertiesAsync();
        Assert.NotEqual(created.Value.ETag, after.Value.ETag);
    }
}
