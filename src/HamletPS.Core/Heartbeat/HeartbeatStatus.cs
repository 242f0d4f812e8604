#nullable enable
namespace HamletPS.Core.Heartbeat
{
    /// <summary>How one heartbeat check ended.</summary>
    public enum HeartbeatStatus
    {
        /// <summary>The service answered.</summary>
        Passed,
        /// <summary>The service did not answer, or refused: the reason says why, naming the peer.</summary>
        Failed,
        /// <summary>Not configured (no PACS section, no AZURE section) and not asked for by name: nothing was tried.</summary>
        Skipped,
    }
}
