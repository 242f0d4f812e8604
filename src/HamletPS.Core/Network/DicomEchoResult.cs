namespace HamletPS.Core.Network
{
    /// <summary>The outcome of one C-ECHO (Test-DicomEcho, <c>hamlet echo</c>).</summary>
    public sealed class DicomEchoResult
    {
        public string Host { get; set; }

        public int Port { get; set; }

        public string CalledAE { get; set; }

        public string CallingAE { get; set; }

        /// <summary>True when the peer answered the C-ECHO with status 0000.</summary>
        public bool Success { get; set; }

        /// <summary>C-ECHO request sent to response received, in milliseconds (0 when none came).</summary>
        public double RoundTripMilliseconds { get; set; }

        /// <summary>Connect, association, echo and release, in milliseconds.</summary>
        public double TotalMilliseconds { get; set; }

        /// <summary>Why it failed (connection refused, association rejected, timeout …); null on success.</summary>
        public string Error { get; set; }

        /// <summary>"CALLED@host:port", the target of the error record when the echo fails.</summary>
        public string Peer => CalledAE + "@" + Host + ":" + Port;
    }
}
