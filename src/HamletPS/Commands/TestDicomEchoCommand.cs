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
    public sealed class TestDicomEchoCommand : DicomSenderCmdlet
    {
        /// <summary>Host name or IP address of the remote AE.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("CN", "HostName")]
        [ValidateNotNullOrEmpty]
        public string ComputerName { get; set; }

        [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
        [ValidateRange(1, 65535)]
        public int Port { get; set; } = DicomPeer.DefaultPort;

        /// <summary>The remote AE title.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("CalledAE")]
        [ValidateLength(1, 16)]
        public string CalledAETitle { get; set; } = DicomPeer.DefaultCalledAETitle;

        /// <summary>Return only $true or $false, and write no error.</summary>
        [Parameter]
        public SwitchParameter Quiet { get; set; }

        protected override void ProcessRecord()
        {
            DicomPeer peer = Peer(ComputerName, Port, CalledAETitle);
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
