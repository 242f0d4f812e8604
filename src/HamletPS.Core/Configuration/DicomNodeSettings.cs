namespace HamletPS.Core.Configuration
{
    /// <summary>DICOMNODE section: the receiver's AE title and TCP port.</summary>
    public sealed class DicomNodeSettings
    {
        public const string DefaultAeTitle = "HAMLETPS";
        public const int DefaultPort = 11112;

        public string AeTitle { get; set; } = DefaultAeTitle;
        public int Port { get; set; } = DefaultPort;
    }
}
