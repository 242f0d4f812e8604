using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using HamletPS.Core;
using HamletPS.Core.Configuration;
using HamletPS.Core.Heartbeat;
using HamletPS.Internal;

namespace HamletPS.Commands
{
    /// <summary>
    /// The site's heartbeat (as FIONA's): C-ECHO to the configured PACS and to our own receiver (DICOMNODE), a file written into
    /// INCOMING, and one authenticated request on the Azure Files share. One <see cref="HeartbeatResult"/> per check; a failed
    /// check also writes a non-terminating error naming the peer. -Quiet returns only $true (nothing failed) or $false.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "HamletService")]
    [OutputType(typeof(HeartbeatResult))]
    [OutputType(typeof(bool))]
    public sealed class TestHamletServiceCommand : HamletCmdlet
    {
        /// <summary>The configuration file (binds Get-HamletConfig's SourcePath by property name).</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("SourcePath")]
        [ValidateNotNullOrEmpty]
        public string ConfigPath { get; set; }

        /// <summary>Only these checks (default: every check the configuration allows; a check named here must be configured).</summary>
        [Parameter]
        [ValidateSet(HeartbeatCheckNames.Pacs, HeartbeatCheckNames.Receiver, HeartbeatCheckNames.Incoming, HeartbeatCheckNames.Share)]
        public string[] Check { get; set; }

        /// <summary>Seconds each check may take (1–600).</summary>
        [Parameter]
        [ValidateRange(1, 600)]
        public int TimeoutSeconds { get; set; } = HeartbeatSetup.DefaultTimeoutSeconds;

        /// <summary>Return only $true (no check failed) or $false, and write no error.</summary>
        [Parameter]
        public SwitchParameter Quiet { get; set; }

        protected override void ProcessRecord()
        {
            HamletConfig config = LoadSiteConfig(ConfigPath, required: true);
            string here = SessionState.Path.CurrentFileSystemLocation.ProviderPath;
            var request = new HeartbeatRequest { Checks = Check, TimeoutSeconds = TimeoutSeconds, CurrentDirectory = here };
            HeartbeatOptions options = Setup(() => HeartbeatSetup.CreateOptions(request, config), config.SourcePath);
            IReadOnlyList<HeartbeatResult> results = null;
            RunOffPipelineThread(async ct => results = await ServiceHeartbeat.RunAsync(options, ct).ConfigureAwait(false));
            if (results == null) return;
            if (Quiet)
            {
                WriteObject(ServiceHeartbeat.ExitCode(results) == ServiceHeartbeat.ExitOk);
                return;
            }
            foreach (HeartbeatResult result in results)
            {
                WriteObject(result);
                if (result.Ok) continue;
                WriteError(NewError(new IOException(result.Reason), result.ErrorId, CategoryOf(ErrorIds.CategoryOf(result.ErrorId)), result.Target));
            }
        }
    }
}
