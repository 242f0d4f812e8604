using System;
using System.CommandLine;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using HamletPS.Cli.JsonLines;
using HamletPS.Core.Upload;

namespace HamletPS.Cli.Verbs
{
    /// <summary>`hamlet test-share`: Test-HamletShareConnection for the command line.</summary>
    public static class TestShareVerb
    {
        public const string CmdletName = "Test-HamletShareConnection";

        public static Command Create()
        {
            var account = new Option<string>("--account-name") { Description = "Storage account (tests <account>.file.core.windows.net)." };
            var computer = new Option<string>("--computer-name") { Description = "Host name or address to test instead." };
            var port = new Option<int[]>("--port") { Description = "TCP ports to test (default 445 443).", AllowMultipleArgumentsPerToken = true };
            var timeout = new Option<int>("--timeout-seconds") { Description = "Seconds to wait per port.", DefaultValueFactory = _ => 5 };
            var json = new Option<bool>("--json") { Description = "One JSON object." };
            var command = new Command("test-share", "Test TCP 445 (SMB mount) and 443 (HTTPS upload) to the storage account (Test-HamletShareConnection).") { account, computer, port, timeout, json };
            command.SetAction((parse, ct) => Task.FromResult(Run(parse.GetValue(account), parse.GetValue(computer), parse.GetValue(port), parse.GetValue(timeout), parse.GetValue(json), CliOutput.Console, ct)));
            return command;
        }

        /// <summary>Exit code 0 when every port answered, 1 when any did not, 2 for usage errors.</summary>
        public static int Run(string accountName, string computerName, int[] ports, int timeoutSeconds, bool json, CliOutput output, CancellationToken cancellationToken = default)
        {
            if (string.IsNullOrWhiteSpace(accountName) == string.IsNullOrWhiteSpace(computerName))
            {
                output.Failure("InvalidArgument", "Give either --account-name or --computer-name.");
                return 2;
            }
            if (timeoutSeconds < 1 || timeoutSeconds > 120)
            {
                output.Failure("InvalidArgument", "--timeout-seconds must be between 1 and 120.");
                return 2;
            }
            string host = string.IsNullOrWhiteSpace(computerName) ? ShareConnectionTester.HostForAccount(accountName) : computerName;
            int[] tested = ports == null || ports.Length == 0 ? new[] { ShareConnectionTester.SmbPort, ShareConnectionTester.HttpsPort } : ports.Distinct().ToArray();
            ShareConnectionTestResult result = ShareConnectionTester.TestAsync(host, tested, TimeSpan.FromSeconds(timeoutSeconds), cancellationToken).GetAwaiter().GetResult();
            if (json)
            {
                output.Json(ShareConnectionLine.From(result), CliJsonContext.Relaxed.ShareConnectionLine);
            }
            else
            {
                output.Line(result.Host + "  " + string.Join("  ", result.Ports.Select(p => p.Port + " " + p)));
                output.Line(result.Message);
            }
            return result.Ports.All(p => p.Reachable) ? 0 : 1;
        }
    }
}
