using System.Collections.Generic;

namespace HamletPS.Core.Configuration
{
    /// <summary>
    /// PACS section (new, optional; the old tool's configurations have none): the PACS or planning system `hamlet process`
    /// pulls the lookup table's patients from before it sorts. AET, HOST and PORT of the PACS; METHOD GET (default) or MOVE
    /// (to DICOMNODE.AET: the PACS must know it and DICOMNODE must be running); MODALITIES (comma separated, default any);
    /// SINCE: studies from the last N days (default 30). DICOM TLS (PS3.15 Annex B) for the query and the retrieve: TLS (true/false),
    /// TRUSTEDCERTIFICATEFILES (the PACS's certificate or its CA, comma separated), CERTIFICATEFILE and KEYFILE (our client
    /// certificate, when the PACS demands one; also the certificate of the receiver a C-MOVE goes to when `hamlet retrieve`
    /// runs it), CERTIFICATEPASSWORDFILE (first line: the password of a PFX CERTIFICATEFILE; never the password itself).
    /// </summary>
    public sealed class PacsSettings
    {
        public const int DefaultPort = 104;
        public const int DefaultSinceDays = 30;

        public string AeTitle { get; set; }

        public string Host { get; set; }

        public int Port { get; set; } = DefaultPort;

        /// <summary>GET or MOVE.</summary>
        public string Method { get; set; } = "GET";

        public IList<string> Modalities { get; set; } = new List<string>();

        public int SinceDays { get; set; } = DefaultSinceDays;

        /// <summary>DICOM TLS towards the PACS (<see cref="Network.DicomTlsSettings.IsClientEnabled"/>: TLS: true or a CERTIFICATEFILE).</summary>
        public Network.DicomTlsSettings Tls { get; } = new Network.DicomTlsSettings();

        /// <summary>The file whose first line is the password of a PFX CERTIFICATEFILE (null: none). Read when the peer is built.</summary>
        public string CertificatePasswordFile { get; set; }

        /// <summary>True when HOST and AET are set: the pull step runs.</summary>
        public bool IsConfigured => !string.IsNullOrWhiteSpace(Host) && !string.IsNullOrWhiteSpace(AeTitle);

        /// <summary>"AET@HOST:PORT", the target of the pull step's errors.</summary>
        public override string ToString() => AeTitle + "@" + Host + ":" + Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
