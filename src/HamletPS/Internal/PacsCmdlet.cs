using System.Management.Automation;
using HamletPS.Core.Network;

namespace HamletPS.Internal
{
    /// <summary>
    /// What Find-DicomStudy, Copy-DicomStudy and Test-DicomEcho share: the peer's address, bound by property name so that a
    /// query result (which carries its PACS) pipes into the next command. A command that also takes the host by value
    /// (Test-DicomEcho: 'pacs1','pacs2' | Test-DicomEcho) overrides <see cref="ComputerName"/> with its own attributes.
    /// </summary>
    public abstract class PacsCmdlet : DicomSenderCmdlet
    {
        /// <summary>Host name or IP address of the PACS.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("CN", "HostName")]
        [ValidateNotNullOrEmpty]
        public virtual string ComputerName { get; set; }

        [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
        [ValidateRange(1, 65535)]
        public int Port { get; set; } = DicomPeer.DefaultPort;

        /// <summary>The PACS's AE title.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("CalledAE")]
        [ValidateLength(1, 16)]
        public string CalledAETitle { get; set; } = DicomPeer.DefaultCalledAETitle;

        /// <summary>The PACS these parameters name, with our AE title, time bound and TLS.</summary>
        protected DicomPeer Pacs() => Peer(ComputerName, Port, CalledAETitle);
    }
}
