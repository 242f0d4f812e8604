using System;
using System.IO;
using HamletPS.Core.Configuration;
using HamletPS.Core.Upload;
using HamletPS.Core;
using Xunit;

namespace HamletPS.Core.Tests.Upload
{
    /// <summary>Send-AzureShare's and `hamlet send-azure`'s one set-up: parameter beats the UPLOAD section beats the default.</summary>
    public class UploadSetupTests
    {
        private static readonly string Root = Path.Combine(Path.GetTempPath(), "hamlet-uploadsetup");

        private static ResolvedShare Share(HamletConfig config, string configPath)
        {
            string key = Convert.ToBase64String(new byte[32]);
            var connection = ShareConnection.FromConnectionString("DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=" + key + ";EndpointSuffix=core.windows.net");
            return new ResolvedShare(connection, new ShareTarget("incoming"), configPath, config);
        }

        private static HamletConfig Config()
        {
            var config = new HamletConfig { BaseDirectory = Root };
            config.Upload.Parallelism = 3;
            config.Upload.RangeSize = 1024 * 1024;
            config.Upload.Retries = 0;
            return config;
        }

        [Fact]
        public void Parameters_BeatTheConfiguration()
        {
            Func<string, bool> confirm = _ => true;
            ShareUploadOptions options = UploadSetup.CreateOptions(new UploadRequest
            {
                Force = true, ConfirmOverwrite = confirm, MaxParallelRanges = 12, LedgerPath = Path.Combine(Root, "given-ledgers"),
            }, Share(Config(), Path.Combine(Root, "config.yaml")));

            Assert.True(options.Force);
            Assert.Same(confirm, options.ConfirmOverwrite);
            Assert.Equal(12, options.MaxParallelRanges);
            Assert.Equal(Path.Combine(Root, "given-ledgers"), options.LedgerFolder);
        }

        [Fact]
        public void TheUploadSection_BeatsTheDefaults_WithAtLeastOneAttemptPerRange()
        {
            ShareUploadOptions options = UploadSetup.CreateOptions(new UploadRequest(), Share(Config(), Path.Combine(Root, "config.yaml")));

            Assert.Equal(3, options.MaxParallelRanges);
            Assert.Equal(1024 * 1024, options.RangeSize);
            Assert.Equal(1, options.MaxAttemptsPerRange);
            Assert.Equal(Path.Combine(Root, "state", "upload-ledgers"), options.LedgerFolder);
            Assert.False(options.Force);
        }

        [Fact]
        public void WithoutConfiguration_TheDefaultsApply_AndTheLedgersGoToTheUsersStateFolder()
        {
            ShareUploadOptions options = UploadSetup.CreateOptions(new UploadRequest(), Share(null, null),
                name => name == "XDG_STATE_HOME" ? Path.Combine(Root, "xdg") : null);

            var defaults = new ShareUploadOptions();
            Assert.Equal(defaults.MaxParallelRanges, options.MaxParallelRanges);
            Assert.Equal(defaults.RangeSize, options.RangeSize);
            Assert.Equal(defaults.MaxAttemptsPerRange, options.MaxAttemptsPerRange);
            Assert.Equal(Path.Combine(Root, "xdg", "hamletps", "upload-ledgers"), options.LedgerFolder);
        }

        [Fact]
        public void TheSmbRoute_NeedsAnExistingDestinationFolder()
        {
            string missing = Path.Combine(Root, "not-mounted-" + Guid.NewGuid().ToString("N"));
            var ex = Assert.Throws<HamletException>(() => UploadSetup.CreateSmbSender(new UploadRequest(), missing));
            Assert.Equal(ErrorIds.DestinationNotFound, ex.ErrorId);
            Assert.Contains(missing, ex.Message);

            ShareFileSender sender = UploadSetup.CreateSmbSender(new UploadRequest(), Path.GetTempPath());
            Assert.True(sender.IsSmbRoute);
            Assert.Equal(Path.GetTempPath(), sender.Where);
            Assert.False(UploadSetup.CreateSender(new UploadRequest(), Share(null, null)).IsSmbRoute);
        }

        [Theory]
        [InlineData(59, "0:59")]
        [InlineData(61 * 60 + 5, "1:01:05")]
        [InlineData(26 * 3600, "26:00:00")]
        public void FormatEta_IsMinutesAndSeconds_ThenHoursUnwrapped(int seconds, string expected)
        {
            Assert.Equal(expected, UploadProgress.FormatEta(TimeSpan.FromSeconds(seconds)));
        }
    }
}
