#nullable enable
namespace HamletPS.Core.Heartbeat
{
    /// <summary>
    /// One check of the heartbeat: which service (<see cref="Name"/>), where (<see cref="Target"/>), whether it answered, how
    /// long it took and, when it failed, why (the reason names the peer; never a secret).
    /// </summary>
    public sealed class HeartbeatResult
    {
        /// <summary>Pacs, Receiver, Incoming or Share (<see cref="HeartbeatCheckNames"/>).</summary>
        public string Name { get; set; } = "";

        /// <summary>The peer or place checked: "AET@host:port", the incoming folder, or "account/share".</summary>
        public string Target { get; set; } = "";

        /// <summary>False only when the check failed (a skipped check is not a failure).</summary>
        public bool Ok => Status != HeartbeatStatus.Failed;

        public HeartbeatStatus Status { get; set; }

        /// <summary>The time the check took (connect, association, echo and release; the write; the request), in milliseconds; null when skipped.</summary>
        public double? LatencyMilliseconds { get; set; }

        /// <summary>Why it failed or was skipped, naming the peer; null when it passed.</summary>
        public string? Reason { get; set; }

        /// <summary>The error id of a failure (DicomEchoFailed, IncomingFolderNotWritable, ShareUnreachable, AuthenticationFailed, ShareNotFound …); null otherwise.</summary>
        public string? ErrorId { get; set; }
    }
}
