using System;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using HamletPS.Core.Upload;
using Xunit;

namespace HamletPS.Core.Tests.Upload;

/// <summary>The -Destination route into a local folder standing in for the mounted share.</summary>
public sealed class SmbRouteCopierTests : IDisposable
{
    private readonly string _folder = TestData.NewFolder();
    private readonly string _mount;

    public SmbRouteCopierTests()
    {
        _mount = Path.Combine(_folder, "mount");
        Directory.CreateDirectory(_mount);
    }

    public void Dispose()
    {
        try { Directory.Delete(_folder, true); } catch { }
    }

    private static string Sha256Hex(string path)
    {
        using var fs = File.OpenRead(path);
        return Convert.ToHexString(SHA256.HashData(fs)).ToLowerInvariant();
    }

    [Fact]
    public async Task Copy_VerifiesAndRenames_ThenSkipsWhenIdentical()
    {
        string local = TestData.CreateFile(Path.Combine(_folder, "src"), "batch.zip", 3_000_001, 4);
        var result = await new SmbRouteCopier().CopyAsync(local, _mount);
        Assert.Equal(SmbCopyStatus.Copied, result.Status);
        string dest = Path.Combine(_mount, "batch.zip");
        Assert.Equal(dest, result.DestinationPath);
        Assert.Equal(Sha256Hex(local), Sha256Hex(dest));
        Assert.Equal(Sha256Hex(local), result.Sha256Hex);
        Assert.Equal(Convert.ToBase64String(TestData.Md5Of(local)), result.Md5Base64);
        Assert.Equal(new[] { "batch.zip" }, Directory.GetFiles(_mount).Select(Path.GetFileName));

        var again = await new SmbRouteCopier().CopyAsync(local, _mount);
        Assert.Equal(SmbCopyStatus.Skipped, again.Status);
    }

    [Fact]
    public async Task Copy_DifferentFileThere_NeedsForce()
    {
        string first = TestData.CreateFile(Path.Combine(_folder, "a"), "x.zip", 10_000, 1);
        string second = TestData.CreateFile(Path.Combine(_folder, "b"), "x.zip", 10_000, 2);
        await new SmbRouteCopier().CopyAsync(first, _mount);
        Assert.Equal(SmbCopyStatus.NotOverwritten, (await new SmbRouteCopier().CopyAsync(second, _mount)).Status);
        Assert.Equal(Sha256Hex(first), Sha256Hex(Path.Combine(_mount, "x.zip")));
        Assert.Equal(SmbCopyStatus.Copied, (await new SmbRouteCopier(new SmbCopyOptions { Force = true }).CopyAsync(second, _mount)).Status);
        Assert.Equal(Sha256Hex(second), Sha256Hex(Path.Combine(_mount, "x.zip")));
        Assert.Single(Directory.GetFiles(_mount));
    }

    [Fact]
    public async Task Copy_InterruptedHalfWay_LeavesNoCompleteLookingFile_AndTheRerunCompletes()
    {
        string local = TestData.CreateFile(Path.Combine(_folder, "src"), "half.zip", 16 * 1024 * 1024, 5);
        using var cts = new CancellationTokenSource();
        var copier = new SmbRouteCopier(new SmbCopyOptions { ProgressInterval = TimeSpan.Zero, BufferSize = 1024 * 1024 });
        var progress = new SyncProgress<UploadProgress>(p => { if (p.BytesDone >= 8 * 1024 * 1024) cts.Cancel(); });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => copier.CopyAsync(local, _mount, progress: progress, cancellationToken: cts.Token));
        Assert.False(File.Exists(Path.Combine(_mount, "half.zip")));
        Assert.Empty(Directory.GetFiles(_mount));

        // A crash leaves a stale .partial behind: it never carries the real name, and the next run replaces it.
        File.WriteAllBytes(Path.Combine(_mount, "half.zip" + SmbRouteCopier.PartialSuffix), new byte[4096]);
        var result = await new SmbRouteCopier().CopyAsync(local, _mount);
        Assert.Equal(SmbCopyStatus.Copied, result.Status);
        Assert.Equal(Sha256Hex(local), Sha256Hex(Path.Combine(_mount, "half.zip")));
        Assert.Equal(new[] { "half.zip" }, Directory.GetFiles(_mount).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Copy_ToMissingFolder_FailsClearly()
    {
        string local = TestData.CreateFile(Path.Combine(_folder, "src"), "m.zip", 10, 1);
        var ex = await Assert.ThrowsAsync<DirectoryNotFoundException>(() => new SmbRouteCopier().CopyAsync(local, Path.Combine(_folder, "not-mounted")));
        Assert.Contains("not-mounted", ex.Message);
    }
}
