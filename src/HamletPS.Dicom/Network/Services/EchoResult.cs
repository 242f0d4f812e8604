using System;

namespace HamletPS.Dicom.Network
{
    /// <summary>Outcome of one C-ECHO (Test-DicomEcho, hamlet echo).</summary>
    public sealed class EchoResult
    {
        public string? Host { get; set; }

        public int Port { get; set; }

        public string? CalledAeTitle { get; set; }

        public string? CallingAeTitle { get; set; }

        /// <summary>True when the peer answered the C-ECHO with status 0000.</summary>
        public bool Success { get; set; }

        /// <summary>DIMSE status of the C-ECHO-RSP (null when none arrived).</summary>
        public ushort? Status { get; set; }

        /// <summary>C-ECHO-RQ sent to C-ECHO-RSP received.</summary>
        public TimeSpan RoundTrip { get; set; }

        /// <summary>Connect + association negotiation + echo + release.</summary>
        public TimeSpan Total { get; set; }

        /// <summary>Why it failed (rejection, abort, timeout, connection refused); null on success.</summary>
        public string? Error { get; set; }
    }
}
