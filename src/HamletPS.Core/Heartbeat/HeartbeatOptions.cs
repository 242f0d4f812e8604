#nullable enable
using System;
using System.Collections.Generic;
using HamletPS.Core.Network;
using HamletPS.Core.Upload;

namespace HamletPS.Core.Heartbeat
{
    /// <summary>What the heartbeat checks (made by <see cref="HeartbeatSetup"/>): a null peer, folder or share is not checked.</summary>
    public sealed class HeartbeatOptions
    {
        /// <summary>The PACS section's peer, called as DICOMNODE.AET; null: no PACS is configured.</summary>
        public DicomPeer? Pacs { get; set; }

        /// <summary>Our own receiver (DICOMNODE), on loopback or its listen address.</summary>
        public DicomPeer? Receiver { get; set; }

        /// <summary>DATAPATH.INCOMING, where the receiver writes.</summary>
        public string? Incoming { get; set; }

        /// <summary>The Azure Files share of the AZURE section (or the environment's credentials).</summary>
        public ResolvedShare? Share { get; set; }

        /// <summary>How long each check may take.</summary>
        public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(HeartbeatSetup.DefaultTimeoutSeconds);

        /// <summary>Checks not run, with the reason (not configured).</summary>
        public IDictionary<string, string> Skipped { get; } = new Dictionary<string, string>(StringComparer.Ordinal);
    }
}
