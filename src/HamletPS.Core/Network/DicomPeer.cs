using System;
using System.Globalization;

namespace HamletPS.Core.Network
{
    /// <summary>A remote AE: where Send-Dicom and Test-DicomEcho connect, and as whom.</summary>
    public sealed class DicomPeer
    {
        public const int DefaultPort = 104;
        public const string DefaultCalledAETitle = "ANY-SCP";

        /// <summary>Host name or IP address of the remote AE.</summary>
        public string ComputerName { get; set; }

        public int Port { get; set; } = DefaultPort;

        /// <summary>The remote AE title.</summary>
        public string CalledAETitle { get; set; } = DefaultCalledAETitle;

        /// <summary>Our AE title.</summary>
        public string CallingAETitle { get; set; } = Configuration.DicomNodeSettings.DefaultAeTitle;

        /// <summary>DICOM TLS; used when <see cref="DicomTlsSettings.Enabled"/> or a certificate is set.</summary>
        public DicomTlsSettings Tls { get; set; } = new DicomTlsSettings();

        /// <summary>Connect, association and message timeout in seconds.</summary>
        public int TimeoutSeconds { get; set; } = 30;

        /// <summary>"CALLED@host:port", the target of errors about this peer.</summary>
        public override string ToString() => CalledAETitle + "@" + ComputerName + ":" + Port.ToString(CultureInfo.InvariantCulture);

        internal Dicom.Network.ScuOptions ToScuOptions()
        {
            if (string.IsNullOrWhiteSpace(ComputerName)) throw new ArgumentException("ComputerName is required.");
            if (Port < 1 || Port > 65535) throw new ArgumentOutOfRangeException(nameof(Port), "Port must be 1..65535.");
            CheckAETitle(CalledAETitle, "CalledAETitle");
            CheckAETitle(CallingAETitle, "CallingAETitle");
            if (TimeoutSeconds < 1) throw new ArgumentOutOfRangeException(nameof(TimeoutSeconds), "TimeoutSeconds must be at least 1.");
            var options = new Dicom.Network.ScuOptions
            {
                Host = ComputerName.Trim(),
                Port = Port,
                CalledAeTitle = CalledAETitle.Trim(),
                CallingAeTitle = CallingAETitle.Trim(),
            };
            options.Association.ArtimTimeout = TimeSpan.FromSeconds(TimeoutSeconds);
            if (Tls != null && Tls.IsClientEnabled) options.Tls = Tls.ToOptions(options.Host);
            return options;
        }

        private static void CheckAETitle(string title, string name)
        {
            string t = (title ?? string.Empty).Trim();
            if (t.Length == 0 || t.Length > 16) throw new ArgumentException(name + " must have 1 to 16 characters.");
            foreach (char c in t)
            {
                if (c < 0x20 || c > 0x7E || c == '\\') throw new ArgumentException(name + " may hold only printable ASCII characters other than '\\'.");
            }
        }
    }
}
