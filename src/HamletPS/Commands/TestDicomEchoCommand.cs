using System;
using System.IO;
using System.Management.Automation;
using System.Security.Cryptography;
using HamletPS.Core.Network;
using HamletPS.Internal;

namespace HamletPS.Commands
{
    /// <summary>
    /// Sends a DICOM C-ECHO to a remote AE and returns the result with the round-trip time. A failed echo also writes a
    /// non-terminating error (DicomEchoFailed, target the peer); with -Quiet only $true or $false is returned.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "DicomEcho")]
    [OutputType(typeof(DicomEchoResult))]
    [OutputType(typeof(bool))]
    public sealed class TestDicomEchoCommand : PacsCmdlet
    {
        /// <summary>Host name or IP address of the remote AE.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("CN", "HostName")]
        [ValidateNotNullOrEmpty]
        public override string ComputerName { get; set; }

        /// <summary>Return only $true or $false, and write no error.</summary>
        [Parameter]
        public SwitchParameter Quiet { get; set; }

        protected override void ProcessRecord()
        {
            DicomPeer peer = Pacs();
            DicomEchoResult result;
            try
            {
                result = DicomEchoTester.EchoAsync(peer, StopToken).GetAwaiter().GetResult();
            }
            catch (OperationCanceledException) when (StopToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (NetworkParameters.SettingsError(ex) is Core.HamletException setup)
            {
                Terminate(setup, peer.ToString());
                return;
            }
            if (Quiet)
            {
                WriteObject(result.Success);
                return;
            }
            WriteObject(result);
            if (!result.Success)
            {
                WriteError(NewError(new IOException("C-ECHO to " + result.Peer + " failed: " + result.Error), "DicomEchoFailed", ErrorCategory.ConnectionError, result.Peer));
            }
        }
    }
}
