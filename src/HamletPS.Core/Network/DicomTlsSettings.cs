using System.Collections.Generic;
using System.IO;
using HamletPS.Dicom.Network;

namespace HamletPS.Core.Network
{
    /// <summary>
    /// DICOM TLS (PS3.15 Annex B) as the faces take it: file paths and switches. The receiver uses TLS when it has a
    /// certificate; a sender when <see cref="Enabled"/> is set (a client certificate is needed only when the receiver demands one).
    /// </summary>
    public sealed class DicomTlsSettings
    {
        /// <summary>Sender: use TLS. (The receiver uses TLS whenever <see cref="CertificatePath"/> is set.)</summary>
        public bool Enabled { get; set; }

        /// <summary>Our certificate: a PFX/P12 file, or a PEM certificate with its key in <see cref="KeyPath"/>.</summary>
        public string CertificatePath { get; set; }

        /// <summary>The PEM private key of <see cref="CertificatePath"/> (not needed for PFX files).</summary>
        public string KeyPath { get; set; }

        /// <summary>Password of a PFX/P12 <see cref="CertificatePath"/> (null: none). Never printed, logged or serialised.</summary>
        [System.Runtime.Serialization.IgnoreDataMember]
        public string CertificatePassword { private get; set; }

        /// <summary>Certificates (PEM or DER) trusted besides the system store: the peer's own certificate or its CA.</summary>
        public IList<string> TrustedCertificatePaths { get; set; } = new List<string>();

        /// <summary>Receiver: close connections that offer no trusted client certificate.</summary>
        public bool RequireClientCertificate { get; set; }

        /// <summary>True when these settings ask for TLS on a receiver.</summary>
        public bool IsServerEnabled => !string.IsNullOrEmpty(CertificatePath);

        /// <summary>True when these settings ask for TLS on a sender.</summary>
        public bool IsClientEnabled => Enabled || !string.IsNullOrEmpty(CertificatePath);

        /// <summary>These settings for a receiver of ours: same certificate, password and trust; <paramref name="requireClientCertificate"/>.</summary>
        internal DicomTlsSettings ForReceiver(bool requireClientCertificate) => new DicomTlsSettings
        {
            CertificatePath = CertificatePath,
            KeyPath = KeyPath,
            CertificatePassword = CertificatePassword,
            TrustedCertificatePaths = new List<string>(TrustedCertificatePaths ?? new List<string>()),
            RequireClientCertificate = requireClientCertificate,
        };

        internal DicomTlsOptions ToOptions(string targetHost)
        {
            var options = new DicomTlsOptions { RequireClientCertificate = RequireClientCertificate, TargetHost = targetHost };
            if (!string.IsNullOrEmpty(CertificatePath))
            {
                RequireFile(CertificatePath, "certificate");
                if (!string.IsNullOrEmpty(KeyPath)) RequireFile(KeyPath, "private key");
                options.Certificate = DicomTlsOptions.LoadCertificate(CertificatePath, string.IsNullOrEmpty(KeyPath) ? null : KeyPath, CertificatePassword);
            }
            foreach (string path in TrustedCertificatePaths ?? new List<string>())
            {
                RequireFile(path, "trusted certificate");
                options.TrustedCertificates.Add(DicomTlsOptions.LoadTrustedCertificate(path));
            }
            return options;
        }

        private static void RequireFile(string path, string what)
        {
            if (!File.Exists(path)) throw new FileNotFoundException("The " + what + " file does not exist: " + path, path);
        }
    }
}
