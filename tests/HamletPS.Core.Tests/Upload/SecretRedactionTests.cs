using System;
using System.IO;
using System.Threading.Tasks;
using Azure.Storage;
using Azure.Storage.Sas;
using HamletPS.AzureFilesEndpoint;
using HamletPS.Core.Upload;
using Xunit;

namespace HamletPS.Core.Tests.Upload;

/// <summary>Every error path, reached with a SAS connection and with a connection string: no signature or key in any message.</summary>
public sealed class SecretRedactionTests : IDisposable
{
    private readonly AzureFilesEndpoint.AzureFilesEndpoint _endpoint = AzureFilesEndpoint.AzureFilesEndpoint.Start();
    private readonly string _folder = TestData.NewFolder();

    public void Dispose()
    {
        _endpoint.Dispose();
        try { Directory.Delete(_folder, true); } catch { }
    }

    private ShareUploadOptions Fast() => new ShareUploadOptions
    {
        RetryDelay = TimeSpan.FromMilliseconds(5), SdkRetryDelay = TimeSpan.FromMilliseconds(5), MaxRetryDelay = TimeSpan.FromMilliseconds(20),
        SdkMaxRetries = 1, MaxAttemptsPerRange = 2, LedgerFolder = Path.Combine(_folder, "ledgers"),
    };

    [Fact]
    public async Task ErrorMessages_OnEveryPath_CarryNoSignatureOrKey()
    {
        _endpoint.CreateShare("incoming");
        var cred = new StorageSharedKeyCredential(_endpoint.AccountName, _endpoint.AccountKey);
        var sas = new AccountSasBuilder(AccountSasPermissions.All, DateTimeOffset.UtcNow.AddHours(1), AccountSasServices.Files, AccountSasResourceTypes.All)
        { Protocol = SasProtocol.HttpsAndHttp }.ToSasQueryParameters(cred);
        string signature = sas.Signature;
        var viaSas = ShareConnection.FromSasToken(_endpoint.ServiceUri.ToString(), sas.ToString());
        var viaKey = ShareConnection.FromConnectionString(_endpoint.ConnectionString);
        string local = TestData.CreateFile(_folder, "r.zip", 5 * 1024 * 1024, 3);
        var messages = new System.Collections.Generic.List<string>();

        foreach (var connection in new[] { viaSas, viaKey })
        {
            // Missing share: upload and listing.
            messages.Add((await Assert.ThrowsAsync<ShareOperationException>(() => new ShareUploader(connection, ShareTarget.Parse("absent/dir"), Fast()).UploadFileAsync(local))).ToString());
            messages.Add((await Assert.ThrowsAsync<ShareOperationException>(() => new ShareLister(connection, new ShareTarget("absent")).ListAsync())).ToString());
            // 503 storm and dropped connections beyond the retry budget.
            _endpoint.AddFault(FaultRule.ServerBusy(-1, r => r.IsPutRange));
            messages.Add((await Assert.ThrowsAsync<ShareOperationException>(() => new ShareUploader(connection, new ShareTarget("incoming"), Fast()).UploadFileAsync(local))).ToString());
            _endpoint.ClearFaults();
            _endpoint.AddFault(FaultRule.DropRangeWrites(-1, 1000));
            messages.Add((await Assert.ThrowsAsync<ShareOperationException>(() => new ShareUploader(connection, new ShareTarget("incoming"), Fast()).UploadFileAsync(local))).ToString());
            _endpoint.ClearFaults();
            // A 500 on the rename.
            _endpoint.AddFault(FaultRule.InternalError(-1, r => r.QueryValue("comp") == "rename"));
            messages.Add((await Assert.ThrowsAsync<ShareOperationException>(() => new ShareUploader(connection, new ShareTarget("incoming"), Fast()).UploadFileAsync(local, "renamed.zip"))).ToString());
            _endpoint.ClearFaults();
        }
        // A tampered SAS and a wrong key.
        var tampered = ShareConnection.FromSasToken(_endpoint.ServiceUri.ToString(), sas.ToString().Replace("sp=", "sp=r&x="));
        messages.Add((await Assert.ThrowsAsync<ShareOperationException>(() => new ShareLister(tampered, new ShareTarget("incoming")).ListAsync())).ToString());
        string wrongKey = Convert.ToBase64String(new byte[64]);
        var wrong = ShareConnection.FromConnectionString(_endpoint.ConnectionString.Replace(_endpoint.AccountKey, wrongKey));
        messages.Add((await Assert.ThrowsAsync<ShareOperationException>(() => new ShareLister(wrong, new ShareTarget("incoming")).ListAsync())).ToString());

        Assert.Equal(12, messages.Count);
        foreach (string m in messages)
        {
            ShareUploaderTests.AssertNoSecret(m, signature);
            ShareUploaderTests.AssertNoSecret(m, _endpoint.AccountKey);
            ShareUploaderTests.AssertNoSecret(m, wrongKey);
            Assert.DoesNotContain("sig=", m, StringComparison.OrdinalIgnoreCase);
        }
    }
}
