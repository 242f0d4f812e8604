using System;
using System.Collections.Generic;
using System.IO;
using HamletPS.Core.Upload;
using HamletPS.Core;
using Xunit;

namespace HamletPS.Core.Tests.Upload
{
    public sealed class ShareConnectionResolverTests : IDisposable
    {
        private const string Key = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
        private readonly TempFolder _temp = new TempFolder("resolver");
        private string _root => _temp.Path;
        private readonly Dictionary<string, string> _env = new Dictionary<string, string>();
        public void Dispose() => _temp.Dispose();

        private ShareConnectionRequest Request() => new ShareConnectionRequest { CurrentDirectory = _root, Environment = n => _env.TryGetValue(n, out var v) ? v : null };

        private string Config(string azure)
        {
            string path = Path.Combine(_root, "config.yaml");
            File.WriteAllText(path, "APP:\n  SITE: test\nAZURE:\n" + azure);
            return path;
        }

        [Fact]
        public void ExplicitConnectionString_WinsOverTheConfiguration_AndTargetParses()
        {
            Config("  ACCOUNTNAME: fromconfig\n  KEY: " + Key + "\n  SHARENAME: configshare\n");
            var r = Request();
            r.ConnectionString = "AccountName=explicit;AccountKey=" + Key + ";FileEndpoint=http://127.0.0.1:1/explicit";
            r.Target = "share/a/b";

            ResolvedShare resolved = ShareConnectionResolver.Resolve(r);

            Assert.Equal("explicit", resolved.Connection.AccountName);
            Assert.Equal("share", resolved.Target.ShareName);
            Assert.Equal("a/b", resolved.Target.DirectoryPath);
            Assert.Null(resolved.Config); // not needed, so not read
            Assert.EndsWith("config.yaml", resolved.ConfigPath);
        }

        [Fact]
        public void NothingExplicit_UsesTheConfigurationsAccountKeyShareAndDirectory()
        {
            Config("  ACCOUNTNAME: hamletrtsite\n  KEY: " + Key + "\n  SHARENAME: site-incoming\n  DIRECTORY: batches\n");

            ResolvedShare resolved = ShareConnectionResolver.Resolve(Request());

            Assert.Equal(ShareConnectionKind.AccountKey, resolved.Connection.Kind);
            Assert.Equal(new Uri("https://hamletrtsite.file.core.windows.net/"), resolved.Connection.ServiceUri);
            Assert.Equal("site-incoming/batches", resolved.Target.ToString());
            Assert.Equal(Path.Combine(_root, "state", "upload-ledgers"), ShareConnectionResolver.DefaultLedgerFolder(resolved.ConfigPath));
        }

        [Fact]
        public void EnvironmentKey_IsUsedForAnExplicitAccount()
        {
            _env["HAMLET_STORAGE_KEY"] = Key;
            var r = Request();
            r.AccountName = "envacct";
            r.Share = "s";

            Assert.Equal("envacct", ShareConnectionResolver.Resolve(r).Connection.AccountName);
        }

        [Fact]
        public void TwoWaysToAuthenticate_AreRefused_WithoutShowingEither()
        {
            var r = Request();
            r.ConnectionString = "AccountName=a;AccountKey=" + Key;
            r.AccountKeyText = Key;
            r.Share = "s";

            var ex = Assert.Throws<ShareConfigurationException>(() => ShareConnectionResolver.Resolve(r));

            Assert.Equal("AmbiguousCredentials", ex.ErrorId);
            Assert.DoesNotContain(Key, ex.Message);
        }

        [Fact]
        public void NoCredentials_NoShare_AndAMissingExplicitConfig_HaveTheirOwnReasons()
        {
            var r = Request();
            r.Share = "s";
            Assert.Equal("NoStorageCredentials", Assert.Throws<ShareConfigurationException>(() => ShareConnectionResolver.Resolve(r)).ErrorId);

            var noShare = Request();
            noShare.AccountName = "a";
            noShare.AccountKeyText = Key;
            Assert.Equal("NoShareName", Assert.Throws<ShareConfigurationException>(() => ShareConnectionResolver.Resolve(noShare)).ErrorId);

            var missing = Request();
            missing.ConfigPath = Path.Combine(_root, "nope.yaml");
            Assert.Equal("ConfigNotFound", Assert.Throws<HamletException>(() => ShareConnectionResolver.Resolve(missing)).ErrorId);
        }

        [Fact]
        public void SasUrl_GivesTheDefaultTarget_AndADirectoryOverridesItsDirectory()
        {
            var r = Request();
            r.SasUrl = "https://acct.file.core.windows.net/share1/dir1?sv=2021-12-02&ss=f&srt=sco&sp=rwdlc&se=2099-01-01T00:00:00Z&sig=abcdefghijklmnopqrstuvwxyz0123456789%3D";
            Assert.Equal("share1/dir1", ShareConnectionResolver.Resolve(r).Target.ToString());
            r.Directory = "other";
            Assert.Equal("share1/other", ShareConnectionResolver.Resolve(r).Target.ToString());
        }

        [Fact]
        public void DefaultLedgerFolder_WithoutConfig_FollowsLocalAppDataThenXdg()
        {
            Assert.Equal(Path.Combine("/x/local", "HamletPS", "upload-ledgers"), ShareConnectionResolver.DefaultLedgerFolder(null, n => n == "LOCALAPPDATA" ? "/x/local" : null));
            Assert.Equal(Path.Combine("/x/state", "hamletps", "upload-ledgers"), ShareConnectionResolver.DefaultLedgerFolder(null, n => n == "XDG_STATE_HOME" ? "/x/state" : null));
            Assert.Equal(Path.Combine("/home/u", ".local", "state", "hamletps", "upload-ledgers"), ShareConnectionResolver.DefaultLedgerFolder(null, n => n == "HOME" ? "/home/u" : null));
        }
    }
}
