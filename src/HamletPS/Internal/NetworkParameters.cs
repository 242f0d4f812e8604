using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Security.Cryptography;
using HamletPS.Core.Network;

namespace HamletPS.Internal
{
    /// <summary>Helpers of the network cmdlets (their shared parameters live in <see cref="DicomTlsCmdlet"/> and <see cref="DicomSenderCmdlet"/>).</summary>
    internal static class NetworkParameters
    {
        public static string FileSystemPath(PSCmdlet cmdlet, string path) => cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);

        /// <summary>Bad settings (AE title, port, certificate files): a usage error that stops the command.</summary>
        public static bool IsSettingsError(Exception ex) =>
            ex is ArgumentException || ex is IOException || ex is CryptographicException || ex is UnauthorizedAccessException || ex is PlatformNotSupportedException;

        public static string SettingsErrorId(Exception ex) => ex is ArgumentException ? "InvalidDicomNetworkSetting" : "TlsCertificateUnreadable";
    }
}
