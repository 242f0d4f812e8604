using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using HamletPS.Core.Upload;
using Xunit;

namespace HamletPS.Core.Tests.Upload;

/// <summary>
/// Fidelity cross-checks with independent Debian clients: python3-azure-storage (azure.storage.fileshare, x-ms-version
/// 2021-12-02) and azure-cli must round-trip files against the local endpoint, and read what ShareUploader wrote.
/// </summary>
public sealed class IndependentClientTests : IDisposable
{
    private const string Python = "/usr/bin/python3";
    private readonly AzureFilesEndpoint.AzureFilesEndpoint _endpoint = AzureFilesEndpoint.AzureFilesEndpoint.Start();
    private readonly string _folder = TestData.NewFolder();

    public void Dispose()
    {
        _endpoint.Dispose();
        try { Directory.Delete(_folder, true); } catch { }
    }

    private const string PythonScript = @"
import hashlib, json, os, sys
from azure.storage.fileshare import ShareServiceClient
svc = ShareServiceClient.from_connection_string(os.environ['CS'])
mode = sys.argv[1]
if mode == 'roundtrip':
    share = svc.get_share_client('pyshare')
    share.create_share()
    share.create_directory('d1')
    f = share.get_file_client('d1/data.bin')
    with open(sys.argv[2], 'rb') as src:
        f.upload_file(src)
    listed = [(p['name'], p.get('size')) for p in share.list_directories_and_files('d1')]
    got = f.download_file().readall()
    print(json.dumps({'listed': listed, 'md5': hashlib.md5(got).hexdigest(), 'size': len(got)}))
elif mode == 'read':
    f = svc.get_share_client(sys.argv[2]).get_file_client(sys.argv[3])
    props = f.get_file_properties()
    md5 = props.content_settings.content_md5
    got = f.download_file().readall()
    print(json.dumps({'md5': hashlib.md5(got).hexdigest(), 'property_md5': bytes(md5).hex() if md5 else None, 'size': props.size}))
";

    private (int Code, string Out, string Err) Run(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in args) psi.ArgumentList.Add(a);
        psi.Environment["CS"] = _endpoint.ConnectionString;
        psi.Environment["AZURE_STORAGE_CONNECTION_STRING"] = _endpoint.ConnectionString;
        psi.Environment["AZURE_CONFIG_DIR"] = Path.Combine(_folder, "azconfig");
        psi.Environment["AZURE_CORE_COLLECT_TELEMETRY"] = "false";
        psi.Environment["AZURE_CORE_ONLY_SHOW_ERRORS"] = "true";
        psi.Environment["AZURE_CORE_NO_COLOR"] = "true";
        using var p = Process.Start(psi);
        var stdout = p.StandardOutput.ReadToEndAsync();
        string err = p.StandardError.ReadToEnd();
        if (!p.WaitForExit(120_000)) { p.Kill(true); throw new TimeoutException(file + " did not finish"); }
        return (p.ExitCode, stdout.Result, err);
    }

    private string Script()
    {
        string path = Path.Combine(_folder, "client.py");
        File.WriteAllText(path, PythonScript);
        return path;
    }

    [Fact]
    public void PythonAzureStorage_RoundTripsAFileThroughTheEndpoint()
    {
        string local = TestData.CreateFile(_folder, "py.bin", 6 * 1024 * 1024 + 77, 21);
        var (code, output, err) = Run(Python, Script(), "roundtrip", local);
        Assert.True(code == 0, "python failed: " + err);
        using var doc = JsonDocument.Parse(output);
        Assert.Equal(Convert.ToHexString(TestData.Md5Of(local)).ToLowerInvariant(), doc.RootElement.GetProperty("md5").GetString());
        Assert.Equal(new FileInfo(local).Length, doc.RootElement.GetProperty("size").GetInt64());
        var listed = doc.RootElement.GetProperty("listed").EnumerateArray().Select(e => e[0].GetString()).ToList();
        Assert.Equal(new[] { "data.bin" }, listed);
        Assert.True(_endpoint.RangeWrites.Count >= 2);
    }

    [Fact]
    public async Task PythonAzureStorage_ReadsWhatShareUploaderWrote_WithItsContentMd5()
    {
        _endpoint.CreateShare("incoming");
        string local = TestData.CreateFile(_folder, "ours.zip", 9 * 1024 * 1024 + 1, 22);
        var result = await new ShareUploader(ShareConnection.FromConnectionString(_endpoint.ConnectionString), ShareTarget.Parse("incoming/site")).UploadFileAsync(local);
        var (code, output, err) = Run(Python, Script(), "read", "incoming", "site/ours.zip");
        Assert.True(code == 0, "python failed: " + err);
        using var doc = JsonDocument.Parse(output);
        Assert.Equal(result.Md5Hex, doc.RootElement.GetProperty("md5").GetString());
        Assert.Equal(result.Md5Hex, doc.RootElement.GetProperty("property_md5").GetString());
    }

    [Fact]
    public void AzureCli_UploadsListsAndDownloadsAFile()
    {
        _endpoint.CreateShare("azshare");
        string local = TestData.CreateFile(_folder, "az.bin", 5 * 1024 * 1024 + 3, 23);
        var up = Run("az", "storage", "file", "upload", "--share-name", "azshare", "--source", local, "--path", "az.bin", "--only-show-errors");
        Assert.True(up.Code == 0, "az upload failed: " + up.Err);
        var list = Run("az", "storage", "file", "list", "--share-name", "azshare", "-o", "json", "--only-show-errors");
        Assert.True(list.Code == 0, "az list failed: " + list.Err);
        using (var doc = JsonDocument.Parse(list.Out))
            Assert.Equal("az.bin", Assert.Single(doc.RootElement.EnumerateArray()).GetProperty("name").GetString());
        string back = Path.Combine(_folder, "back.bin");
        var down = Run("az", "storage", "file", "download", "--share-name", "azshare", "--path", "az.bin", "--dest", back, "--only-show-errors");
        Assert.True(down.Code == 0, "az download failed: " + down.Err);
        Assert.Equal(TestData.Md5Of(local), TestData.Md5Of(back));
        Assert.DoesNotContain(_endpoint.AccountKey, up.Err + list.Err + down.Err);
    }
}
