using System;

namespace HamletPS.Dicom.Network
{
    /// <summary>Limits and timeouts of one association, for either side.</summary>
    public sealed class AssociationOptions
    {
        /// <summary>
        /// The maximum P-DATA-TF PDU length we announce and accept (PS3.8 D.1). Larger PDUs mean fewer system calls; dcmtk's
        /// default is 16384. Range 4096..4194304.
        /// </summary>
        public int MaxPduLength { get; set; } = 65536;

        /// <summary>Cap on the PDUs we send when the peer announces 0 (unlimited) or more than this.</summary>
        public int MaxSendPduLength { get; set; } = 1024 * 1024;

        /// <summary>ARTIM timer (PS3.8 9.1.5): how long we wait for an A-ASSOCIATE-RQ/AC after connecting, for the TLS
        /// handshake, and for the peer to close after a reject, release or abort. Also the TCP connect timeout.</summary>
        public TimeSpan ArtimTimeout { get; set; } = TimeSpan.FromSeconds(30);

        /// <summary>How long we wait for a DIMSE response, and for the next PDU while a message is half received.</summary>
        public TimeSpan DimseTimeout { get; set; } = TimeSpan.FromSeconds(120);

        /// <summary>How long an established association may stay silent between messages before we abort it.</summary>
        public TimeSpan NetworkIdleTimeout { get; set; } = TimeSpan.FromSeconds(300);

        internal void Validate()
        {
            if (MaxPduLength < 4096 || MaxPduLength > 4 * 1024 * 1024) throw new ArgumentOutOfRangeException(nameof(MaxPduLength), "must be 4096..4194304");
            if (MaxSendPduLength < 4096) throw new ArgumentOutOfRangeException(nameof(MaxSendPduLength), "must be at least 4096");
        }

        public AssociationOptions Clone() => (AssociationOptions)MemberwiseClone();
    }
}
