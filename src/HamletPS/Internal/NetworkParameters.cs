using System;
using System.Management.Automation;

namespace HamletPS.Internal
{
    /// <summary>Helpers of the network cmdlets (their shared parameters live in <see cref="DicomTlsCmdlet"/> and <see cref="DicomSenderCmdlet"/>).</summary>
    internal static class NetworkParameters
    {
        public static string FileSystemPath(PSCmdlet cmdlet, string path) => cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);

        /// <summary>Bad settings (AE title, port, certificate files): a set-up error that stops the command, or null (a bug).</summary>
        public static Core.HamletException SettingsError(Exception ex) =>
            Core.SetupError.Classify(ex, Core.ErrorIds.InvalidDicomNetworkSetting, Core.ErrorIds.TlsCertificateUnreadable);
    }
}
