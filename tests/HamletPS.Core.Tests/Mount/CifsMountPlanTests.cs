using System;
using System.IO;
using System.Linq;
using HamletPS.Core.Mount;
using Xunit;
using HamletPS.Core.Tests.Upload;
using HamletPS.Core.Upload;

namespace HamletPS.Core.Tests.Mount;

public sealed class CifsMountPlanTests : IDisposable
{
    private readonly string _folder = TestData.NewFolder();

    public void Dispose()
    {
        try { Directory.Delete(_folder, true); } catch { }
    }

    [Fact]
    public void Plan_MountsTheAccountsShare_WithTheCredentialsFileAndPrivateModes()
    {
        var plan = CifsMountPlan.Create(new CifsMountRequest { AccountName = "hamletrtcambridge", ShareName = "cambridge-incoming", HomeFolder = "/home/site" });

        Assert.Equal("//hamletrtcambridge.file.core.windows.net/cambridge-incoming", plan.Source);
        Assert.Equal("/mnt/hamletrtcambridge/cambridge-incoming", plan.MountPoint);
        Assert.Equal("/home/site/.hamletps/smb/hamletrtcambridge.cred", plan.CredentialFile);
        Assert.Equal("vers=3.1.1,credentials=/home/site/.hamletps/smb/hamletrtcambridge.cred,serverino,dir_mode=0700,file_mode=0600,nosharesock,actimeo=30", plan.Options);
        Assert.Equal(new[] { "-t", "cifs", plan.Source, plan.MountPoint, "-o", plan.Options }, plan.MountArguments);
        Assert.Equal("mount -t cifs //hamletrtcambridge.file.core.windows.net/cambridge-incoming /mnt/hamletrtcambridge/cambridge-incoming -o " + plan.Options, plan.CommandLines[2]);
        Assert.Contains("'********'", plan.CommandLines[1]);
        Assert.StartsWith("(umask 077 && ", plan.CommandLines[1]);
    }

    [Fact]
    public void Plan_QuotesPathsForTheShell_ButPassesThemVerbatimToTheProgram()
    {
        string mountPoint = "/mnt/site's share/in $HOME";
        var plan = CifsMountPlan.Create(new CifsMountRequest
        {
            AccountName = "hamletrttest", ShareName = "incoming", MountPoint = mountPoint, ComputerName = "127.0.0.1", Port = 10445,
            CredentialFile = Path.Combine(_folder, "my creds", "acct.cred"),
        });

        Assert.Equal(mountPoint, plan.MountArguments[3]);
        Assert.EndsWith(",port=10445", plan.Options);
        Assert.Contains(" '/mnt/site'\\''s share/in $HOME' ", plan.CommandLines[2]);
        Assert.Equal("mkdir -p '/mnt/site'\\''s share/in $HOME'", plan.CommandLines[0]);
        // What a POSIX shell makes of the quoted line is exactly the argument vector.
        var psi = new System.Diagnostics.ProcessStartInfo("/bin/sh") { RedirectStandardOutput = true };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add("printf '%s\\n' " + string.Join(" ", plan.MountArguments.Select(CifsMountPlan.ShellQuote)));
        using var sh = System.Diagnostics.Process.Start(psi)!;
        string[] words = sh.StandardOutput.ReadToEnd().TrimEnd('\n').Split('\n');
        sh.WaitForExit();
        Assert.Equal(plan.MountArguments, words);
    }

    [Theory]
    [InlineData("Hamlet", "incoming", "AccountName")]
    [InlineData("hamletrt", "in--coming", "ShareName")]
    [InlineData("hamletrt", "-incoming", "ShareName")]
    [InlineData("hamletrt", "incoming", "MountPoint")]
    [InlineData("hamletrt", "incoming", "CredentialFile")]
    public void Plan_RefusesBadNamesRelativeMountPointsAndCommasInTheCredentialsPath(string account, string share, string parameter)
    {
        var request = new CifsMountRequest { AccountName = account, ShareName = share, HomeFolder = _folder };
        if (parameter == "MountPoint") request.MountPoint = "relative/mnt";
        if (parameter == "CredentialFile") request.CredentialFile = Path.Combine(_folder, "a,b.cred");
        var ex = Assert.ThrowsAny<ArgumentException>(() => CifsMountPlan.Create(request));
        Assert.Equal(parameter, ex.ParamName);
    }

    [Fact]
    public void IsMountedIn_ReadsProcMounts_WithOctalEscapes()
    {
        var plan = CifsMountPlan.Create(new CifsMountRequest { AccountName = "hamletrttest", ShareName = "incoming", MountPoint = "/mnt/my share", HomeFolder = _folder });
        string mounts = "sysfs /sys sysfs rw 0 0\n//hamletrttest.file.core.windows.net/incoming /mnt/my\\040share cifs rw,vers=3.1.1 0 0\n";

        Assert.True(plan.IsMountedIn(mounts));
        Assert.False(plan.IsMountedIn(mounts.Replace("/incoming ", "/other ")));
        Assert.False(plan.IsMountedIn(mounts.Replace("\\040", "-")));
        Assert.False(plan.IsMountedIn(null));
    }

    [Fact]
    public void CredentialFile_IsMode600_ReplacesAnOlderFileAtomically_AndLeavesNoTemporaryFile()
    {
        if (!OperatingSystem.IsLinux()) return;
        string path = Path.Combine(_folder, "fresh", "smb", "acct.cred");
        string key = Convert.ToBase64String(System.Security.Cryptography.SHA512.HashData("synthetic key"u8.ToArray()));

        CifsCredentialFile.Write(path, "hamletrttest", key);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(path)!));
        Assert.Equal("username=hamletrttest\npassword=" + key + "\n", File.ReadAllText(path));

        // An older, world-readable file is replaced by a new inode (rename), never rewritten in place.
        File.WriteAllText(path, "stale");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        CifsCredentialFile.Write(path, "hamletrttest", key + "x");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.EndsWith("x\n", File.ReadAllText(path));
        Assert.Equal(new[] { "acct.cred" }, Directory.GetFiles(Path.GetDirectoryName(path)!).Select(Path.GetFileName));

        var ex = Assert.Throws<ArgumentException>(() => CifsCredentialFile.Write(path, "hamletrttest", "two\nlines-secret"));
        Assert.DoesNotContain("lines-secret", ex.Message);
    }
}
