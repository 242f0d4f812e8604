using System;

namespace HamletPS.Dicom.Network
{
    /// <summary>
    /// A DICOM network failure: a protocol violation by the peer, a rejected or aborted association, a timeout.
    /// The message names the peer and the reason, never a data value.
    /// </summary>
    public class DicomNetworkException : Exception
    {
        public DicomNetworkException(string peer, string reason, Exception? inner = null)
            : base((string.IsNullOrEmpty(peer) ? "<peer>" : peer) + ": " + reason, inner)
        {
            Peer = peer;
            Reason = reason;
        }

        /// <summary>Peer description (address:port and AE title when known).</summary>
        public string Peer { get; }

        /// <summary>Why the exchange failed.</summary>
        public string Reason { get; }
    }
}
