using System.Collections.Generic;
using System.Management.Automation;
using System.Security;
using HamletPS.Core.Network;

namespace HamletPS.Internal
{
    /// <summary>The DICOM TLS parameters of Receive-Dicom, Send-Dicom and Test-DicomEcho: certificate files, PFX password, trust.</summary>
    public abstract class DicomTlsCmdlet : HamletCmdlet
    {
        /// <summary>Our certificate for DICOM TLS (PFX/P12, or PEM with -KeyPath).</summary>
        [Parameter]
        public string CertificatePath { get; set; }

        /// <summary>PEM private key of -CertificatePath.</summary>
        [Parameter]
        public string KeyPath { get; set; }

        /// <summary>Password of a PFX/P12 -CertificatePath (Read-Host -AsSecureString, Get-Credential …); never printed.</summary>
        [Parameter]
        public SecureString CertificatePassword { get; set; }

        /// <summary>Certificates (or their CAs) to trust for the peer, besides the system store.</summary>
        [Parameter]
        public string[] TrustedCertificatePath { get; set; }

        /// <summary>The TLS settings these parameters describe (paths resolved against the current PowerShell location).</summary>
        protected DicomTlsSettings TlsSettings(bool enabled, bool requireClientCertificate)
        {
            var trusted = new List<string>();
            foreach (string path in TrustedCertificatePath ?? new string[0])
                if (!string.IsNullOrEmpty(path)) trusted.Add(NetworkParameters.FileSystemPath(this, path));
            return new DicomTlsSettings
            {
                Enabled = enabled,
                CertificatePath = string.IsNullOrEmpty(CertificatePath) ? null : NetworkParameters.FileSystemPath(this, CertificatePath),
                KeyPath = string.IsNullOrEmpty(KeyPath) ? null : NetworkParameters.FileSystemPath(this, KeyPath),
                CertificatePassword = CertificatePassword == null ? null : new System.Net.NetworkCredential(string.Empty, CertificatePassword).Password,
                TrustedCertificatePaths = trusted,
                RequireClientCertificate = requireClientCertificate,
            };
        }
    }
}
