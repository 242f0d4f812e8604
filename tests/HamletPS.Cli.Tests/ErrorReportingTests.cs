using System;
using System.Collections.Generic;
using System.IO;
using System.Text.RegularExpressions;
using HamletPS.Cli.Verbs;
using HamletPS.Core;
using HamletPS.Core.Deidentification;
using HamletPS.Core.Upload;
using Xunit;

namespace HamletPS.Cli.Tests
{
    /// <summary>
    /// Issue 17, findings 2 and 4: `hamlet` reports engine errors with the one vocabulary (ErrorIds, exit 2 for set-up errors)
    /// and names its own options (--force), never a PowerShell parameter (-Force).
    /// </summary>
    public sealed class ErrorReportingTests : ScratchFolderTest
    {
        /// <summary>A PowerShell-style parameter: a dash, a capital, letters — not part of a word or of an --option.</summary>
        private static readonly Regex PowerShellParameter = new Regex(@"(?<![\w-])-[A-Z][A-Za-z]+");

        public ErrorReportingTests() : base("hamlet-errors-") { }

        private (int Code, string Err) Run(Func<CliOutput, int> verb)
        {
            Directory.CreateDirectory(Root);
            var stderr = new StringWriter();
            int code = verb(new CliOutput(new StringWriter(), stderr));
            return (code, stderr.ToString());
        }

        private SendAzureVerb.Arguments Send(Action<ShareConnectionRequest> set)
        {
            string file = Path.Combine(Root, "a.zip");
            Directory.CreateDirectory(Root);
            File.WriteAllBytes(file, new byte[16]);
            var request = new ShareConnectionRequest { CurrentDirectory = Root, Environment = _ => null };
            set(request);
            return new SendAzureVerb.Arguments { Paths = new[] { file }, Connection = request };
        }

        [Fact]
        public void Protect_WithAMalformedProfile_ExitsTwoWithInvalidProfile_NamingFileAndLine()
        {
            Directory.CreateDirectory(Root);
            string profile = Path.Combine(Root, "bad-profile.yaml");
            File.WriteAllText(profile, "name: x\noptions: [RetainLongitudinalFullDates, RetainLongitudinalModifiedDates]\n");

            var (code, err) = Run(o => ProtectVerbs.RunProtect(new[] { Root }, null,
                new ProtectionRequest { Destination = Path.Combine(Root, "out"), Key = "Synthetic0Test1Site2Key3ABCDEFGH".ToCharArray(), Profile = profile }, false, o));

            Assert.Equal(2, code);
            Assert.StartsWith("error: " + ErrorIds.InvalidProfile + ": " + profile + ":", err);
            Assert.False(Directory.Exists(Path.Combine(Root, "out")));
        }

        public static IEnumerable<object[]> SetUpFailures() => new[]
        {
            new object[] { "send-azure without credentials", ErrorIds.NoStorageCredentials, "--connection-string" },
            new object[] { "send-azure without a share", ErrorIds.NoShareName, "--share" },
            new object[] { "send-azure with a target and a share", ErrorIds.AmbiguousTarget, "--target" },
            new object[] { "archive without a site", ErrorIds.ConfigurationMissing, "--site" },
            new object[] { "config show without a file", ErrorIds.ConfigNotFound, "--config-path" },
            new object[] { "clear without a configuration", ErrorIds.ConfigNotFound, "--config-path" },
        };

        [Theory]
        [MemberData(nameof(SetUpFailures))]
        public void ASetUpFailure_ExitsTwo_NamingHamletsOption_AndNoPowerShellParameter(string failure, string errorId, string option)
        {
            string key = Convert.ToBase64String(new byte[32]);
            var (code, err) = failure switch
            {
                "send-azure without credentials" => Run(o => SendAzureVerb.Run(Send(r => r.Share = "incoming"), o, null)),
                "send-azure without a share" => Run(o => SendAzureVerb.Run(Send(r => { r.AccountName = "acct"; r.AccountKeyText = key; }), o, null)),
                "send-azure with a target and a share" => Run(o => SendAzureVerb.Run(Send(r => { r.AccountName = "acct"; r.AccountKeyText = key; r.Share = "a"; r.Target = "b/c"; }), o, null)),
                "archive without a site" => Run(o => ArchiveVerb.Run(new ArchiveVerb.Arguments { Paths = new[] { Root }, Destination = Path.Combine(Root, "out") }, o)),
                "config show without a file" => Run(o => ConfigVerbs.RunShow(Path.Combine(Root, "nope.yaml"), false, o)),
                "clear without a configuration" => Run(o => ClearVerb.Run(Path.Combine(Root, "nope.yaml"), new[] { "incoming" }, true, false, false, o)),
                _ => throw new ArgumentOutOfRangeException(nameof(failure)),
            };

            Assert.Equal(2, code);
            Assert.StartsWith("error: " + errorId + ": ", err);
            Assert.Contains(option, err);
            Match powerShell = PowerShellParameter.Match(err);
            Assert.False(powerShell.Success, "PowerShell syntax '" + powerShell.Value + "' in: " + err);
        }

        [Theory]
        [InlineData("Force", "--force")]
        [InlineData("ConnectionString", "--connection-string")]
        [InlineData("SasUrl", "--sas-url")]
        [InlineData("ConfigPath", "--config-path")]
        public void OptionName_IsTheKebabCaseOfTheSetting(string setting, string option) => Assert.Equal(option, CliOutput.OptionName(setting));

        [Fact]
        public void LastChance_ReportsAnEngineErrorWithItsIdAndExitCode_AndABugByItsTypeOnly()
        {
            var stderr = new StringWriter();
            int code = Program.LastChance(new HamletException(ErrorIds.ConfigNotFound, "No configuration file found.", null, "Pass {ConfigPath}."), stderr);
            Assert.Equal(2, code);
            Assert.Equal("error: ConfigNotFound: No configuration file found. Pass --config-path.", stderr.ToString().TrimEnd());

            stderr = new StringWriter();
            Assert.Equal(1, Program.LastChance(new InvalidOperationException("/sorted/MRN123/x.dcm"), stderr));
            Assert.DoesNotContain("MRN123", stderr.ToString());
        }
    }
}
