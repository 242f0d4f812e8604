namespace HamletPS.Dicom.Network
{
    /// <summary>Where and as whom an SCU connects.</summary>
    public sealed class ScuOptions
    {
        public string Host { get; set; } = "127.0.0.1";

        public int Port { get; set; } = 104;

        /// <summary>The peer's AE title.</summary>
        public string CalledAeTitle { get; set; } = "ANY-SCP";

        /// <summary>Our AE title.</summary>
        public string CallingAeTitle { get; set; } = "ANY-SCU";

        /// <summary>PDU size, ARTIM, DIMSE and idle timeouts.</summary>
        public AssociationOptions Association { get; set; } = new AssociationOptions();

        /// <summary>DICOM TLS; null for plain TCP.</summary>
        public DicomTlsOptions? Tls { get; set; }
    }
}
