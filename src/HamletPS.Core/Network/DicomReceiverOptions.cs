using System;
using System.Collections.Generic;

namespace HamletPS.Core.Network
{
    /// <summary>How Receive-Dicom / <c>hamlet receive</c> listens and where it writes.</summary>
    public sealed class DicomReceiverOptions
    {
        /// <summary>The incoming folder (created when missing).</summary>
        public string Folder { get; set; }

        /// <summary>TCP port; 0 lets the system choose (see <see cref="DicomReceiver.Port"/>).</summary>
        public int Port { get; set; } = Configuration.DicomNodeSettings.DefaultPort;

        /// <summary>Our AE title; associations calling another one are rejected.</summary>
        public string AETitle { get; set; } = Configuration.DicomNodeSettings.DefaultAeTitle;

        /// <summary>Calling AE titles let in; empty lets any in.</summary>
        public IList<string> AllowedCallingAETitles { get; set; } = new List<string>();

        /// <summary>Associations served at once; one more is rejected (transient, local limit exceeded).</summary>
        public int MaxAssociations { get; set; } = 16;

        /// <summary>Stop when no association has been open for this long; null: never.</summary>
        public TimeSpan? IdleTimeout { get; set; }

        /// <summary>Stop after this many files were stored; null: no limit.</summary>
        public int? Count { get; set; }

        public DuplicateFilePolicy DuplicatePolicy { get; set; } = DuplicateFilePolicy.Overwrite;

        /// <summary>Accept every storage SOP class of the UID registry, not just the radiotherapy trial's list.</summary>
        public bool AcceptAllStorageClasses { get; set; }

        /// <summary>DICOM TLS; used when a certificate is set.</summary>
        public DicomTlsSettings Tls { get; set; } = new DicomTlsSettings();
    }
}
