#nullable enable
using System;
using System.Collections.Generic;

namespace HamletPS.Core.Heartbeat
{
    /// <summary>
    /// The checks of the heartbeat (Test-HamletService, `hamlet heartbeat`), in the order they are reported: the configured PACS
    /// (C-ECHO), our own receiver (C-ECHO to DICOMNODE), its incoming folder (a file written and removed), the Azure Files share
    /// (TCP reach of the endpoint, then one authenticated request).
    /// </summary>
    public static class HeartbeatCheckNames
    {
        public const string Pacs = "Pacs";
        public const string Receiver = "Receiver";
        public const string Incoming = "Incoming";
        public const string Share = "Share";

        /// <summary>Every check, in report order.</summary>
        public static IReadOnlyList<string> All { get; } = new[] { Pacs, Receiver, Incoming, Share };

        /// <summary>The canonical name of <paramref name="name"/> (case ignored), or null when it names no check.</summary>
        public static string? Canonical(string? name)
        {
            foreach (string check in All)
                if (string.Equals(check, name?.Trim(), StringComparison.OrdinalIgnoreCase)) return check;
            return null;
        }
    }
}
