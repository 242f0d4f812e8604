using System;
using System.Linq;
using System.Net.Security;
using System.Reflection;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace HamletPS.Dicom.Network
{
    /// <summary>
    /// DICOM TLS (PS3.15 Annex B, the secure transport connection profiles) for either side. The receiver needs
    /// <see cref="Certificate"/> with its private key; the sender needs it only when the receiver requires client certificates.
    /// </summary>
    public sealed class DicomTlsOptions
    {
        /// <summary>Our certificate with private key (server certificate, or client certificate for mutual TLS).</summary>
        public X509Certificate2? Certificate { get; set; }

        /// <summary>Receiver: demand a client certificate and close the connection when none (or an untrusted one) is offered.</summary>
        public bool RequireClientCertificate { get; set; }

        /// <summary>Certificates (peer certificates or their CAs) we trust in addition to the system store; e.g. a site's own CA.</summary>
        public X509Certificate2Collection TrustedCertificates { get; set; } = new X509Certificate2Collection();

        /// <summary>Sender: the name expected in the receiver's certificate (default: the host connected to).</summary>
        public string? TargetHost { get; set; }

        /// <summary>Check that the receiver's certificate names <see cref="TargetHost"/> (default true).</summary>
        public bool CheckCertificateName { get; set; } = true;

        /// <summary>Protocol versions; <see cref="SslProtocols.None"/> lets the operating system choose (TLS 1.2/1.3).</summary>
        public SslProtocols Protocols { get; set; } = SslProtocols.None;

        /// <summary>
        /// Loads a certificate with its private key: a PFX/P12 file (with <paramref name="password"/>), or a PEM certificate and
        /// a PEM private key file (PEM needs .NET 5 or later, i.e. PowerShell 7 or the hamlet CLI).
        /// </summary>
        public static X509Certificate2 LoadCertificate(string certificatePath, string? privateKeyPath = null, string? password = null)
        {
            string ext = System.IO.Path.GetExtension(certificatePath).ToLowerInvariant();
            if (ext == ".pfx" || ext == ".p12")
                return new X509Certificate2(certificatePath, password, X509KeyStorageFlags.Exportable);
            MethodInfo fromPem = typeof(X509Certificate2).GetMethod("CreateFromPemFile", new[] { typeof(string), typeof(string) });
            if (fromPem == null) throw new PlatformNotSupportedException("PEM certificates need .NET 5 or later; use a PFX file here");
            var cert = (X509Certificate2?)fromPem.Invoke(null, new object?[] { certificatePath, privateKeyPath })
                ?? throw new PlatformNotSupportedException("CreateFromPemFile returned no certificate");
            // An ephemeral PEM key cannot serve TLS on every platform; re-import it through PKCS#12 as Windows requires.
            byte[] pfx = cert.Export(X509ContentType.Pkcs12);
            return new X509Certificate2(pfx, (string?)null, X509KeyStorageFlags.Exportable);
        }

        /// <summary>Loads a PEM or DER certificate (no key), e.g. a CA to trust.</summary>
        public static X509Certificate2 LoadTrustedCertificate(string path) => new X509Certificate2(path);

        internal bool ValidatePeer(X509Certificate certificate, X509Chain chain, SslPolicyErrors errors, bool isServer)
        {
            if (certificate == null) return isServer && !RequireClientCertificate;
            if (!CheckCertificateName) errors &= ~SslPolicyErrors.RemoteCertificateNameMismatch;
            if (errors == SslPolicyErrors.None) return true;
            if ((errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None) return false;
            if (TrustedCertificates == null || TrustedCertificates.Count == 0) return false;
            // Chain errors only: accept when the chain ends in (or is) a certificate we were told to trust.
            using (var own = new X509Chain())
            {
                own.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                own.ChainPolicy.VerificationFlags = X509VerificationFlags.AllowUnknownCertificateAuthority;
                own.ChainPolicy.ExtraStore.AddRange(TrustedCertificates);
                var peer = certificate as X509Certificate2 ?? new X509Certificate2(certificate);
                if (!own.Build(peer)) return false;
                var trusted = TrustedCertificates.Cast<X509Certificate2>().Select(c => c.Thumbprint).ToList();
                return own.ChainElements.Cast<X509ChainElement>().Any(e => trusted.Contains(e.Certificate.Thumbprint));
            }
        }
    }
}
