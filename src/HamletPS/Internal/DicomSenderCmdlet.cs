using System.Management.Automation;
using HamletPS.Core.Network;

namespace HamletPS.Internal
{
    /// <summary>What Send-Dicom and Test-DicomEcho share besides TLS: our AE title, the time bound and the TLS switch.</summary>
    public abstract class DicomSenderCmdlet : DicomTlsCmdlet
    {
        /// <summary>Our AE title.</summary>
        [Parameter]
        [ValidateLength(1, 16)]
        public string CallingAETitle { get; set; } = Core.Configuration.DicomNodeSettings.DefaultAeTitle;

        /// <summary>Seconds to wait for the connection, the association and each answer.</summary>
        [Parameter]
        [ValidateRange(1, 3600)]
        public int TimeoutSeconds { get; set; } = 30;

        /// <summary>Use DICOM TLS (implied by -CertificatePath).</summary>
        [Parameter]
        public SwitchParameter UseTls { get; set; }

        /// <summary>The remote node these parameters and the cmdlet's own address parameters describe.</summary>
        protected DicomPeer Peer(string computerName, int port, string calledAETitle) => new DicomPeer
        {
            ComputerName = computerName,
            Port = port,
            CalledAETitle = calledAETitle,
            CallingAETitle = CallingAETitle,
            TimeoutSeconds = TimeoutSeconds,
            Tls = TlsSettings(UseTls, false),
        };
    }
}
