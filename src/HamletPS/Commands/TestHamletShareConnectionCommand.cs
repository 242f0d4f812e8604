using System;
using System.Linq;
using System.Management.Automation;
using HamletPS.Core.Upload;
using HamletPS.Internal;

namespace HamletPS.Commands
{
    /// <summary>
    /// Tells whether a storage account's File service host answers on TCP 445 (SMB: Mount-HamletShare) and 443 (HTTPS:
    /// Send-AzureShare), with the time each connection took. Never fails for an unreachable port: that is the answer.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "HamletShareConnection", DefaultParameterSetName = AccountSet)]
    [OutputType(typeof(ShareConnectionTestResult))]
    public sealed class TestHamletShareConnectionCommand : HamletCmdlet
    {
        private const string AccountSet = "AccountName";
        private const string ComputerSet = "ComputerName";

        /// <summary>The storage account; the host is &lt;account&gt;.file.core.windows.net.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = AccountSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string AccountName { get; set; }

        /// <summary>A host name or address to test instead of an account's host.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ComputerSet, ValueFromPipelineByPropertyName = true)]
        [Alias("Host", "CN")]
        [ValidateNotNullOrEmpty]
        public string ComputerName { get; set; }

        /// <summary>The TCP ports to test; default 445 and 443.</summary>
        [Parameter]
        [ValidateRange(1, 65535)]
        public int[] Port { get; set; } = { ShareConnectionTester.SmbPort, ShareConnectionTester.HttpsPort };

        /// <summary>Seconds to wait for each port (1–120).</summary>
        [Parameter]
        [ValidateRange(1, 120)]
        public int TimeoutSeconds { get; set; } = 5;

        protected override void ProcessRecord()
        {
            string host = ParameterSetName == ComputerSet ? ComputerName : ShareConnectionTester.HostForAccount(AccountName);
            ShareConnectionTestResult result = null;
            RunOffPipelineThread(async ct =>
            {
                result = await ShareConnectionTester.TestAsync(host, Port.Distinct(), TimeSpan.FromSeconds(TimeoutSeconds), ct).ConfigureAwait(false);
            });
            if (result == null) return;
            WriteVerbose(Core.PrintableText.Escape(result.Message));
            WriteObject(result);
        }
    }
}
