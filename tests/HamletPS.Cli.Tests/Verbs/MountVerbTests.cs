using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.Versioning;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using HamletPS.Cli;
using HamletPS.Cli.Verbs;
using HamletPS.TestSupport;
using Xunit;

namespace HamletPS.Cli.Tests
{
    /// <summary>`hamlet mount` (Linux): reachability first, then the credentials file (mode 600) and mount -t cifs; --what-if prints.</summary>
    public sealed class MountVerbTests : IDisposable
    {
        private readonly TempFolder _temp = new TempFolder("cli-mount");
        private string _root => _temp.Path;
        private readonly StringWriter _out = new StringWriter();
        private readonly StringWriter _err = new StringWriter();
        private readonly TcpListener _smb = new TcpListener(IPAddress.Loopback, 0);
        private readonly string _key = Convert.ToBase64String(SHA512.HashData("synthetic mount key"u8.ToArray()));
        private readonly List<IReadOnlyList<string>> _mountCalls = new List<IReadOnlyList<string>>();

        public MountVerbTests()
        {
            _smb.Start();
        }

        public void Dispose()
        {
            _smb.Stop();
            _temp.Dispose();
        }

        private int Port => ((IPEndPoint)_smb.LocalEndpoint).Port;

        private MountVerb.Arguments Args(bool whatIf = false) => new MountVerb.Arguments
        {
            AccountName = "hamletrttest", ShareName = "incoming", ComputerName = "127.0.0.1", Port = Port, AccountKey = _key,
            MountPoint = Path.Combine(_root, "mnt", "incoming"), CredentialFile = Path.Combine(_root, "smb", "hamletrttest.cred"), WhatIf = whatIf,
        };

        private MountVerb.Host Host(string mounts = "", int exitCode = 0) => new MountVerb.Host
        {
            ReadMounts = () => mounts,
            RunMount = args => { _mountCalls.Add(args); return (exitCode, exitCode == 0 ? "" : "mount error(13): Permission denied"); },
            Environment = name => name == "HOME" ? _root : null,
        };

        private string AllText => _out.ToString() + _err.ToString();

        [Fact]
        public void WhatIf_PrintsTheExactCommands_WithoutTheKey_AndChangesNothing()
        {
            RequiredPeers.Linux("hamlet mount (mount -t cifs)");
            int code = MountVerb.Run(Args(whatIf: true), new CliOutput(_out, _err), Host());

            Assert.Equal(0, code);
            string[] lines = _out.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();
            Assert.Equal(3, lines.Length);
            Assert.Equal("What if: mount -t cifs //127.0.0.1/incoming " + Path.Combine(_root, "mnt", "incoming") + " -o vers=3.1.1,credentials=" +
                         Path.Combine(_root, "smb", "hamletrttest.cred") + ",serverino,dir_mode=0700,file_mode=0600,nosharesock,actimeo=30,port=" + Port, lines[2]);
            Assert.DoesNotContain(_key, AllText);
            Assert.Empty(_mountCalls);
            Assert.False(Directory.Exists(Path.Combine(_root, "smb")));
            Assert.False(Directory.Exists(Path.Combine(_root, "mnt")));
        }

        [SupportedOSPlatform("linux")]   // file modes; skipped elsewhere

        [Fact]
        public void Mount_WritesTheCredentialsFileMode600_AndRunsMountWithoutTheKeyOnItsCommandLine()
        {
            RequiredPeers.Linux("hamlet mount (mount -t cifs)");
            int code = MountVerb.Run(Args(), new CliOutput(_out, _err), Host());

            Assert.Equal(0, code);
            string credentials = Path.Combine(_root, "smb", "hamletrttest.cred");
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(credentials));
            Assert.Equal("username=hamletrttest\npassword=" + _key + "\n", File.ReadAllText(credentials));
            IReadOnlyList<string> call = Assert.Single(_mountCalls);
            Assert.Equal(new[] { "-t", "cifs", "//127.0.0.1/incoming", Path.Combine(_root, "mnt", "incoming"), "-o" }, call.Take(5));
            Assert.Contains("credentials=" + credentials, call[5]);
            Assert.All(call, arg => Assert.DoesNotContain(_key, arg));
            Assert.True(Directory.Exists(Path.Combine(_root, "mnt", "incoming")));
            Assert.StartsWith("Mounted //127.0.0.1/incoming", _out.ToString());
            Assert.DoesNotContain(_key, AllText);
        }

        [Fact]
        public void AlreadyMounted_IsReported_AndNothingIsWrittenOrRun()
        {
            RequiredPeers.Linux("hamlet mount (mount -t cifs)");
            string mounts = "//127.0.0.1/incoming " + Path.Combine(_root, "mnt", "incoming").Replace(" ", "\\040") + " cifs rw,vers=3.1.1 0 0\n";

            int code = MountVerb.Run(Args(), new CliOutput(_out, _err), Host(mounts));

            Assert.Equal(0, code);
            Assert.StartsWith("AlreadyMounted //127.0.0.1/incoming", _out.ToString());
            Assert.Empty(_mountCalls);
            Assert.False(File.Exists(Path.Combine(_root, "smb", "hamletrttest.cred")));
        }

        [Fact]
        public void BlockedPort_IsAnErrorThatSuggestsSendAzure()
        {
            RequiredPeers.Linux("hamlet mount (mount -t cifs)");
            var args = Args();
            _smb.Stop(); // nothing listens there any more: connection refused

            int code = MountVerb.Run(args, new CliOutput(_out, _err), Host());

            Assert.Equal(1, code);
            Assert.Contains("error: Port445Blocked:", _err.ToString());
            Assert.Contains("hamlet send-azure", _err.ToString());
            Assert.Empty(_mountCalls);
        }

        [Fact]
        public void FailedMount_IsAnErrorWithoutTheKey_AndNoKeyAnywhere_IsAUsageError()
        {
            RequiredPeers.Linux("hamlet mount (mount -t cifs)");
            Assert.Equal(1, MountVerb.Run(Args(), new CliOutput(_out, _err), Host(exitCode: 32)));
            Assert.Contains("error: MountFailed: mount -t cifs failed (exit code 32)", _err.ToString());
            Assert.DoesNotContain(_key, AllText);

            var noKey = Args();
            noKey.AccountKey = null;
            Assert.Equal(2, MountVerb.Run(noKey, new CliOutput(_out, _err), Host()));
            Assert.Contains("error: NoStorageCredentials:", _err.ToString());
        }
    }
}
