using System;
using System.CommandLine;
using System.Globalization;
using HamletPS.Core.Network;

namespace HamletPS.Cli.Verbs
{
    /// <summary>Options shared by `hamlet receive`, `send` and `echo` (the network cmdlets' parameters, kebab-cased).</summary>
    internal static class NetworkOptions
    {
        public static Option<int> Port(int defaultValue, string description) =>
            new Option<int>("--port", "-p") { Description = description, DefaultValueFactory = _ => defaultValue };

        public static Option<string> CalledAETitle() =>
            new Option<string>("--called-ae-title", "-c") { Description = "The remote AE title.", DefaultValueFactory = _ => DicomPeer.DefaultCalledAETitle };

        public static Option<string> CallingAETitle() =>
            new Option<string>("--calling-ae-title", "-a") { Description = "Our AE title.", DefaultValueFactory = _ => Core.Configuration.DicomNodeSettings.DefaultAeTitle };

        public static Option<int> TimeoutSeconds() =>
            new Option<int>("--timeout-seconds") { Description = "Seconds to wait for the connection and the association.", DefaultValueFactory = _ => 30 };

        public static Option<bool> UseTls() => new Option<bool>("--use-tls") { Description = "Use DICOM TLS." };

        /// <summary>A number of seconds, or a TimeSpan as "hh:mm:ss".</summary>
        public static TimeSpan? ParseDuration(string text)
        {
            if (string.IsNullOrWhiteSpace(text)) return null;
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds)) return TimeSpan.FromSeconds(seconds);
            if (TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out TimeSpan span)) return span;
            throw new ArgumentException("'" + text + "' is neither a number of seconds nor a time span (hh:mm:ss).");
        }

        /// <summary>Bad settings (AE title, port, certificate files): a set-up error (exit 2), or null (a bug).</summary>
        public static Core.HamletException SettingsError(Exception ex) =>
            Core.SetupError.Classify(ex, Core.ErrorIds.InvalidDicomNetworkSetting, Core.ErrorIds.TlsCertificateUnreadable);
    }
}
