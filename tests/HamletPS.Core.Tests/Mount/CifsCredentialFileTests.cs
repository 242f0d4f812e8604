using System;
using System.Diagnostics;
using System.IO;
using HamletPS.Core.Tests.Deidentification.Pixels;
using HamletPS.Core.Mount;
using Xunit;

namespace HamletPS.Core.Tests.Mount
{
    public class CifsCredentialFileTests
    {
        private const string Stat = "/usr/bin/stat";

        private static string Mode(string path)
        {
            var psi = new ProcessStartInfo(Stat, "-c %a \"" + path + "\"") { RedirectStandardOutput = true, UseShellExecute = false };
            using (var p = Process.Start(psi))
            {
                string output = p.StandardOutput.ReadToEnd().Trim();
                p.WaitForExit();
                Assert.Equal(0, p.ExitCode);
                return output;
            }
        }

        [PeerFact(Stat)]
        public void Write_CreatesAnOwnerOnlyFileInAnOwnerOnlyFolder_AndReplacesAnEarlierOne()
        {
            if (!OperatingSystem.IsLinux()) { Assert.Throws<PlatformNotSupportedException>(() => CifsCredentialFile.Write("x", "a", "b")); return; }
            string root = Path.Combine(Path.GetTempPath(), "hamlet-cifs-" + Guid.NewGuid().ToString("N"));
            try
            {
                string path = Path.Combine(root, "creds", "share.cred");
                CifsCredentialFile.Write(path, "account1", "synthetic-key-1");
                Assert.Equal("700", Mode(Path.Combine(root, "creds")));
                Assert.Equal("600", Mode(path));
                Assert.Equal("username=account1\npassword=synthetic-key-1\n", File.ReadAllText(path));

                CifsCredentialFile.Write(path, "account2", "synthetic-key-2");
                Assert.Equal("600", Mode(path));
                Assert.Equal("username=account2\npassword=synthetic-key-2\n", File.ReadAllText(path));
                Assert.Single(Directory.GetFileSystemEntries(Path.Combine(root, "creds")));   // no temporary file left
            }
            finally
            {
                if (Directory.Exists(root)) Directory.Delete(root, true);
            }
        }
    }
}
