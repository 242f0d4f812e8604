using System;

namespace HamletPS.Dicom.Network
{
    /// <summary>A PDU or item is malformed (PS3.8 9.3): bad type, length beyond its container or beyond our limits.</summary>
    public sealed class PduFormatException : Exception
    {
        public PduFormatException(int offset, string reason)
            : base("PDU byte offset " + offset + ": " + reason)
        {
            Offset = offset;
            Reason = reason;
        }

        /// <summary>Byte offset within the PDU where the problem was found.</summary>
        public int Offset { get; }

        /// <summary>Why the PDU was rejected.</summary>
        public string Reason { get; }
    }
}
