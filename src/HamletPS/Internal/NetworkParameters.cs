using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Security.Cryptography;
using HamletPS.Core.Network;

namespace HamletPS.Internal
{
    /// <summary>Maps the network cmdlets' shared parameters (peer, AE titles, TLS files) onto Core settings.</summary>
    internal static class NetworkParameters
    {
        public static DicomPeer Peer(PSCmdlet cmdlet, string computerName, int port, string calledAETitle, string callingAETitle, int timeoutSeconds,
            bool useTls, string certificatePath, string keyPath, string[] trustedCertificatePaths)
        {
            return new DicomPeer
            {
                ComputerName = computerName,
                Port = port,
                CalledAETitle = calledAETitle,
                CallingAETitle = callingAETitle,
                TimeoutSeconds = timeoutSeconds,
                Tls = Tls(cmdlet, useTls, certificatePath, keyPath, trustedCertificatePaths, false),
            };
        }

        public static DicomTlsSettings Tls(PSCmdlet cmdlet, bool enabled, string certificatePath, string keyPath, string[] trustedCertificatePaths, bool requireClientCertificate)
        {
            var trusted = new List<string>();
            foreach (string path in trustedCertificatePaths ?? new string[0])
                if (!string.IsNullOrEmpty(path)) trusted.Add(FileSystemPath(cmdlet, path));
            return new DicomTlsSettings
            {
                Enabled = enabled,
                CertificatePath = string.IsNullOrEmpty(certificatePath) ? null : FileSystemPath(cmdlet, certificatePath),
                KeyPath = string.IsNullOrEmpty(keyPath) ? null : FileSystemPath(cmdlet, keyPath),
                TrustedCertificatePaths = trusted,
                RequireClientCertificate = requireClientCertificate,
            };
        }

        public static string FileSystemPath(PSCmdlet cmdlet, string path) => cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);

        /// <summary>Bad settings (AE title, port, certificate files): a usage error that stops the command.</summary>
        public static bool IsSettingsError(Exception ex) =>
            ex is ArgumentException || ex is IOException || ex is CryptographicException || ex is UnauthorizedAccessException || ex is PlatformNotSupportedException;

        public static string SettingsErrorId(Exception ex) => ex is ArgumentException ? "InvalidDicomNetworkSetting" : "TlsCertificateUnreadable";
    }
}
