using System;

namespace HamletPS.Dicom.Network
{
    /// <summary>One C-STORE handled by the receiver: stored (with its final path) or refused (with the status sent).</summary>
    public sealed class ReceivedFile
    {
        public string? CallingAeTitle { get; set; }

        public string? CalledAeTitle { get; set; }

        /// <summary>Peer address and port.</summary>
        public string? PeerAddress { get; set; }

        public string? SopClassUid { get; set; }

        public string? SopInstanceUid { get; set; }

        public string? TransferSyntaxUid { get; set; }

        /// <summary>Final path of the stored file (null when not stored).</summary>
        public string? Path { get; set; }

        /// <summary>Size of the stored file in bytes (file meta header included).</summary>
        public long Length { get; set; }

        /// <summary>The DIMSE status sent in the C-STORE-RSP.</summary>
        public ushort Status { get; set; }

        /// <summary>True when the file is durably stored under its final name and a success status was sent.</summary>
        public bool Stored { get; set; }

        /// <summary>Error comment sent with a failure status (≤ 64 characters, no data values).</summary>
        public string? ErrorComment { get; set; }

        public DateTimeOffset ReceivedAt { get; set; }
    }
}
